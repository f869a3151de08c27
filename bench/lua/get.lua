-- GET one path with a rotating set of session cookies (one per logged-in user).
-- The data file defines PATH and COOKIES = {"stagewijs_session=...", ...}.
package.path = "bench/lua/?.lua;" .. package.path
require("common").install()

local counter = 0

function init(args)
  dofile(args[1])
end

function request()
  counter = counter + 1
  local headers = {
    ["Cookie"] = COOKIES[(counter % #COOKIES) + 1],
    ["User-Agent"] = "stagewijs-bench/1",
  }
  return wrk.format("GET", PATH, headers)
end
