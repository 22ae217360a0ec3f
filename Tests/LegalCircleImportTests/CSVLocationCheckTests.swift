import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

@Suite struct CSVLocationCheckTests {
    private func residences(_ rows: [(String, Double, Double)]) -> String {
        "id,lon,lat,zone\n" + rows.map { "\($0.0),\($0.1),\($0.2),urban" }.joined(separator: "\n") + "\n"
    }

    @Test func outsideChinaAndFarPointsBecomeRejectsWithTheirLines() throws {
        var rows: [(String, Double, Double)] = []
        for index in 0..<40 {
            let longitude = 120.1 + Double(index) * 0.01
            let latitude = 30.2 + Double(index % 7) * 0.01
            rows.append(("H\(index)", longitude, latitude))
        }
        rows.insert(("BJ", 116.4, 39.9), at: 5)  // Beijing: inside China, about 1,130 km away
        rows.insert(("ROME", 12.5, 41.9), at: 10)
        rows.insert(("SEA", 120.1, 3.02), at: 20)  // latitude typo: 3.02 for 30.2
        rows.insert(("WEST", 102.1, 30.2), at: 30)  // longitude typo: 102.1 for 120.1, Sichuan
        let text = "id,lon,lat,zone\n" + "X,abc,1,urban\n" + rows.map { "\($0.0),\($0.1),\($0.2),urban" }.joined(separator: "\n") + "\n"
        var result = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.count == 44)
        let removed = try result.rejectImplausibleLocations()
        #expect(removed == [5, 10, 20, 30])
        #expect(result.rows.count == 40)
        #expect(result.origins.count == 40)
        #expect(result.rows.ids.allSatisfy { $0.hasPrefix("H") })
        #expect(result.origins.map(\.line) == (0..<45).filter { ![5, 10, 20, 30].contains($0) && $0 < 44 }.map { $0 + 3 })
        // In line order, merged with the read's own reject on line 2.
        #expect(result.rejects.map(\.line) == [2, 8, 13, 23, 33])
        #expect(result.rejects.map(\.category) == [.nonNumericCoordinate, .farFromOtherPoints, .outsideChina, .outsideChina, .farFromOtherPoints])
        #expect(result.rejects.map(\.column) == ["lon", "lat", "lon", "lat", "lon"])
        #expect(result.rejects[1].rawText == "BJ,116.4,39.9,urban")
        #expect(result.rejects[1].reason.hasPrefix("lon 116.4 / lat 39.9 (WGS84) is 1,1"))
        #expect(result.rejects[1].reason.contains(" km from the median point of the file (lon 120.2"))
        #expect(result.rejects[1].reason.hasSuffix("); points more than 650 km away are taken as misplaced"))
        #expect(result.rejects[2].reason == "lon 12.5 / lat 41.9 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)")
        #expect(result.rejects[3].reason == "lon 120.1 / lat 3.02 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)")
        #expect(result.summary.rowsRead == 45)
        #expect(result.summary.rowsAccepted == 40)
        #expect(result.summary.rejectGroups.map(\.category) == [.nonNumericCoordinate, .outsideChina, .farFromOtherPoints])
    }

    @Test func convertedCoordinatesAndAllOrNothing() throws {
        let text = residences([("A", 120, 30), ("B", 120.1, 30.1), ("C", 120.2, 30.2)])
        var strict = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        // The caller's conversion gave B no coordinate and moved C to Europe.
        let error = importError {
            try strict.rejectImplausibleLocations(longitudes: [120, .nan, 10], latitudes: [30, 30.1, 50])
        }
        guard case .rejectedRows(let first, let total) = error?.problem else {
            Issue.record("expected rejected rows, got \(String(describing: error))")
            return
        }
        #expect(total == 2)
        #expect(first.map(\.line) == [3, 4])
        #expect(first.map(\.category) == [.unconvertibleCoordinate, .outsideChina])
        #expect(strict.rows.count == 3)

        var lenient = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(try lenient.rejectImplausibleLocations(longitudes: [120, .nan, 10], latitudes: [30, 30.1, 50]) == [1, 2])
        #expect(lenient.rows.ids == ["A"])
        #expect(lenient.rejects.map(\.reason) == [
            "the coordinate could not be converted to WGS84",
            "lon 10 / lat 50 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)",
        ])
    }

    /// Two regions of similar size are not outliers: nothing is rejected, a warning says why.
    @Test func manyFarPointsAreAWarningNotRejects() throws {
        var rows: [(String, Double, Double)] = []
        for index in 0..<30 { rows.append(("H\(index)", 120.1 + Double(index) * 0.001, 30.2)) }
        for index in 0..<12 { rows.append(("B\(index)", 116.4 + Double(index) * 0.001, 39.9)) }
        var result = try readResidences(data: Data(residences(rows).utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(try result.rejectImplausibleLocations().isEmpty)
        #expect(result.rows.count == 42)
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].hasPrefix("12 of 42 points are more than 650 km from the median point of the file"))
        #expect(result.summary.lines().last?.hasPrefix("warning: 12 of 42 points") == true)
    }

    /// The 650 km floor keeps every point of any Zhejiang-only file: files clustered at each extreme of the
    /// province outline, with the rest spread over the whole outline, lose nothing.
    @Test(.requires(.data(.provinceWGS84)))
    func zhejiangOutlineIsNeverFar() throws {
        let path = ZhejiangFile.provinceWGS84.path
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var vertices: [(Double, Double)] = []
        func walk(_ value: Any) {
            if let pair = value as? [Double], pair.count >= 2 {
                vertices.append((pair[0], pair[1]))
            } else if let array = value as? [Any] {
                array.forEach(walk)
            } else if let object = value as? [String: Any] {
                object.values.forEach(walk)
            }
        }
        walk(json)
        #expect(vertices.count > 10_000)
        let extremes = [
            vertices.min { $0.0 < $1.0 }!, vertices.max { $0.0 < $1.0 }!,
            vertices.min { $0.1 < $1.1 }!, vertices.max { $0.1 < $1.1 }!,
            // Nearest to the south-west corner of the bounding box, the worst place for a median.
            vertices.min { hypot($0.0 - 118.02, $0.1 - 27.04) < hypot($1.0 - 118.02, $1.1 - 27.04) }!,
        ]
        let check = CSVLocationCheck()
        let spread = stride(from: 0, to: vertices.count, by: 97).map { vertices[$0] }
        for cluster in extremes {
            let points = Array(repeating: cluster, count: spread.count * 4) + spread
            let outcome = check.check(longitudes: points.map(\.0), latitudes: points.map(\.1))
            #expect(outcome.findings.isEmpty, "cluster at \(cluster)")
            #expect(outcome.warnings.isEmpty)
        }
    }

    @Test func medianAndRemovalAgreeWithSimpleReferences() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let count = Int.random(in: 1...60, using: &random)
            var values = (0..<count).map { _ in Double(Int.random(in: -20...20, using: &random)) / 4 }
            let sorted = values.sorted()
            let reference = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
            #expect(CSVLocationCheck.median(&values) == reference)
            var array = Array(0..<count)
            let indices = (0..<count).filter { _ in Bool.random(using: &random) }
            array.remove(atSortedIndices: indices)
            #expect(array == (0..<count).filter { !indices.contains($0) })
        }
        #expect(abs(CSVLocationCheck.distance(120, 30, 121, 30) - 96_297) < 50)
    }
}
