-- Hour-entry creates as phones send them: a new UUID and a free 15-minute slot every request.
-- Requests rotate over the logged-in load students (their own cookie each), so no two entries
-- of a student overlap and no day passes the 9-hour cap: 35 slots from 08:00 to 16:45.
-- The data file (first script argument) defines STUDENTS = {{cookie=, placement=}, ...},
-- DATES = {"2026-01-05", ...}, RUN_TAG (a random number per run), IDEMPOTENCY_KEY and
-- REUSE_SLOTS (the bare app only).
package.path = "bench/lua/?.lua;" .. package.path
require("common").install()

local SLOTS_PER_DAY = 35
local counter = 0
local max_requests = 0

function init(args)
  dofile(args[1])
  max_requests = #STUDENTS * #DATES * SLOTS_PER_DAY - 64  -- leave room for requests in flight
  math.randomseed(RUN_TAG)
end

local function uuid4(n)
  -- unique within a run by the counter n, across runs by RUN_TAG
  return string.format("%08x-%04x-4%03x-%04x-%012x", RUN_TAG, math.random(0, 0xffff),
    math.random(0, 0x0fff), 0x8000 + math.random(0, 0x3fff), n)
end

function request()
  local n = counter
  counter = counter + 1
  if n >= max_requests then
    -- The app must never get a slot twice (it would refuse the overlap), so its run ends here.
    -- The bare app stores nothing: it reuses slots, else this cap would be its throughput.
    if not REUSE_SLOTS then wrk.thread:stop() end
    n = n % max_requests
  end
  local student = STUDENTS[(n % #STUDENTS) + 1]
  local k = math.floor(n / #STUDENTS)
  local date = DATES[math.floor(k / SLOTS_PER_DAY) + 1]
  local start = 8 * 60 + (k % SLOTS_PER_DAY) * 15
  local finish = start + 15
  local id = uuid4(n)
  local body = string.format(
    '{"id": "%s", "date": "%s", "start_time": "%02d:%02d", "end_time": "%02d:%02d", ' ..
    '"category": 1, "description": "Benchmark: stand-up en code review"}',
    id, date, math.floor(start / 60), start % 60, math.floor(finish / 60), finish % 60)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = student.cookie,
    ["User-Agent"] = "stagewijs-bench/1",
  }
  if IDEMPOTENCY_KEY then headers["Idempotency-Key"] = "op-" .. id end
  return wrk.format("POST", "/api/placements/" .. student.placement .. "/entries", headers, body)
end
