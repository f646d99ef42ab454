-- wrk script: WordPress's posting method. One connection posts COUNT new replies, one at a time, to the comments
-- listed in PARENTS (ids, comma-separated, taken in turn) of the article at POST_PATH, through the JSON API, with the
-- antiforgery token and cookies that bench/post-comments.sh fetched once; then it stops, and wrk's time is theirs.
local parents = {}
local count = tonumber(os.getenv("COUNT") or "200")
local sent = 0
local answered = 0
local failed = 0

function init(args)
  for id in string.gmatch(os.getenv("PARENTS"), "%d+") do
    parents[#parents + 1] = id
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-TOKEN"] = os.getenv("TOKEN")
  wrk.headers["Cookie"] = os.getenv("COOKIES")
end

function request()
  sent = sent + 1
  local parent = parents[(sent - 1) % #parents + 1]
  local body = string.format('{"parentId":%s,"body":"Reply %d of run %s: a sentence or two, as readers write them."}',
    parent, sent, os.getenv("RUN_ID") or "0")
  return wrk.format(nil, os.getenv("POST_PATH"), nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    failed = failed + 1
    if failed == 1 then
      io.write("first failure: " .. status .. " " .. body .. "\n")
    end
  end
  if answered >= count then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  io.write(string.format("POSTED %d NON2XX %d SECONDS %.6f\n", summary.requests, summary.errors.status, summary.duration / 1e6))
end
