import Foundation
import LegalCircle
import LegalCircleBench
import LegalCircleReports

/// A real computation on generated data (3 counties), drawn as the HTML report draws it, with names
/// that would run script if they reached the page unescaped.
enum HTMLReportFixture {
    static let evilName = "<script>alert(1)</script>"
    static let evilDataset = "points</script><script>alert(2)</script>"
    static let evilCountyName = "上城区<b>粗</b>"

    struct Built {
        var input: HTMLReportWriter.Input
        var analysis: CoverageAnalysis
        var residences: ResidenceTable
        var points: [ServicePoint]
        /// The county given a boundary (a rectangle around its residences); the others use footprints.
        var boundaryCounty: String
    }

    static func build(seed: UInt64 = 11) throws -> Built {
        let generated = DemoGenerator(seed: seed, countyCount: 3).generate(residences: 1_500, points: 40)
        let points = generated.points.map { point in
            var renamed = point
            renamed.name = evilName + " " + point.name
            return renamed
        }
        let residences = generated.residences
        let parameters = CoverageParameters(profile: .standard)
        let analysis = try CoverageEngine.analyse(points: points, residences: residences, parameters: parameters)
        let run = RunDescription(
            runID: 3, createdAt: "2026-01-02T03:04:05Z", parameters: parameters,
            projectionDefinition: analysis.projectionDefinition, pointsDataset: evilDataset, residencesDataset: "居民点")

        let boundaryCounty = residences.counties.codes[0]
        var box = GeoBounds([GeoCoordinate]())
        for i in 0..<residences.count where residences.county(at: i) == boundaryCounty {
            box.include(GeoCoordinate(longitude: residences.longitudes[i], latitude: residences.latitudes[i]))
        }
        let rectangle = GeoPolygon(exterior: [
            GeoCoordinate(longitude: box.minLongitude - 0.01, latitude: box.minLatitude - 0.01),
            GeoCoordinate(longitude: box.maxLongitude + 0.01, latitude: box.minLatitude - 0.01),
            GeoCoordinate(longitude: box.maxLongitude + 0.01, latitude: box.maxLatitude + 0.01),
            GeoCoordinate(longitude: box.minLongitude - 0.01, latitude: box.maxLatitude + 0.01),
        ])
        let boundaries = [Boundary(code: boundaryCounty, name: evilCountyName, polygons: [rectangle])]
        let radius = Dictionary(uniqueKeysWithValues: Zone.allCases.map { ($0, parameters.profile.radius(for: $0)) })
        let layers = try MapLayers.build(
            frame: analysis.frame, residences: residences, points: points, kinds: parameters.kinds, areas: analysis.areas,
            areaCellSize: parameters.areaCellSize, boundaries: boundaries, boundarySetName: "counties<test>", radius: radius)
        let bins = HTMLReportWriter.histogramBins(targetMinutes: parameters.profile.minutes)
        let histograms = MinuteHistogram.byCounty(
            residences: residences, minutes: analysis.result.minutes, binWidth: bins.width, binCount: bins.count)
        let input = HTMLReportWriter.Input(
            report: analysis.report, run: run, areas: analysis.areas, layers: layers, histograms: histograms)
        return Built(input: input, analysis: analysis, residences: residences, points: points, boundaryCounty: boundaryCounty)
    }
}

/// Small readers of the generated markup, independent of the writer's code.
enum Markup {
    /// The text between the first `start` and the next `end` after it.
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Every value of attribute `name` in `text`, in order, with the five character references decoded.
    static func attributeValues(_ name: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = text[...]
        let marker = " \(name)=\""
        while let start = rest.range(of: marker) {
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "\"") else { break }
            values.append(decoded(String(after[..<close])))
            rest = after[close...]
        }
        return values
    }

    static func decoded(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The county rows of the report JSON (counties then total), read with `JSONDecoder`:
    /// `JSONSerialization` on Linux misreads some doubles (0.30000000000000004 comes back as another value).
    static func jsonCounties(_ json: String) throws -> [JSONCounty] {
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(json.utf8))
        return document.counties + [document.total]
    }
}

struct JSONReport: Decodable {
    var counties: [JSONCounty]
    var total: JSONCounty
}

/// A county object of the report JSON, by the keys the page's `data-key` attributes use.
struct JSONCounty: Decodable {
    struct ZoneRow: Decodable {
        var zone: String
        var coveragePercent: Double?
    }

    var county: String
    var residents: Double
    var covered: Double
    var coveragePercent: Double?
    var zones: [ZoneRow]
    var servicePoints: Double
    var pointsPer10k: Double?
    var medianMinutes: Double?
    var p90Minutes: Double?
    var uncoveredPopulation: Double
    var uncoveredAreas: Double

    func value(_ key: String) -> Double? {
        switch key {
        case "residents": residents
        case "covered": covered
        case "coveragePercent": coveragePercent
        case "servicePoints": servicePoints
        case "pointsPer10k": pointsPer10k
        case "medianMinutes": medianMinutes
        case "p90Minutes": p90Minutes
        case "uncoveredPopulation": uncoveredPopulation
        case "uncoveredAreas": uncoveredAreas
        default:
            // zones.ZONE.coveragePercent
            key.hasPrefix("zones.") ? zones.first { $0.zone == key.split(separator: ".")[1] }?.coveragePercent : .nan
        }
    }
}
