-- Shared by the wrk scripts: status counters per thread and one JSON line at the end.
-- wrk runs init/request/response in each thread's Lua state and setup/done in the main one,
-- so the counters are fetched from the threads with thread:get().
local M = {}

local function json_string(s)
  local escaped = string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. escaped .. '"'
end

function M.install()
  local threads = {}
  ok, client_errors, server_errors, first_error = 0, 0, 0, ""

  function setup(thread)
    table.insert(threads, thread)
  end

  function response(status, headers, body)
    if status < 300 then
      ok = ok + 1
    else
      if status < 500 then client_errors = client_errors + 1 else server_errors = server_errors + 1 end
      if first_error == "" then
        first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300)
      end
    end
  end

  function done(summary, latency, requests)
    local totals = {ok = 0, client_errors = 0, server_errors = 0}
    local sample = ""
    for _, t in ipairs(threads) do
      for k, _ in pairs(totals) do totals[k] = totals[k] + (t:get(k) or 0) end
      local e = t:get("first_error")
      if sample == "" and e and e ~= "" then sample = e end
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    local out = string.format(
      '{"requests": %d, "seconds": %.3f, "rps": %.2f, "ok": %d, "ok_rps": %.2f, ' ..
      '"client_errors": %d, "server_errors": %d, "socket_errors": %d, ' ..
      '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, "max_ms": %.3f, ' ..
      '"first_error": %s}',
      summary.requests, seconds, summary.requests / seconds, totals.ok, totals.ok / seconds,
      totals.client_errors, totals.server_errors, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
      json_string(sample))
    io.write("BENCH_JSON " .. out .. "\n")
  end
end

return M
