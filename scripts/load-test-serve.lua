-- Varied /api/nearest requests for wrk: locations over Zhejiang (118.1-122.9 E, 27.1-31.2 N), a fifth of
-- them in GCJ-02 and a tenth with a kinds filter; a fixed seed so runs are comparable.
math.randomseed(21)
local crs = { "wgs84", "wgs84", "wgs84", "wgs84", "gcj02" }

request = function()
    local lon = 118.1 + math.random() * 4.8
    local lat = 27.1 + math.random() * 4.1
    local path = string.format("/api/nearest?lon=%.6f&lat=%.6f&crs=%s&count=5", lon, lat, crs[math.random(#crs)])
    if math.random(10) == 1 then path = path .. "&kinds=legal_aid,mediation" end
    return wrk.format("GET", path)
end

-- No response() callback: it would run Lua per answer and slow wrk down; non-2xx answers are counted
-- by wrk itself (summary.errors.status).
done = function(summary, latency, requests)
    io.write(string.format("requests/s: %.0f   p50 %.2f ms   p99 %.2f ms   non-2xx: %d   socket errors: %d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
