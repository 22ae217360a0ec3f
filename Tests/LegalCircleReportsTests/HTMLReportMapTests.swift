import Foundation
import LegalCircle
import LegalCircleReports
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an SVG with Foundation's XML parser: fails on anything not well-formed, and collects the
/// elements with their attributes and the classes of the groups they are in.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Classes of the enclosing elements, outermost first.
        var groups: [String]
    }

    private(set) var elements: [Element] = []
    private var stack: [String] = []
    private(set) var error: (any Error)?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes, groups: stack))
        stack.append(attributes["class"] ?? "")
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func inGroup(_ groupClass: String, named name: String) -> [Element] {
        elements.filter { $0.name == name && $0.groups.contains(groupClass) }
    }
}

@Suite struct HTMLReportMapTests {
    @Test func countyMapsAreWellFormedAndDrawTheCountysPointsAreasAndReach() throws {
        let built = try HTMLReportFixture.build()
        let layers = built.input.layers
        for figures in built.input.report.counties {
            let svg = SVGMap.county(figures.county, layers: layers, figures: figures, labels: ReportLabels(.zh))
            let parsed = SVGElements(svg)
            #expect(parsed.error == nil, "county \(figures.county): \(String(describing: parsed.error))")

            let ownPoints = parsed.inGroup("points", named: "circle")
            #expect(ownPoints.count == figures.servicePoints, "county \(figures.county)")
            let areas = parsed.elements.filter { $0.name == "path" && $0.attributes["data-area"] != nil }
            #expect(areas.count == figures.uncoveredAreas)
            let otherPoints = parsed.inGroup("points other-points", named: "circle")
            for zone in Zone.allCases {
                let circles = parsed.inGroup("reach reach-\(zone.name)", named: "circle")
                let hasResidents = (figures.zones.first { $0.zone == zone }?.residents ?? 0) > 0
                #expect(circles.count == (hasResidents ? ownPoints.count + otherPoints.count : 0), "\(figures.county) \(zone)")
                // The reach radius in projected metres: the zone radius times a scale factor within 0.1 % of 1.
                for circle in circles {
                    let ratio = Double(circle.attributes["r"]!)! / layers.radius[zone]!
                    #expect(abs(ratio - 1) < 1e-3)
                }
            }

            // Area outlines are whole 500 m cells of the run's grid: every move is a multiple of 500 m,
            // within the 1 m rounding of each end.
            for area in areas {
                for step in pathSteps(area.attributes["d"]!) {
                    let remainder = abs(step).truncatingRemainder(dividingBy: 500)
                    #expect(min(remainder, 500 - remainder) <= 1, "step \(step)")
                }
            }
            // Numbered badges (the area ids of the tables) sit on the projected centroids, inside their
            // area's box: the layers line up. A badge that would cover another is left out.
            let labels = parsed.inGroup("area-labels", named: "text")
            #expect(labels.count <= min(areas.count, SVGMap.labelledAreas) && (areas.isEmpty || !labels.isEmpty))
            // Every area, however small, has a ring of at least the minimum size.
            #expect(parsed.inGroup("hole-rings", named: "circle").count == areas.count)
            for label in labels {
                let area = try #require(areas.first { $0.attributes["data-area"] == label.attributes["data-area"] })
                let box = pathBox(area.attributes["d"]!)
                let (x, y) = (Double(label.attributes["x"]!)!, Double(label.attributes["y"]!)!)
                #expect(box.minX - 1 <= x && x <= box.maxX + 1 && box.minY - 1 <= y && y <= box.maxY + 1, "area \(area.attributes["data-area"]!)")
            }
        }
    }

