import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleStore

/// The residents' page: every station drawn on an offline map (one SVG path, no tiles), a tap or typed
/// coordinates answered by `/api/nearest`, and the browser's own location where it allows it.
/// `/nearest?lon=&lat=&crs=` (a map board's QR code) is answered as soon as the page opens.
enum NearestPage {
    /// Width of the map in SVG units; the height follows the stations' extent.
    static let mapWidth = 960.0

    /// The script, whose SHA-256 the policy names: no other script can run, and the page may fetch
    /// only from its own origin.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src '\(scriptHash)'; img-src data:; connect-src 'self'"

    static let scriptHash: String = {
        let hex = SHA256.hexDigest(Data(script.utf8))
        var bytes = [UInt8]()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }()

    static func render(_ stations: StationIndex, language: Language) -> String {
        let zh = language == .zh
        let points = stations.points.map(\.location)
        let west = (points.map(\.longitude).min() ?? 120) - 0.05, east = (points.map(\.longitude).max() ?? 121) + 0.05
        let south = (points.map(\.latitude).min() ?? 29) - 0.05, north = (points.map(\.latitude).max() ?? 30) + 0.05
        // Equirectangular with the mid-latitude's cosine: straight enough for a province, and the page's
        // script inverts it with two numbers.
        let sx = mapWidth / (east - west)
        let sy = sx / cos((south + north) / 2 * .pi / 180)
        let height = (north - south) * sy
        var path = ""
        path.reserveCapacity(points.count * 16)
        for point in points {
            path += "M\(rounded((point.longitude - west) * sx)) \(rounded((north - point.latitude) * sy))h0"
        }
        let title = zh ? "最近的公共法律服务站点" : "Nearest public legal service station"
        var html = Pages.head(title: title, language: language)
        html += "<style>#map{width:100%;max-width:\(Int(mapWidth))px;border:1px solid #999;background:#f4f7f4;cursor:crosshair}"
        html += "#stations{stroke:#1a6b3c;stroke-width:3;stroke-linecap:round}#here{fill:#c62828}"
        html += "form{margin:.6em 0}input{width:9em}</style>\n"
        html += "<h1>\(title)</h1>\n"
        html += "<p>\(zh ? "点击地图，或输入坐标，查询最近的站点。" : "Tap the map or type coordinates to find the nearest stations.") "
        html += "<a href=\"?lang=\(zh ? "en" : "zh")\">\(zh ? "English" : "中文")</a></p>\n"
        html += "<form id=\"query\"><label>\(zh ? "经度" : "Longitude") <input name=\"lon\" inputmode=\"decimal\" required></label> "
        html += "<label>\(zh ? "纬度" : "Latitude") <input name=\"lat\" inputmode=\"decimal\" required></label> "
        html += "<label>\(zh ? "坐标系" : "System") <select name=\"crs\"><option value=\"wgs84\">WGS84 (GPS)</option>"
        html += "<option value=\"gcj02\">GCJ-02 (\(zh ? "高德、腾讯" : "Amap, Tencent"))</option>"
        html += "<option value=\"bd09\">BD-09 (\(zh ? "百度" : "Baidu"))</option></select></label> "
        html += "<button type=\"submit\">\(zh ? "查询" : "Search")</button> "
        html += "<button type=\"button\" id=\"locate\" hidden>\(zh ? "使用我的位置" : "Use my location")</button></form>\n"
        html += "<svg id=\"map\" viewBox=\"0 0 \(Int(mapWidth)) \(Int(height.rounded(.up)))\" role=\"img\" aria-label=\"\(zh ? "站点分布图" : "Map of the stations")\" "
        html += "data-west=\"\(west)\" data-north=\"\(north)\" data-sx=\"\(sx)\" data-sy=\"\(sy)\">"
        html += "<path id=\"stations\" d=\"\(path)\"/><g id=\"answer\"></g></svg>\n"
        html += "<p id=\"status\" aria-live=\"polite\"></p><ol id=\"results\"></ol>\n"
        html += "<p class=\"hint\">\(zh ? "距离为直线距离；分钟数按地点所在区域的出行方式计算：已导入路网时按路网，否则按直线估算。" : "Distances are straight lines; minutes are by the travel mode of the location's zone: over the roads where roads are loaded, else the straight-line estimate.")"
        html += " \(MarkupText.escaped(zh ? "数据集：" : "Dataset: "))\(MarkupText.escaped(stations.datasetName))</p>\n"
        html += "<script type=\"application/json\" id=\"words\">\(words(zh))</script>\n"
        html += "<script>\(script)</script>\n</body></html>\n"
        return html
    }

    private static func rounded(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }

