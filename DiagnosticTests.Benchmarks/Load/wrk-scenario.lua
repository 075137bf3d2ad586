-- wrk script for one benchmark scenario. WrkLoadGenerator fills in the lines marked "generated" (paths,
-- method, headers, body template, check) and reads the BENCH_JSON line that done() prints.
-- Each connection sends its next request when the previous answer has arrived (closed loop); every answer
-- is checked with the same rule as the built-in generator (ResponseChecks.IsSuccess).

local paths = {} -- generated
local method = "GET" -- generated
local body_template = nil -- generated
local check = "collection" -- generated
local nonce = "" -- generated
-- generated headers

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  bad = 0
  body_bytes = 0
  responses = 0
  samples = ""
end

function request()
  counter = counter + 1
  local path = paths[((counter + thread_id) % #paths) + 1]
  if body_template then
    local name = "bench-" .. nonce .. "-" .. thread_id .. "-" .. counter
    return wrk.format(method, path, nil, (string.gsub(body_template, "__NAME__", name)))
  end
  return wrk.format(method, path)
end

local function has(body, text)
  return body ~= nil and string.find(body, text, 1, true) ~= nil
end

function response(status, headers, body)
  responses = responses + 1
  if body then
    body_bytes = body_bytes + #body
  end
  local ok
  if check == "created" then
    ok = status == 201 and (headers["Location"] ~= nil or headers["location"] ~= nil)
  elseif check == "entity" then
    ok = status == 200 and has(body, '"Id":')
  elseif check == "notmodified" then
    ok = status == 304 or (status == 200 and has(body, '"value":[{'))
  else
    ok = status == 200 and has(body, '"value":[{')
  end
  if not ok then
    bad = bad + 1
    if bad <= 3 then
      local text = body and string.sub(body, 1, 200) or ""
      samples = samples .. status .. " " .. string.gsub(text, '[%c"\\]', " ") .. " | "
    end
  end
end

function done(summary, latency, requests)
  local total_bad, total_bytes, total_responses, all_samples = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    total_bad = total_bad + thread:get("bad")
    total_bytes = total_bytes + thread:get("body_bytes")
    total_responses = total_responses + thread:get("responses")
    all_samples = all_samples .. thread:get("samples")
  end
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"responses":%d,"bad":%d,"socket_errors":%d,"body_bytes":%d,"p50_us":%d,"p99_us":%d,"samples":"%s"}\n',
    summary.requests, summary.duration, total_responses, total_bad, socket_errors, total_bytes,
    latency:percentile(50.0), latency:percentile(99.0), all_samples))
end
