"""A loopback proxy that checks every request the gateway sends to Huawei Cloud DCS with the
official SDK (huaweicloudsdkcore's Signer re-signs the request over exactly the headers it lists
in SignedHeaders, with its X-Sdk-Date, and must produce the same Authorization; business
parameters of v2 calls go through the SDK's request models of huaweicloudsdkdcs unchanged), then
forwards the request to a Huawei simulator. Prints one line per request.

    pip install huaweicloudsdkcore huaweicloudsdkdcs
    python3 scripts/huawei-wire-check.py AK SK http://127.0.0.1:SIM_PORT PROXY_PORT

Point a `provider: huawei` account's `endpoint` at http://127.0.0.1:PROXY_PORT with the same
credentials and projectId as the simulator (apiVersion v2 or v1.0), and drive the gateway.
"""
import http.server, json, sys, urllib.error, urllib.parse, urllib.request
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkdcs.v2 import model

AK, SK, UPSTREAM, PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
V2_QUERY = {"backups": model.ListBackupRecordsRequest, "restores": model.ListRestoreRecordsRequest}
V2_BODY = {"backups": model.BackupInstanceBody, "restores": model.RestoreInstanceBody}
V1_QUERY = {"beginTime", "endTime", "start", "limit"}


def business_ok(method, path, query, body):
    """The parameters as the official SDK's models would carry them (v2), or as huawei.md §2 names them (v1.0)."""
    parts = path.strip("/").split("/")
    kind = parts[-1]
    if parts[0] == "v1.0":
        if method == "GET":
            return set(query) <= V1_QUERY
        return set(json.loads(body or b"{}")) <= ({"remark"} if kind == "backups" else {"backup_id", "remark"})
    if method == "GET" and kind in V2_QUERY:
        request = V2_QUERY[kind](instance_id=parts[-2], **{k: (int(v) if k in ("limit", "offset") else v) for k, v in query.items()})
        sdk = {k: str(v) for k, v in request.to_dict().items() if v is not None and k != "instance_id"}
        return sdk == query
    if method == "POST" and kind in V2_BODY:
        sent = json.loads(body)
        return {k: v for k, v in V2_BODY[kind](**sent).to_dict().items() if v is not None} == sent
    return not query and not body


class Handler(http.server.BaseHTTPRequestHandler):
    def handle_any(self):
        split = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length", 0) or 0)
        body = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization", "")
        signed = auth.split("SignedHeaders=")[1].split(",")[0].split(";") if "SignedHeaders=" in auth else []
        headers = {name: self.headers.get(name) for name in signed}
        request = SdkRequest(method=self.command, schema="http", host=self.headers.get("Host"), resource_path=split.path,
                             query_params=list(urllib.parse.parse_qsl(split.query, keep_blank_values=True)),
                             header_params=headers, body=body or None)
        Signer(BasicCredentials(AK, SK)).sign(request)
        ok_sig = request.header_params.get("Authorization") == auth
        ok_params = business_ok(self.command, split.path, query, body)
        print("%-4s %-70s signature=%s params=%s" % (self.command, split.path[:70], "OK" if ok_sig else "MISMATCH",
              "OK" if ok_params else "DIFF %s %s" % (query, body)), flush=True)
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
