-- The conversations' poll (#10): GET /api/conversations/poll from many open phones, each with
-- its own session cookie and the ETag of its last answer. The data file defines PATH, COOKIES
-- and TAGS (same order). A 304 is the answer we want ("nothing new"): it counts as ok.
package.path = "bench/lua/?.lua;" .. package.path
require("common").install()

local counter = 0
local counted = response

function init(args)
  dofile(args[1])
end

function request()
  counter = counter + 1
  local i = (counter % #COOKIES) + 1
  local headers = {
    ["Cookie"] = COOKIES[i],
    ["If-None-Match"] = TAGS[i],
    ["User-Agent"] = "stagewijs-bench/1",
  }
  return wrk.format("GET", PATH, headers)
end

function response(status, headers, body)
  if status == 304 then
    ok = ok + 1
  else
    counted(status, headers, body)
  end
end
