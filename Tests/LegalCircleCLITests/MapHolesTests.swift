import Foundation
import LegalCircleTestSupport
import Testing

/// Maps that show the holes, checked in headless Chromium: the rendered image is not blank, the Chinese
/// text is there, and the most populous hole's numbered badge is drawn where the SVG puts it (the pixel
/// there has the holes' colour), whatever the hole's size. Also the assessment page to hand upward.
@Suite(.serialized)
struct MapHolesTests {
    static let input = CLI.projectRoot.appendingPathComponent("Tests/Fixtures/golden/input").path

    static func loaded() throws -> CLI {
        let cli = try CLI()
        try cli.ok([
            "load", "--boundaries", ZhejiangFile.countiesWGS84.path, "--points", input + "/points.csv", "--residences",
            input + "/residences.csv",
        ])
        try cli.ok(["report"])
        return cli
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func countyMapShowsNumberedHolesAndDecorations() throws {
        let cli = try Self.loaded()
        try cli.ok([
            "map", "--county", "西湖区", "--out", "map.svg", "--title", "西湖区公共法律服务圈", "--source-note", "区司法局",
            "--approval-number", "浙S(2025)001号",
        ])
        let svg = try String(contentsOf: URL(fileURLWithPath: cli.path("map.svg")), encoding: .utf8)
        #expect(svg.contains("西湖区公共法律服务圈") && svg.contains("数据来源：区司法局") && svg.contains("审图号：浙S(2025)001号"))
        #expect(!svg.contains("+proj="), "the PROJ definition belongs in the page's details line, not on the image")
        // Area 1 of the gaps table is the most populous; its badge carries its id.
        let gaps = try cli.ok(["gaps", "--run", "1", "--county", "330106", "--top", "1", "--format", "csv"])
        let firstID = try #require(gaps.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
        let badge = try #require(svg.range(of: "<g data-area=\"\(firstID)\"><circle cx=\""), "badge of area \(firstID)")
        let numbers = svg[badge.upperBound...].split(separator: "\"", maxSplits: 4)
        let (cx, cy) = (try #require(Double(numbers[0])), try #require(Double(numbers[2])))
        // The drawing's placement: <svg x="8" y="52" width=W height=H viewBox="0 0 w h">.
        let inner = try #require(svg.range(of: "<svg x=\"8\" y=\"52\" width=\""))
        let fields = svg[inner.upperBound...].split(separator: "\"", maxSplits: 6)
        let (width, height) = (try #require(Double(fields[0])), try #require(Double(fields[2])))
        let box = fields[4].split(separator: " ").compactMap { Double($0) }
        let px = 8 + cx * width / box[2], py = 52 + cy * height / box[3]

        let page = cli.folder.appendingPathComponent("map.html")
        try Data("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0}</style></head><body>\(svg.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: ""))</body></html>".utf8)
            .write(to: page)
        let browser = try HeadlessChromium.installed()
        let shot = cli.folder.appendingPathComponent("map.png")
        _ = try browser.screenshot(page, to: shot, width: 1000, height: 1400)
        let stats = try browser.pixelStatistics(ofPNG: shot, folder: cli.folder)
        #expect(stats.colours > 50 && stats.nonWhite > 100_000, "not blank: \(stats)")
        // The badge is a disc of #67000d (the holes' stroke) with a white number: above and below the
        // digits, inside the disc, the pixels are that dark red.
        let samples = try [(0, -5), (0, 6), (-5, 0), (5, 0)].map { dx, dy in
            try Self.pixel(of: shot, x: Int(px.rounded()) + dx, y: Int(py.rounded()) + dy, browser: browser, folder: cli.folder)
        }
        let darkRed = samples.filter { $0.r > 70 && $0.r < 170 && $0.g < 70 && $0.b < 70 }
        #expect(darkRed.count >= 2, "badge of area \(firstID) at \(px),\(py): \(samples)")
    }

    @Test(.requires(.data(.countiesWGS84), .chromium))
    func htmlReportPutsTheProjectionInDetailsAndTimesInShanghai() throws {
        let cli = try Self.loaded()
        try cli.ok(["report", "--run", "1", "--format", "html", "--out", "report.html", "--approval-number", "浙S(2025)001号"])
        let html = try String(contentsOf: URL(fileURLWithPath: cli.path("report.html")), encoding: .utf8)
        #expect(html.contains("<details class=\"run\"><summary>投影定义</summary>"))
        #expect(html.contains("北京时间 UTC+8") && html.contains("审图号：浙S(2025)001号"))
        let dom = try HeadlessChromium.installed().dumpDOM(URL(fileURLWithPath: cli.path("report.html"))).stdout
        #expect(dom.contains("未覆盖片区") && dom.contains("覆盖率"))
    }

    /// The assessment page: targets, the map shaded against the target, who misses it by shortfall and
    /// the uncovered villages by name; rendered non-blank with its Chinese text.
    @Test(.requires(.data(.countiesWGS84, .villages2016), .chromium))
    func assessmentPageToHandUpward() throws {
        let cli = try CLI()
        try cli.ok(["load", "--boundaries", ZhejiangFile.countiesWGS84.path])
        // The villages with their names (名称), GCJ-02 as published; about 30,000 rows lack coordinates.
        try cli.ok([
            "load", "--residences", ZhejiangFile.villages2016.path, "--column", "id=code", "--column", "zone=ur_code",
            "--column", "county=county_adcode_2016", "--column", "lon=lon_gcj02", "--column", "lat=lat_gcj02", "--crs", "gcj02",
            "--skip-bad-rows", "--rejects", cli.path("rejects.csv"), "--name", "villages",
        ])
        try cli.ok(["load", "--points", Self.input + "/points.csv"])
        try cli.ok(["report", "--by", "county", "--target-villages", "60", "--format", "html", "--out", "assessment.html"])
        let html = try String(contentsOf: URL(fileURLWithPath: cli.path("assessment.html")), encoding: .utf8)
        #expect(html.contains("村/社区覆盖率目标 60 %") && html.contains("未达标的区县（按差距排序）"))
        #expect(html.contains("未覆盖的村/社区") && html.contains("社区</td>"), "villages listed by name")
        #expect(html.contains("class=\"map assessment-map\""))
        let browser = try HeadlessChromium.installed()
        let shot = cli.folder.appendingPathComponent("assessment.png")
        _ = try browser.screenshot(URL(fileURLWithPath: cli.path("assessment.html")), to: shot, width: 1200, height: 1600)
        let stats = try browser.pixelStatistics(ofPNG: shot, folder: cli.folder)
        #expect(stats.colours > 50 && stats.nonWhite > 200_000, "not blank: \(stats)")
        let workbook = try cli.run(["report", "--by", "township", "--target-villages", "60", "--format", "xlsx", "--out", "t.xlsx"])
        #expect(workbook.status == 0, "\(workbook.stderr)")
    }

    /// The colour of one pixel of a PNG, read by the browser from a canvas.
    static func pixel(of png: URL, x: Int, y: Int, browser: HeadlessChromium, folder: URL) throws -> (r: Int, g: Int, b: Int) {
        let page = folder.appendingPathComponent("pixel-\(UUID().uuidString).html")
        let html = """
            <!DOCTYPE html><html><body><img id="shot" src="data:image/png;base64,\(try Data(contentsOf: png).base64EncodedString())">
            <pre id="rgb">pending</pre><script>
            function read(){var image=document.getElementById('shot'),canvas=document.createElement('canvas');
            canvas.width=image.naturalWidth;canvas.height=image.naturalHeight;var context=canvas.getContext('2d');
            context.drawImage(image,0,0);var d=context.getImageData(\(x),\(y),1,1).data;
            document.getElementById('rgb').textContent=[d[0],d[1],d[2]].join(' ');}
            var shot=document.getElementById('shot');if(shot.complete)read();else shot.onload=read;
            </script></body></html>
            """
        try Data(html.utf8).write(to: page)
        let dom = try browser.dumpDOM(page).stdout
        let start = try #require(dom.range(of: "<pre id=\"rgb\">"))
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let values = dom[start.upperBound..<end.lowerBound].split(separator: " ").compactMap { Int($0) }
        try #require(values.count == 3, "\(dom[start.upperBound..<end.lowerBound])")
        return (values[0], values[1], values[2])
    }
}
