"""A loopback proxy that checks every request the gateway sends with Tencent's official Python SDK
(signature: Sign.sign_tc3 over the canonical request the SDK builds; business parameters: the
SDK's request models round-trip them unchanged and warn about nothing), then forwards it to a
Tencent simulator. Prints one line per request.

    pip install tencentcloud-sdk-python-common tencentcloud-sdk-python-redis
    python3 scripts/tencent-wire-check.py SECRET_ID SECRET_KEY http://127.0.0.1:SIM_PORT PROXY_PORT

Point a `provider: tencent` account's `endpoint` at http://127.0.0.1:PROXY_PORT with the same
credentials as the simulator, and drive the gateway (backup, poll, list, restore, poll).
"""
import hashlib, http.server, json, sys, urllib.request
from datetime import datetime, timezone
from tencentcloud.common.sign import Sign
from tencentcloud.redis.v20180412 import models

SECRET_ID, SECRET_KEY, UPSTREAM, PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
results = []

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        h = {k.lower(): v for k, v in self.headers.items()}
        action = h["x-tc-action"]; ts = int(h["x-tc-timestamp"])
        date = datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d")
        # exactly the SDK's canonical request (AbstractClient._get_tc3_signature)
        canonical = "POST\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s" % (
            h["content-type"], h["host"], hashlib.sha256(body).hexdigest())
        s2s = "TC3-HMAC-SHA256\n%d\n%s/redis/tc3_request\n%s" % (ts, date, hashlib.sha256(canonical.encode()).hexdigest())
        expected = Sign.sign_tc3(SECRET_KEY, date, "redis", s2s)
        auth = h["authorization"]
        ok_sig = auth == "TC3-HMAC-SHA256 Credential=%s/%s/redis/tc3_request, SignedHeaders=content-type;host, Signature=%s" % (SECRET_ID, date, expected)
        params = json.loads(body)
        model = getattr(models, action + "Request")()
        import warnings
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            model._deserialize(params)
        sdk_params = json.loads(model.to_json_string())
        sdk_params = {k: v for k, v in sdk_params.items() if v is not None}
        ok_params = sdk_params == params and not w
        results.append((action, ok_sig, ok_params))
        print("%-26s signature=%s params=%s" % (action, "OK" if ok_sig else "MISMATCH", "OK" if ok_params else "DIFF %s vs %s %s" % (params, sdk_params, [str(x.message) for x in w])), flush=True)
        req = urllib.request.Request(UPSTREAM + "/", data=body, method="POST", headers={k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")} | {"Host": h["host"]})
        with urllib.request.urlopen(req) as r:
            data = r.read()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def log_message(self, *a): pass

http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
