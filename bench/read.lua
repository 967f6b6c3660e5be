-- wrk script: every request carries the token of another customer (one per line of $TOKENS), and the
-- end of the run prints one machine-readable RESULT line.
local tokens = {}
local position = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    tokens[#tokens + 1] = "Bearer " .. line
  end
  position = (thread_number or 0) * 4999 % #tokens
end

function request()
  position = position % #tokens + 1
  return wrk.format("GET", nil, { Authorization = tokens[position] })
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors))
end
