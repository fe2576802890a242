"""A loopback proxy that checks every request the gateway sends to Alibaba Cloud with the
official SDK code (ACS3: alibabacloud_openapi_util's get_authorization over the headers the
request signs; RPC v1: its get_rpcsignature; business parameters: the Tea SDK's request models of
alibabacloud_r_kvstore20150101 take them without dropping or changing any), then forwards the
request to an Alibaba simulator. Prints one line per request.

    pip install alibabacloud-r-kvstore20150101 alibabacloud-tea-openapi alibabacloud-openapi-util
    python3 scripts/alibaba-wire-check.py ACCESS_KEY_ID SECRET http://127.0.0.1:SIM_PORT PROXY_PORT

Point a `provider: alibaba` account's `endpoint` at http://127.0.0.1:PROXY_PORT with the same
credentials as the simulator (either signatureVersion), and drive the gateway.
"""
import http.server, sys, urllib.parse, urllib.request
from alibabacloud_openapi_util.client import Client as Util
from alibabacloud_r_kvstore20150101 import models

ACCESS_KEY_ID, SECRET, UPSTREAM, PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
COMMON = {"Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce",
          "Timestamp", "Signature", "SecurityToken", "SignatureType", "RegionId"}


class TeaRequest:
    def __init__(self, method, query, headers):
        self.method, self.pathname, self.query, self.headers = method, "/", query, headers


class Handler(http.server.BaseHTTPRequestHandler):
    def handle_any(self):
        raw_query = urllib.parse.urlsplit(self.path).query
        query = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length", 0) or 0)
        body = self.rfile.read(length) if length else b""
        auth = headers.get("authorization", "")
        if auth.startswith("ACS3-HMAC-SHA256"):
            scheme, action = "acs3", headers.get("x-acs-action")
            signed = dict(part.split("=", 1) for part in auth.split(" ", 1)[1].split(","))["SignedHeaders"].split(";")
            expected = Util.get_authorization(
                TeaRequest(self.command, query, {h: headers[h] for h in signed}), "ACS3-HMAC-SHA256",
                headers.get("x-acs-content-sha256"), ACCESS_KEY_ID, SECRET)
            ok_sig = expected == auth
            business = query
        else:
            scheme, action = "v1", query.get("Action")
            params = {k: v for k, v in query.items() if k != "Signature"}
            ok_sig = Util.get_rpcsignature(params, self.command, SECRET) == query.get("Signature")
            business = {k: v for k, v in query.items() if k not in COMMON or (action == "DescribeClusterBackupList" and k == "RegionId")}
        model = getattr(models, action + "Request")()
        model.from_map(business)
        sdk = {k: str(v) for k, v in model.to_map().items() if v is not None}
        ok_params = sdk == business
        print("%-5s %-27s %-4s signature=%s params=%s" % (scheme, action, self.command, "OK" if ok_sig else "MISMATCH",
              "OK" if ok_params else "DIFF ours=%s sdk=%s" % (business, sdk)), flush=True)
        forward = urllib.request.Request(UPSTREAM + self.path, data=body or None, method=self.command,
                                         headers={k: v for k, v in self.headers.items() if k.lower() != "content-length"})
        try:
            with urllib.request.urlopen(forward) as r:
                status, data, ctype = r.status, r.read(), r.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as e:
            status, data, ctype = e.code, e.read(), e.headers.get("Content-Type", "application/json")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = handle_any

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
