-- wrk script: real multipart uploads of one PNG into pre-created KYC slots.
--   BENCH_BODY_FILE   the PNG to send (form field "file", like the API's clients)
--   BENCH_SLOTS_FILE  one slot per line: "<customer index> <upload path>"
--   BENCH_TOKEN       sent as x-connectfi-token
--   BENCH_SAME_SLOT   "1": every connection uploads into the first slot (the lock path); otherwise
--                     thread t rotates over the customers whose index mod threads is t, so two
--                     requests in flight never share a customer's row lock
-- done() prints one line "BENCH_JSON {...}" (latencies in microseconds) for bench/bench.py.

local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local slots = {}
local headers, body
local count = 0
local cache_requests

local function read_file(path, mode)
  local f = assert(io.open(path, mode))
  local content = f:read("*a")
  f:close()
  return content
end

function init(args)
  local png = read_file(os.getenv("BENCH_BODY_FILE"), "rb")
  local boundary = "----kycsandbox-bench-7d1f3a"
  body = "--" .. boundary .. "\r\n"
    .. 'Content-Disposition: form-data; name="file"; filename="document.png"\r\n'
    .. "Content-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
  headers = {
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
    ["x-connectfi-token"] = os.getenv("BENCH_TOKEN"),
  }
  local threads_total = tonumber(os.getenv("BENCH_THREADS"))
  local same_slot = os.getenv("BENCH_SAME_SLOT") == "1"
  local paths = {}
  for line in io.lines(os.getenv("BENCH_SLOTS_FILE")) do
    local customer, path = line:match("^(%d+) (%S+)$")
    if same_slot then
      table.insert(paths, path)
      break
    end
    if tonumber(customer) % threads_total == thread_id then
      table.insert(paths, path)
    end
  end
  assert(#paths > 0, "no slot for thread " .. tostring(thread_id))
  -- whole requests are built once when they fit in 64 MiB per thread, else per request
  cache_requests = #body * #paths <= 64 * 1024 * 1024
  for i, path in ipairs(paths) do
    slots[i] = { path = path }
  end
end

function request()
  count = count + 1
  local slot = slots[(count - 1) % #slots + 1]
  if slot.raw then
    return slot.raw
  end
  local raw = wrk.format("POST", slot.path, headers, body)
  if cache_requests then
    slot.raw = raw
  end
  return raw
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,'
    .. '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
    .. '"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
