-- wrk script: posts pre-built, validly signed Standard Webhooks deliveries read from a data file.
-- Each thread takes its own slice of the file (line index modulo thread count) in init(), so no two threads
-- send the same delivery. Environment: DELIVERIES (data file), WEBHOOK_PATH (default /webhooks/bench).
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("DELIVERIES")
  local target = os.getenv("WEBHOOK_PATH") or "/webhooks/bench"
  local total = tonumber(os.getenv("THREADS") or "2")
  requests = {}
  local line_number = 0
  for line in io.lines(path) do
    if line_number % total == index then
      local id, ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", target, {
        ["Content-Type"] = "application/json",
        ["webhook-id"] = id,
        ["webhook-timestamp"] = ts,
        ["webhook-signature"] = sig,
      }, body)
    end
    line_number = line_number + 1
  end
  position = 0
end

function request()
  position = position + 1
  if position > #requests then position = 1 end
  return requests[position]
end
