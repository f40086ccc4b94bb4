-- POST /v1/entropy with a 32-byte draw; the key and class come from the environment.
wrk.method = "POST"
wrk.body = '{"bytes":32,"format":"hex","source_class":"' .. (os.getenv("QUAMTX_CLASS") or "conditioned") .. '"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QUAMTX_API_KEY")

-- With QUAMTX_DELAY_MS each connection pauses between requests, which paces the offered load.
local pause = tonumber(os.getenv("QUAMTX_DELAY_MS") or "")
if pause then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f rps=%.0f errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
