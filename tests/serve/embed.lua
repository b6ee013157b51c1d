-- wrk script for tests/cli/serve_load.sh and the BENCHMARKS figures: POST /embed, one short
-- sentence per request (a different one each time), and a one-line JSON summary at the end.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"inputs": "sentence number %d about the quick brown fox", "truncate": true}', n % 1000)
  return wrk.format(nil, "/embed", nil, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_SUMMARY {"requests": %d, "seconds": %.3f, "connect": %d, "read": %d, "write": %d, ' ..
                         '"status": %d, "timeout": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
                         summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