    private static func words(_ zh: Bool) -> String {
        // The API answers with fixed English tokens (zone, where it came from, travel model); the page says them in the reader's language.
        let pairs: [(String, String)] =
            zh
            ? [("searching", "查询中…"), ("none", "附近没有站点。"), ("metres", "米"), ("minutes", "分钟"), ("failed", "查询失败："),
               ("urban", "城区"), ("rural", "乡村"), ("mountain", "山区"), ("island", "海岛"), ("walk", "步行"), ("cycle", "骑行"), ("drive", "驾车"),
               ("zone", "区域："), ("src-request", "按所选区域"), ("src-zone polygon", "按区域划分图"), ("src-island", "位于未与大陆相连的海岛"),
               ("src-residences", "按附近住所的区域"), ("src-default", "无数据，按默认区域"),
               ("network", "按路网"), ("straight", "直线估算"), ("offRoad", "该地点距道路过远，按直线估算"), ("beyond", "按路网超过 %d 分钟")]
            : [("searching", "Searching…"), ("none", "No station found."), ("metres", "m"), ("minutes", "min"), ("failed", "Search failed: "),
               ("urban", "urban"), ("rural", "rural"), ("mountain", "mountain"), ("island", "island"), ("walk", "walking"), ("cycle", "cycling"),
               ("drive", "driving"), ("zone", "zone: "), ("src-request", "as chosen"), ("src-zone polygon", "from the zone map"),
               ("src-island", "on an island not joined to the mainland"), ("src-residences", "from the residences nearby"),
               ("src-default", "no data here, the default zone"), ("network", "by road"), ("straight", "straight-line estimate"),
               ("offRoad", "too far from any road: straight-line estimate"), ("beyond", "more than %d min by road")]
        return "{" + pairs.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    /// Fetches `/api/nearest` and lists the answer; marks the query and the stations on the map.
    static let script = """
        (function () {
          var words = JSON.parse(document.getElementById('words').textContent);
          var map = document.getElementById('map'), answer = document.getElementById('answer');
          var form = document.getElementById('query'), list = document.getElementById('results');
          var status = document.getElementById('status');
          var west = +map.dataset.west, north = +map.dataset.north, sx = +map.dataset.sx, sy = +map.dataset.sy;
          function toMap(lon, lat) { return [(lon - west) * sx, (north - lat) * sy]; }
          function dot(lon, lat, r, fill) {
            var p = toMap(lon, lat), c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
            c.setAttribute('cx', p[0]); c.setAttribute('cy', p[1]); c.setAttribute('r', r); c.setAttribute('fill', fill);
            answer.appendChild(c);
          }
          function search(lon, lat, crs) {
            status.textContent = words.searching;
            var url = '/api/nearest?lon=' + encodeURIComponent(lon) + '&lat=' + encodeURIComponent(lat) + '&crs=' + crs + '&count=5';
            fetch(url).then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
              .then(function (result) {
                if (!result[0]) { throw new Error(result[1].error); }
                show(result[1], crs === 'wgs84' ? [lon, lat] : null);
              })
              .catch(function (e) { status.textContent = words.failed + e.message; });
          }
          function show(body, here) {
            list.textContent = ''; answer.textContent = '';
            if (here) { dot(here[0], here[1], 6, '#c62828'); }
            if (body.stations.length === 0) { status.textContent = words.none; return; }
            status.textContent = words.zone + words[body.zone] + ' (' + words['src-' + body.zoneSource] + '), ' + words[body.mode]
              + (body.offRoad ? ', ' + words.offRoad : '');
            body.stations.forEach(function (s, i) {
              var li = document.createElement('li');
              li.className = 'station';
              var time = s.minutes === null ? words.beyond.replace('%d', Math.round(body.cutoffMinutes))
                : s.minutes.toFixed(1) + ' ' + words.minutes + ' (' + (s.travelModel === 'network' ? words.network : words.straight) + ')';
              li.textContent = s.name + ' (' + (s.countyName || s.county || '') + ') ' + Math.round(s.distanceMetres) + ' ' + words.metres
                + ', ' + time;
              list.appendChild(li);
              if (body.crs === 'wgs84') { dot(s.lon, s.lat, i === 0 ? 7 : 4, '#1565c0'); }
            });
          }
          map.addEventListener('click', function (event) {
            var point = map.createSVGPoint();
            point.x = event.clientX; point.y = event.clientY;
            var p = point.matrixTransform(map.getScreenCTM().inverse());
            var lon = west + p.x / sx, lat = north - p.y / sy;
            form.lon.value = lon.toFixed(6); form.lat.value = lat.toFixed(6); form.crs.value = 'wgs84';
            search(lon.toFixed(6), lat.toFixed(6), 'wgs84');
          });
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            search(form.lon.value.trim(), form.lat.value.trim(), form.crs.value);
          });
          // A map board's QR code links to /nearest?lon=…&lat=…[&crs=…]: answered on arrival.
          var given = new URLSearchParams(window.location.search);
          if (given.get('lon') && given.get('lat')) {
            form.lon.value = given.get('lon'); form.lat.value = given.get('lat');
            form.crs.value = given.get('crs') || 'wgs84';
            search(form.lon.value, form.lat.value, form.crs.value);
          }
          var locate = document.getElementById('locate');
          if (navigator.geolocation && window.isSecureContext) {
            locate.hidden = false;
            locate.addEventListener('click', function () {
              navigator.geolocation.getCurrentPosition(function (position) {
                var lon = position.coords.longitude.toFixed(6), lat = position.coords.latitude.toFixed(6);
                form.lon.value = lon; form.lat.value = lat; form.crs.value = 'wgs84';
                search(lon, lat, 'wgs84');
              }, function (error) { status.textContent = words.failed + error.message; });
            });
          }
        })();
        """
}
