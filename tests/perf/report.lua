-- Prints wrk's figures as one JSON line (after the human summary) for bench.ts to parse.
-- Optional: WRK_PATHS, a file with one request path per line, requested in turn.
local paths = {}
local n = 0
local file = os.getenv("WRK_PATHS")
if file then
  for line in io.lines(file) do paths[#paths + 1] = line end
end

request = function()
  if #paths == 0 then return wrk.format(nil) end
  n = n % #paths + 1
  return wrk.format(nil, paths[n])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
