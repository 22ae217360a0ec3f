import Foundation
import LegalCircleTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `legalcircle map`: SVG well-formed with the county's points and areas, PNG through rsvg-convert.
@Suite(.serialized) struct MapImageTests {
    /// Counts elements of an SVG by name and by the class of their enclosing group; fails on bad XML.
    final class SVGCounter: NSObject, XMLParserDelegate {
        private(set) var counts: [String: Int] = [:]
        /// Texts of the `<title>` elements, in document order of their ends.
        private(set) var texts: [String] = []
        private(set) var wellFormed = false
        private var classes: [String] = []
        private var text = ""

        init(_ data: Data) {
            super.init()
            let parser = XMLParser(data: data)
            parser.delegate = self
            wellFormed = parser.parse()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            counts["\(classes.last ?? "")/\(name)", default: 0] += 1
            if attributes["data-area"] != nil, name == "path" { counts["area", default: 0] += 1 }
            classes.append(attributes["class"] ?? classes.last ?? "")
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { texts.append(text) }
            classes.removeLast()
        }
    }

    @Test(.requires(.data(.countiesWGS84)))
    func countyMapIsWellFormedSVGWithTheCountysPointsAndAreas() throws {
        let cli = try HTMLReportTests.preparedRun()
        let report = try decodeJSON(try cli.ok(["report", "--run", "1", "--format", "json"]))
        // 330102 holds the station named <script>alert(1)</script> (P000001).
        let code = "330102"
        let county = try #require((report["counties"] as! [[String: Any]]).first { $0["county"] as? String == code })
        let outcome = try cli.run(["map", "--run", "1", "--county", code, "--out", "county.svg"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let svg = SVGCounter(try Data(contentsOf: URL(fileURLWithPath: cli.path("county.svg"))))
        #expect(svg.wellFormed)
        #expect(svg.counts["points/circle"] == county["servicePoints"] as? Int)
        #expect(svg.counts["area"] == county["uncoveredAreas"] as? Int)
        #expect((county["uncoveredAreas"] as! Int) > 0)
        // The station names are text of the tooltips, escaped on the way and read back as written.
        #expect(svg.texts.contains { $0.hasPrefix(HTMLReportTests.alertName + " (P000001)") })
        let name = try #require(try countyName(code))
        #expect(svg.texts.first == "\(code) \(name)")
    }

    @Test(.requires(.data(.countiesWGS84), .rsvgConvert))
    func pngIsRenderedWithRsvgConvert() throws {
        let cli = try HTMLReportTests.preparedRun()
        let outcome = try cli.run(["map", "--run", "1", "--county", "330211", "--out", "county.png", "--zoom", "1.5", "--lang", "en"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: cli.path("county.png")))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 50_000)
        // IHDR width: the SVG's width times the zoom.
        _ = try cli.ok(["map", "--run", "1", "--county", "330211", "--out", "county.svg", "--lang", "en"])
        let svg = try String(contentsOf: URL(fileURLWithPath: cli.path("county.svg")), encoding: .utf8)
        let widthText = try #require(DOM.between(svg, " width=\"", "\""))
        let svgWidth = try #require(Int(widthText))
        let pngWidth = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(pngWidth == Int((Double(svgWidth) * 1.5).rounded()))

        // The province map too, and no county code but an unknown one is an error naming the counties.
        _ = try cli.ok(["map", "--run", "1", "--out", "province.png"])
        let unknown = try cli.run(["map", "--run", "1", "--county", "339999", "--out", "x.svg"])
        #expect(unknown.status != 0 && unknown.stderr.contains("339999") && unknown.stderr.contains("330211"))
        let badName = try cli.run(["map", "--run", "1", "--out", "map.jpg"])
        #expect(badName.status != 0 && badName.stderr.contains(".svg or .png"))
    }

    @Test func htmlIsRefusedWhereItDoesNotApply() throws {
        let cli = try CLI()
        _ = try cli.ok(["generate", "--seed", "4", "--residences", "300", "--points", "20", "--out", "demo"])
        let oneShot = ["--points", "demo/points.csv", "--residences", "demo/residences.csv"]
        // The assessment view has its own page (the demo's residences are no villages: an empty assessment).
        let village = try cli.ok(["report", "--by", "county", "--format", "html"] + oneShot)
        #expect(village.hasPrefix("<!DOCTYPE html>") && village.contains("村/社区覆盖考核"))
        let gaps = try cli.run(["gaps", "--format", "html"] + oneShot)
        // Each command's --format lists only its own formats: the parser refuses the others.
        #expect(gaps.status != 0 && gaps.stderr.contains("'html' is invalid for '--format"), "\(gaps.stderr)")
        // One-shot html works without a database, footprints standing in for boundaries.
        let page = try cli.ok(["report", "--format", "html", "--lang", "en"] + oneShot)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("no boundaries loaded; approximate"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("legalcircle.sqlite")))
    }

    /// Without rsvg-convert on the PATH (installed or not), a PNG is refused with the package to
    /// install, and nothing is written; the SVG still works.
    @Test(.requires(.data(.countiesWGS84)))
    func pngWithoutRsvgConvertIsRefusedNamingThePackage() throws {
        let cli = try HTMLReportTests.preparedRun()
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = cli.folder.path  // a folder without rsvg-convert
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        let outcome = try CLI.runProcess(
            CLI.binary, ["map", "--run", "1", "--county", "330211", "--out", "county.png"], in: cli.folder, environment: environment)
        #expect(outcome.status != 0 && outcome.stderr.contains("rsvg-convert") && outcome.stderr.contains("librsvg2-bin"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("county.png")))
        let svg = try CLI.runProcess(
            CLI.binary, ["map", "--run", "1", "--county", "330211", "--out", "county.svg"], in: cli.folder, environment: environment)
        #expect(svg.status == 0 && FileManager.default.fileExists(atPath: cli.path("county.svg")), "\(svg.stderr)")
    }

    /// The county's name in the real boundaries file.
    private func countyName(_ code: String) throws -> String? {
        let collection = try JSONSerialization.jsonObject(with: Data(contentsOf: ZhejiangFile.countiesWGS84.url)) as! [String: Any]
        return (collection["features"] as! [[String: Any]]).lazy.map { $0["properties"] as! [String: Any] }
            .first { $0["adcode"] as? String == code }?["name"] as? String
    }
}
