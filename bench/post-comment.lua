-- wrk script: every request posts a new comment through the JSON API, with the antiforgery token and cookies
-- that bench/post-comments.sh fetched once (all connections write as the same guest).
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-TOKEN"] = os.getenv("TOKEN")
  wrk.headers["Cookie"] = os.getenv("COOKIES")
end

function request()
  counter = counter + 1
  local body = string.format('{"body":"Benchmark comment %d from thread %d: a sentence or two, as readers write. https://example.org/%d"}',
    counter, id, counter)
  return wrk.format(nil, os.getenv("POST_PATH"), nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("POSTED %d NON2XX %d\n", summary.requests, errors.status))
end