    @Test func countyMapNamesItsOutlineSourceHonestly() throws {
        let built = try HTMLReportFixture.build()
        let labels = ReportLabels(.en)
        for figures in built.input.report.counties {
            let svg = SVGMap.county(figures.county, layers: built.input.layers, figures: figures, labels: labels)
            if figures.county == built.boundaryCounty {
                #expect(svg.contains("County outlines: boundaries counties&lt;test&gt;"))
            } else {
                #expect(svg.contains("County outline: 2,000 m cells holding its residences (no boundaries loaded; approximate)"))
            }
            // The PROJ definition is in the page's details line; the image names the projection's kind.
            #expect(svg.contains("Transverse Mercator centred on the data, north up") && !svg.contains("+proj="))
        }
    }

    @Test func provinceMapShadesEachCountyByItsCoverageClass() throws {
        let built = try HTMLReportFixture.build()
        let svg = SVGMap.province(
            report: built.input.report, layers: built.input.layers, labels: ReportLabels(.zh), title: "全省")
        let parsed = SVGElements(svg)
        #expect(parsed.error == nil)
        let shapes = parsed.elements.filter { $0.attributes["data-county"] != nil }
        #expect(Set(shapes.map { $0.attributes["data-county"]! }) == Set(built.input.report.counties.map(\.county)))
        // The classes as the legend states them: ≥95, 85–95, 70–85, 50–70, <50 (ColorBrewer OrRd).
        func expectedColour(_ percent: Double) -> String {
            switch percent {
            case 95...: "#fef0d9"
            case 85..<95: "#fdcc8a"
            case 70..<85: "#fc8d59"
            case 50..<70: "#e34a33"
            default: "#b30000"
            }
        }
        for shape in shapes {
            let figures = built.input.report.counties.first { $0.county == shape.attributes["data-county"] }!
            #expect(shape.attributes["fill"] == expectedColour(figures.coveragePercent!))
        }
        for label in ["≥ 95 %", "85 – 95 %", "70 – 85 %", "50 – 70 %", "< 50 %", "无常住人口"] {
            #expect(svg.contains(label.replacingOccurrences(of: "<", with: "&lt;")), "legend: \(label)")
        }
    }

    @Test func minutesChartIsWellFormedWithABarPerOccupiedBin() throws {
        let built = try HTMLReportFixture.build()
        let html = try HTMLReportWriter.render(built.input, language: .en)
        let charts = html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"").dropFirst()
        #expect(charts.count == built.input.report.counties.count)
        for (chart, figures) in zip(charts, built.input.report.counties) {
            let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"" + chart.components(separatedBy: "</svg>")[0] + "</svg>"
            let parsed = SVGElements(svg)
            #expect(parsed.error == nil)
            let histogram = built.input.histograms[figures.county]!
            let occupied = histogram.population.filter { $0 > 0 }.count + (histogram.beyond > 0 ? 1 : 0) + (histogram.unreachable > 0 ? 1 : 0)
            // The white background plus one bar per occupied bin.
            #expect(parsed.elements.filter { $0.name == "rect" }.count == 1 + occupied)
            #expect(abs(histogram.total - figures.residents) <= 1e-6 * figures.residents)
        }
    }

    /// The box of a path `M x y l dx dy … z` (absolute start of each ring, then relative moves).
    private func pathBox(_ d: String) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for ring in d.split(separator: "M") {
            let parts = ring.replacingOccurrences(of: "z", with: "").split(separator: "l")
            let start = parts[0].split(separator: " ").map { Double($0)! }
            var (x, y) = (start[0], start[1])
            let moves = parts.count > 1 ? parts[1].split(separator: " ").map { Double($0)! } : []
            var index = 0
            while true {
                box = (min(box.minX, x), min(box.minY, y), max(box.maxX, x), max(box.maxY, y))
                guard index + 1 < moves.count else { break }
                x += moves[index]
                y += moves[index + 1]
                index += 2
            }
        }
        return box
    }

    /// The relative moves of a path `M x y l dx dy dx dy … z`.
    private func pathSteps(_ d: String) -> [Double] {
        d.split(separator: "M").flatMap { ring -> [Double] in
            guard let moves = ring.split(separator: "l").dropFirst().first else { return [] }
            return moves.replacingOccurrences(of: "z", with: "").split(separator: " ").compactMap { Double($0) }
        }
    }
}
