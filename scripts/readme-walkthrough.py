"""Runs the curl walk-through of README.md against a running sandbox (`backup-gateway serve
--sandbox` on 127.0.0.1:8080) and prints each step as a Markdown console block, so README shows
real output. Ids, request ids and times differ on every run.

    python3 scripts/readme-walkthrough.py > /tmp/walkthrough.md
    python3 scripts/readme-walkthrough.py --update README.md   # refresh README's blocks in place

In README.md each block follows a `<!-- name -->` marker naming the step below.
"""
import io, json, re, subprocess, sys, time
from contextlib import redirect_stdout

G = "localhost:8080"
state = {}


def run(cmd):
    shown = cmd.format(**state)
    out = subprocess.run(["bash", "-c", shown], capture_output=True, text=True).stdout.rstrip()
    out = out.replace("\r\n", "\n")
    return shown, out


def block(title, *cmds, keep=None, wait=0):
    """One console block. A command ending in `#setup` (a variable assignment) is shown and
    kept for the block's later commands instead of being run on its own."""
    if wait:
        time.sleep(wait)
    print(f"<!-- {title} -->")
    print("```console")
    setup = []
    for cmd in cmds:
        if cmd.endswith("#setup"):
            line = cmd[: -len("#setup")].rstrip()
            setup.append(line)
            print("$ " + line)
            continue
        shown, out = run("; ".join(setup + [cmd]))
        shown = cmd.format(**state)
        if len(shown) > 100:
            shown = shown.replace(" -H 'Content-Type", " \\\n    -H 'Content-Type").replace(" --data ", " \\\n    --data ")
        print("$ " + shown)
        print(out)
        if keep:
            body = out[out.find("{"):]
            try:
                state.update({k: json.loads(body)[v] for k, v in keep.items()})
            except Exception:
                pass
    print("```\n")


