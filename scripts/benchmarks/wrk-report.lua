-- wrk script for scripts/bench: optional method/body/headers from the environment, and a JSON
-- report of the latency distribution (microseconds) and the responses by status class.
--   BENCH_METHOD (default GET), BENCH_BODY, BENCH_HEADERS ("Name: value|Name: value"),
--   BENCH_PATH_TEMPLATE (a path with %d replaced by a random number 1..BENCH_PATH_RANGE).
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local template = os.getenv("BENCH_PATH_TEMPLATE")
local range = tonumber(os.getenv("BENCH_PATH_RANGE") or "1")
local headers = {}
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
    local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
    if name then headers[name] = value end
end
if body then headers["Content-Type"] = headers["Content-Type"] or "application/json" end

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = { s2 = 0, s4 = 0, s5 = 0, other = 0 }
end

function request()
    local path = wrk.path
    if template then path = string.format(template, math.random(1, range)) end
    return wrk.format(method, path, headers, body)
end

function response(status, hdrs, content)
    if status >= 200 and status < 300 then statuses.s2 = statuses.s2 + 1
    elseif status >= 400 and status < 500 then statuses.s4 = statuses.s4 + 1
    elseif status >= 500 then statuses.s5 = statuses.s5 + 1
    else statuses.other = statuses.other + 1 end
end

function done(summary, latency, requests)
    local totals = { s2 = 0, s4 = 0, s5 = 0, other = 0 }
    for _, thread in ipairs(threads) do
        local counted = thread:get("statuses")
        for key, value in pairs(counted) do totals[key] = totals[key] + value end
    end
    local points = { 50, 75, 90, 95, 99, 99.9 }
    local parts = {}
    for _, p in ipairs(points) do
        table.insert(parts, string.format('"%s": %d', tostring(p), latency:percentile(p)))
    end
    io.write(string.format(
        'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
        '"statuses": {"2xx": %d, "4xx": %d, "5xx": %d, "other": %d}, "latency_us": {"min": %d, "mean": %.1f, "max": %d, "percentiles": {%s}}}\n',
        summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.status, summary.errors.timeout, totals.s2, totals.s4, totals.s5, totals.other,
        latency.min, latency.mean, latency.max, table.concat(parts, ", ")))
end
