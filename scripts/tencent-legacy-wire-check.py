"""A loopback proxy that checks every request the gateway sends to Tencent's legacy CRS API 2.0
with the official legacy SDK's signing code (QcloudApi `Sign.make`, pip package
qcloudapi-sdk-python) — same parameters, same method, same host — then forwards the request to a
legacy simulator. Prints one line per request.

    pip install qcloudapi-sdk-python
    python3 scripts/tencent-legacy-wire-check.py SECRET_ID SECRET_KEY http://127.0.0.1:SIM_PORT PROXY_PORT

Point a `provider: tencent-legacy` account's `endpoint` at http://127.0.0.1:PROXY_PORT.
"""
import http.server, sys, urllib.error, urllib.parse, urllib.request
from QcloudApi.common.sign import Sign

SECRET_ID, SECRET_KEY, UPSTREAM, PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
BUSINESS = {
    "ManualBackupInstance": {"redisId", "remark"}, "RestoreInstance": {"redisId", "password", "backupId"},
    "GetRedisBackupList": {"limit", "offset", "redisId", "beginTime", "endTime"}, "DescribeTaskInfo": {"requestId"},
    "DescribeRedis": {"limit", "offset", "redisId"},
}
COMMON = {"Action", "Region", "Timestamp", "Nonce", "SecretId", "SignatureMethod", "Signature", "Token", "RequestClient"}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        params = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        signature = params.pop("Signature", "")
        expected = Sign(SECRET_ID, SECRET_KEY).make(self.headers.get("Host"), urllib.parse.urlsplit(self.path).path, params,
                                                    "POST", params.get("SignatureMethod", "HmacSHA1"))
        action = params.get("Action")
        business = set(params) - COMMON
        ok_params = action in BUSINESS and business <= BUSINESS[action]
        print("%-22s signature=%s params=%s" % (action, "OK" if expected == signature else "MISMATCH",
              "OK" if ok_params else "DIFF %s" % sorted(business)), flush=True)
        forward = urllib.request.Request(UPSTREAM + self.path, data=body, method="POST",
                                         headers={k: v for k, v in self.headers.items() if k.lower() != "content-length"})
        try:
            with urllib.request.urlopen(forward) as r:
                status, data = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