def walkthrough():
    J = "-H 'Content-Type: application/json'"
    block("providers", f"curl -s {G}/providers")
    block("instance", f"curl -s {G}/instances/crs-sandbox01")
    block("list", f"curl -s {G}/instances/crs-sandbox01/backups")
    block("backup", f"curl -s -i -X POST {G}/instances/crs-sandbox01/backups {J} --data '{{{{\"remark\": \"before-deploy\", \"retentionDays\": 7}}}}'", keep={"op": "id"})
    block("poll running", f"curl -s -i {G}/operations/{{op}}")
    block("poll done", f"curl -s {G}/operations/{{op}}", wait=6)
    block("operations", f"curl -s '{G}/operations?instanceId=crs-sandbox01&kind=backup'")
    block("restore no password", f"curl -s -X POST {G}/instances/crs-sandbox01/restores {J} --data '{{{{\"backupId\": \"678362566696298532848117\", \"confirmOverwrite\": true}}}}'")
    block("restore", f"curl -s -i -X POST {G}/instances/crs-sandbox01/restores {J} --data '{{{{\"backupId\": \"678362566696298532848117\", \"instancePassword\": \"sandbox-password\", \"confirmOverwrite\": true}}}}'", keep={"restore": "id"})
    block("restore done", f"curl -s {G}/operations/{{restore}}", wait=6)
    block("pitr on tencent", f"curl -s -X POST {G}/instances/crs-sandbox01/restores {J} --data '{{{{\"pointInTime\": \"2026-11-23T08:00:00Z\", \"confirmOverwrite\": true}}}}'")
    block("isolated", f"curl -s -X POST {G}/instances/crs-sandbox03/backups {J} --data '{{{{}}}}'", f"curl -s {G}/instances/crs-nope")
    block("alibaba instance", f"curl -s {G}/instances/r-sandbox-tair01")
    block("alibaba redis capabilities", f"curl -s {G}/instances/r-sandbox-redis02 | grep -A3 -E 'inPlaceRestore|pointInTimeRestore|new instance'")
    block("alibaba backup", f"curl -s -X POST {G}/instances/r-sandbox-tair01/backups {J} --data '{{{{\"retentionDays\": 30}}}}'", keep={"aop": "id"})
    block("alibaba backup done", f"curl -s {G}/operations/{{aop}}", wait=6)
    block("alibaba pitr", "HOUR_AGO=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)  #setup",
          f"curl -s -X POST {G}/instances/r-sandbox-tair01/restores {J} --data '{{{{\"pointInTime\": \"'$HOUR_AGO'\", \"confirmOverwrite\": true}}}}'",
          keep={"pitr": "id"})
    block("alibaba pitr done", f"curl -s {G}/operations/{{pitr}}", wait=7)
    block("alibaba keys", "TWO_HOURS_AGO=$(date -u -d '2 hours ago' +%Y-%m-%dT%H:%M:%SZ)  #setup",
          "HOUR_AGO=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)  #setup",
          f"curl -s -X POST {G}/instances/r-sandbox-tair01/restores {J} --data '{{{{\"pointInTime\": \"'$TWO_HOURS_AGO'\", \"keyPatterns\": [\"user:.*\", \"cart:[0-9]+\"], \"timeShift\": \"'$HOUR_AGO'\", \"confirmOverwrite\": true}}}}'",
          keep={"keys": "id"})
    block("alibaba keys done", f"curl -s {G}/operations/{{keys}}", wait=7)
    block("alibaba refusals", f"curl -s -X POST {G}/instances/r-sandbox-redis02/restores {J} --data '{{{{\"backupId\": \"1000000003\", \"confirmOverwrite\": true}}}}'",
          f"curl -s -X POST {G}/instances/r-sandbox-tair01/restores {J} --data '{{{{\"pointInTime\": \"2026-01-01T00:00:00Z\", \"confirmOverwrite\": true}}}}'")
    HA = "7c2f1a8e-0000-4000-8000-000000000002"
    SINGLE = "7c2f1a8e-0000-4000-8000-000000000001"
    block("huawei instance", f"curl -s {G}/instances/{HA}")
    block("huawei backup", f"curl -s -X POST {G}/instances/{HA}/backups {J} --data '{{{{\"remark\": \"before-upgrade\", \"format\": \"rdb\"}}}}'", keep={"hop": "id"})
    block("huawei backup done", f"curl -s {G}/operations/{{hop}}", wait=6)
    block("huawei list", f"curl -s '{G}/instances/{HA}/backups?pageSize=2'")
    block("huawei restore", f"curl -s -X POST {G}/instances/{HA}/restores {J} --data '{{{{\"backupId\": \"5e1b9d40-0000-4000-8000-00000000b001\", \"confirmOverwrite\": true}}}}'", keep={"hres": "id"})
    block("huawei restore done", f"curl -s {G}/operations/{{hres}}", wait=7)
    block("huawei single", f"curl -s -X POST {G}/instances/{SINGLE}/backups {J} --data '{{{{}}}}'")
    block("legacy backup", f"curl -s -X POST {G}/instances/crs-legacy01/backups {J} --data '{{{{\"remark\": \"nightly\"}}}}'", keep={"lop": "id"})
    block("legacy backup done", f"curl -s {G}/operations/{{lop}}", keep={"lbackup": "backupId"}, wait=6)
    block("legacy restore", f"curl -s -X POST {G}/instances/crs-legacy01/restores {J} --data '{{{{\"backupId\": \"{{lbackup}}\", \"instancePassword\": \"legacy-password\", \"confirmOverwrite\": true}}}}'")
    block("ops", f"curl -s {G}/healthz", f"curl -s {G}/readyz", f"curl -s {G}/openapi.yaml | head -1")



def update(readme):
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        walkthrough()
    blocks = dict(re.findall(r"<!-- (.+?) -->\n(```console\n.*?\n```)\n", buffer.getvalue(), re.S))
    text = open(readme).read()
    def replace(match):
        name = match.group(1)
        return f"<!-- {name} -->\n{blocks[name]}" if name in blocks else match.group(0)
    text = re.sub(r"<!-- (.+?) -->\n```console\n.*?\n```", replace, text, flags=re.S)
    open(readme, "w").write(text)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--update":
        update(sys.argv[2])
    else:
        walkthrough()
