import Foundation
import LegalCircle
import Projection
import Testing

/// The sign test and the verdicts of `CoordinateSystemCheck` on made-up counties (the real data is
/// checked in `LegalCircleImportTests/CoordinateSystemCheckRealDataTests`).
@Suite struct CoordinateSystemCheckTests {
    /// Against the exact binomial tail summed with integer binomial coefficients.
    @Test func signTestMatchesTheExactBinomialTail() {
        #expect(abs(CoordinateSystemCheck.signTest(successes: 7, trials: 7) - 1.0 / 128) < 1e-15)
        #expect(abs(CoordinateSystemCheck.signTest(successes: 30, trials: 32) - 529 / pow(2, 32)) < 1e-20)
        #expect(CoordinateSystemCheck.signTest(successes: 0, trials: 12) == 1)
        #expect(CoordinateSystemCheck.signTest(successes: 5, trials: 4) == 0)
        for n in 1...60 {
            var coefficient = 1.0
            var tail = [Double](repeating: 0, count: n + 2)
            var terms: [Double] = []
            for k in 0...n {
                terms.append(coefficient)
                coefficient = coefficient * Double(n - k) / Double(k + 1)
            }
            for k in stride(from: n, through: 0, by: -1) { tail[k] = tail[k + 1] + terms[k] / pow(2, Double(n)) }
            for k in 1...n {
                let p = CoordinateSystemCheck.signTest(successes: k, trials: n)
                #expect(abs(p - tail[k]) <= 1e-12 * max(1, tail[k]), "n \(n) k \(k): \(p) vs \(tail[k])")
            }
        }
        // Large samples stay finite and sensible.
        let half = CoordinateSystemCheck.signTest(successes: 50_000, trials: 100_000)
        #expect(half > 0.5 && half < 0.51)
    }

    /// Two counties side by side along 120.3 °E; points near the border carry codes of where they truly
    /// are. Files in GCJ-02 declared WGS84 are flagged, declared GCJ-02 confirmed; a file far from the
    /// border has no decisive point.
    @Test func flagsAShiftedFileAndConfirmsARightOne() {
        func square(_ west: Double, _ east: Double) -> GeoPolygon {
            GeoPolygon(exterior: [
                GeoCoordinate(longitude: west, latitude: 29.9), GeoCoordinate(longitude: east, latitude: 29.9),
                GeoCoordinate(longitude: east, latitude: 30.4), GeoCoordinate(longitude: west, latitude: 30.4),
                GeoCoordinate(longitude: west, latitude: 29.9),
            ])
        }
        let index = CountyIndex(boundaries: [
            Boundary(code: "330001", name: "west", polygons: [square(120.0, 120.3)]),
            Boundary(code: "330002", name: "east", polygons: [square(120.3, 120.6)]),
        ])
        var random = SplitMix64(seed: 16)
        var truth: [(Double, Double)] = []
        for _ in 0..<400 {
            truth.append((120.3 + (Double(random.next() % 10_000) / 10_000 - 0.5) * 0.04, 30.0 + Double(random.next() % 10_000) / 30_000))
        }
        let codes = ["330001", "330002"]
        let indices: [Int32] = truth.map { $0.0 < 120.3 ? 0 : 1 }
        func run(_ raw: [(Double, Double)], declared: CoordinateReading) -> CoordinateSystemCheck {
            let stored = raw.map { declared.wgs84(longitude: $0.0, latitude: $0.1) }
            return CoordinateSystemCheck.run(
                longitudes: stored.map(\.longitude), latitudes: stored.map(\.latitude), countyIndices: indices, codes: codes,
                declared: declared, index: index, crosswalk: nil)
        }
        let gcj = truth.map { let p = ChineseOffsets.wgs84ToGCJ02(longitude: $0.0, latitude: $0.1); return (p.longitude, p.latitude) }
        let flagged = run(gcj, declared: .wgs84)
        guard case .flagged(let reading, let comparison) = flagged.verdict else {
            Issue.record("not flagged: \(flagged.details)")
            return
        }
        #expect(reading == .gcj02 && comparison.onlyOther > 10 && comparison.onlyReading == 0)
        #expect(run(gcj, declared: .gcj02).verdict == .confirmed)
        #expect(run(truth, declared: .wgs84).verdict == .confirmed)
        // Deep inside the west county every reading lands in it: nothing decides.
        let inland = truth.map { ($0.0 - 0.15, $0.1) }
        let unchecked = CoordinateSystemCheck.run(
            longitudes: inland.map(\.0), latitudes: inland.map(\.1), countyIndices: [Int32](repeating: 0, count: inland.count),
            codes: codes, declared: .wgs84, index: index, crosswalk: nil)
        #expect(unchecked.verdict == .cannotCheck && unchecked.comparisons.allSatisfy { $0.decisive == 0 })
    }
}
