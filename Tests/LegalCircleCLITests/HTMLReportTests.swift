import Foundation
import LegalCircleTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `report --format html` and `map` through the real binary, the HTML opened in Debian's headless
/// Chromium: offline, no console errors, names from the input shown as text, figures equal to JSON.
@Suite(.serialized) struct HTMLReportTests {
    static let alertName = "<script>alert(1)</script>"
    static let titleName = "<script>document.title='pwned'</script>"

    /// Generated data whose first two stations carry script as their names, loaded with the real
    /// Zhejiang county boundaries, and run 1 computed. Callers require `.data(.countiesWGS84)`.
    static func preparedRun() throws -> CLI {
        let boundaries = ZhejiangFile.countiesWGS84.url
        let cli = try CLI()
        _ = try cli.ok(["generate", "--seed", "3", "--residences", "3000", "--points", "150", "--out", "demo"])
        let pointsURL = URL(fileURLWithPath: cli.path("demo/points.csv"))
        var lines = try String(contentsOf: pointsURL, encoding: .utf8).components(separatedBy: "\n")
        for (line, name) in [(1, alertName), (2, titleName)] {
            var fields = lines[line].components(separatedBy: ",")
            fields[1] = name
            lines[line] = fields.joined(separator: ",")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: pointsURL)
        _ = try cli.ok(["load", "--boundaries", boundaries.path, "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        _ = try cli.ok(["report", "--format", "json"])
        return cli
    }

    /// The browser the tests below drive starts headless and renders a page (under CI=true a missing
    /// chromium fails here and in each browser test).
    @Test(.requires(.chromium))
    func chromiumIsInstalledWhereTheTestsMustRunIt() throws {
        let cli = try CLI()
        let page = try cli.write("hello.html", "<!DOCTYPE html><html><body><p id=\"p\">0</p><script>document.getElementById('p').textContent=6*7;</script></body></html>")
        let output = try HeadlessChromium.installed().dumpDOM(URL(fileURLWithPath: page))
        #expect(output.status == 0, "chromium failed: \(output.stderr.suffix(2_000))")
        #expect(output.stdout.contains("<p id=\"p\">42</p>"), "the page's script ran: \(output.stdout)")
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func pageLoadsOfflineWithoutConsoleErrorsAndShowsScriptNamesAsText() throws {
        let cli = try Self.preparedRun(), browser = try HeadlessChromium.installed()
        _ = try cli.ok(["report", "--run", "1", "--format", "html", "--out", "report.html"])
        let page = URL(fileURLWithPath: cli.path("report.html"))
        let output = try browser.dumpDOM(page)
        #expect(output.status == 0, "chromium failed: \(output.stderr.suffix(2_000))")
        #expect(output.consoleLines.isEmpty, "console: \(output.consoleLines.joined(separator: "\n"))")
        let dom = output.stdout
        #expect(dom.contains("</html>") && dom.contains("id=\"county-table\""))
        // The names are text: escaped in the serialised DOM, never elements; the title script did not run.
        // Every occurrence (map tooltips, area tables) is the whole name as text.
        for (script, text) in [
            ("alert(1)", "&lt;script&gt;alert(1)&lt;/script&gt;"), ("document.title='pwned'", "&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        ] {
            let occurrences = dom.components(separatedBy: script).count - 1
            #expect(occurrences > 0 && dom.components(separatedBy: text).count - 1 == occurrences, "\(script): \(occurrences)")
        }
        #expect(!dom.contains(Self.alertName) && !dom.contains("<script>document.title"))
        #expect(dom.contains("<title>15分钟公共法律服务圈覆盖报告</title>"))

        // A page that asks for anything over the network is caught by the same console check.
        let html = try String(contentsOf: page, encoding: .utf8)
        let leaky = try cli.write("leaky.html", html.replacingOccurrences(of: "</body>", with: "<img src=\"https://example.com/x.png\"></body>"))
        let blocked = try browser.dumpDOM(URL(fileURLWithPath: leaky))
        #expect(blocked.consoleLines.contains { $0.contains("Content Security Policy") }, "\(blocked.consoleLines)")
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func tableSortsByAClickedHeaderAndLayersSwitchOffInTheBrowser() throws {
        let cli = try Self.preparedRun(), browser = try HeadlessChromium.installed()
        _ = try cli.ok(["report", "--run", "1", "--format", "html", "--out", "report.html"])
        let report = try decodeJSON(try cli.ok(["report", "--run", "1", "--format", "json"]))
        let counties = report["counties"] as! [[String: Any]]
        // The page's own script sorts; an extra inline script (allowed by the page's policy) clicks
        // the residents header twice and records the row order after each click, then switches the points off.
        let probe = """
            <script>(function(){var th=document.querySelector('#county-table th[data-key="residents"]');
            function order(){return Array.prototype.map.call(document.querySelectorAll('#county-table tbody tr'),function(r){return r.getAttribute('data-county');}).join(' ');}
            th.click();document.body.setAttribute('data-ascending',order());
            th.click();document.body.setAttribute('data-descending',order());
            var box=document.querySelector('.toggles input[data-layer="points"]');box.click();
            var points=box.closest('figure').querySelector('g.points');
            document.body.setAttribute('data-points-shown',getComputedStyle(points).display!=='none');})();</script></body>
            """
        let html = try String(contentsOf: URL(fileURLWithPath: cli.path("report.html")), encoding: .utf8)
        let page = try cli.write("sorted.html", html.replacingOccurrences(of: "</body>", with: probe))
        let output = try browser.dumpDOM(URL(fileURLWithPath: page))
        #expect(output.consoleLines.isEmpty, "console: \(output.consoleLines.joined(separator: "\n"))")
        let ascending = counties.sorted { ($0["residents"] as! Double) < ($1["residents"] as! Double) }.map { $0["county"] as! String }
        #expect(output.stdout.contains("data-ascending=\"\(ascending.joined(separator: " "))\""))
        #expect(output.stdout.contains("data-descending=\"\(ascending.reversed().joined(separator: " "))\""))
        // The layer switches hide a layer of the county map.
        #expect(output.stdout.contains("data-points-shown=\"false\""))
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func screenshotIsNotBlank() throws {
        let cli = try Self.preparedRun(), browser = try HeadlessChromium.installed()
        _ = try cli.ok(["report", "--run", "1", "--format", "html", "--lang", "en", "--out", "report.html"])
        let shot = URL(fileURLWithPath: cli.path("shot.png"))
        let output = try browser.screenshot(URL(fileURLWithPath: cli.path("report.html")), to: shot, width: 1280, height: 1600)
        #expect(output.status == 0 && output.consoleLines.isEmpty, "\(output.consoleLines)")
        let stats = try browser.pixelStatistics(ofPNG: shot, folder: cli.folder)
        #expect(stats.width == 1280 && stats.height == 1600)
        // Text, a shaded map and a table: hundreds of colours and several per cent of ink.
        #expect(stats.colours > 100, "\(stats)")
        #expect(Double(stats.nonWhite) / Double(stats.width * stats.height) > 0.03, "\(stats)")
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func figuresOfTheRenderedPageEqualTheJSONReport() throws {
        let cli = try Self.preparedRun(), browser = try HeadlessChromium.installed()
        _ = try cli.ok(["report", "--run", "1", "--format", "html", "--out", "report.html"])
        let jsonText = try cli.ok(["report", "--run", "1", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as! NSDictionary
        let dom = try browser.dumpDOM(URL(fileURLWithPath: cli.path("report.html"))).stdout

        // The embedded block, as the browser holds it, parses to exactly the printed JSON.
        let block = try #require(DOM.between(dom, "<script type=\"application/json\" id=\"report-json\">", "</script>"))
        #expect(try JSONSerialization.jsonObject(with: Data(block.utf8)) as! NSDictionary == json)

        // Every cell of the rendered county table: full precision in data-value, rounded as shown.
        // Numbers read with JSONDecoder: JSONSerialization on Linux misreads some doubles.
        let decoded = try JSONDecoder().decode(ReportRows.self, from: Data(jsonText.utf8))
        let rows = decoded.counties + [decoded.total]
        let table = try #require(DOM.between(dom, "<table class=\"sortable\" id=\"county-table\">", "</table>"))
        let keys = DOM.attributeValues("data-key", in: try #require(DOM.between(table, "<thead>", "</thead>")))
        let cells = table.components(separatedBy: "<tr data-county=").dropFirst()
        #expect(cells.count == rows.count)
        var compared = 0
        for (row, county) in zip(cells, rows) {
            let values = DOM.attributeValues("data-value", in: row)
            let shown = DOM.cellTexts(row)
            #expect(values.count == keys.count && shown.count == keys.count)
            for index in 2..<keys.count {
                let expected = county.value(keys[index])
                #expect(values[index].isEmpty ? expected == nil : Double(values[index]) == expected, "\(keys[index])")
                if keys[index] == "coveragePercent", let expected {
                    #expect(shown[index] == String(format: "%.1f", expected))
                }
                compared += 1
            }
        }
        #expect(compared == rows.count * (keys.count - 2) && compared > 40)

        // A new computation (--recompute: the same inputs would reuse run 1): its page holds the figures `--run N --format json` prints for it.
        _ = try cli.ok(["report", "--recompute", "--format", "html", "--out", "fresh.html"])
        let fresh = try String(contentsOf: URL(fileURLWithPath: cli.path("fresh.html")), encoding: .utf8)
        let freshBlock = try #require(DOM.between(fresh, "<script type=\"application/json\" id=\"report-json\">", "</script>"))
        let freshJSON = try JSONSerialization.jsonObject(with: Data(freshBlock.utf8)) as! [String: Any]
        let runID = (freshJSON["run"] as! [String: Any])["runID"] as! Int
        let stored = try decodeJSON(try cli.ok(["report", "--run", String(runID), "--format", "json"]))
        #expect(runID == 2)
        #expect(freshJSON["counties"] as! NSArray == stored["counties"] as! NSArray)
        #expect(freshJSON["total"] as! NSDictionary == stored["total"] as! NSDictionary)
    }
}

/// Small readers of serialised HTML, independent of the writer.
enum DOM {
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[open.upperBound..<close.lowerBound])
    }

    static func attributeValues(_ name: String, in text: String) -> [String] {
        text.components(separatedBy: " \(name)=\"").dropFirst().map { decoded(String($0.prefix { $0 != "\"" })) }
    }

    /// The text of each `<td>` of a row, tags inside removed.
    static func cellTexts(_ row: String) -> [String] {
        row.components(separatedBy: "<td").dropFirst().map { cell in
            let inner = cell.drop { $0 != ">" }.dropFirst().components(separatedBy: "</td>")[0]
            return decoded(inner.replacing(/<[^>]*>/, with: ""))
        }
    }

    static func decoded(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The county rows of the report JSON, by the keys of the page's `data-key` attributes.
struct ReportRows: Decodable {
    struct County: Decodable {
        struct ZoneRow: Decodable {
            var zone: String
            var coveragePercent: Double?
        }

        var county: String
        var residents, covered, servicePoints, uncoveredPopulation, uncoveredAreas: Double
        var coveragePercent, pointsPer10k, medianMinutes, p90Minutes: Double?
        var zones: [ZoneRow]

        func value(_ key: String) -> Double? {
            let values: [String: Double?] = [
                "residents": residents, "covered": covered, "coveragePercent": coveragePercent,
                "servicePoints": servicePoints, "pointsPer10k": pointsPer10k, "medianMinutes": medianMinutes,
                "p90Minutes": p90Minutes, "uncoveredPopulation": uncoveredPopulation, "uncoveredAreas": uncoveredAreas,
            ]
            if let value = values[key] { return value }
            let parts = key.split(separator: ".")
            precondition(parts.count == 3 && parts[0] == "zones", "unknown column \(key)")
            return zones.first { $0.zone == parts[1] }?.coveragePercent
        }
    }

    var counties: [County]
    var total: County
}
