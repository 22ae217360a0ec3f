import Foundation
import LegalCircle

/// Times the geography steps on real county boundaries: building the county index and locating random
/// points, filling the counties of a residence table, building land masses and finding each point's,
/// and classifying zones by density. Meaningful in a release build.
public struct BoundaryBenchmark {
    var boundaries: [Boundary]
    var count: Int
    var seed: UInt64
    var links: [FixedLink]

    /// - Parameters:
    ///   - boundaries: county polygons, e.g. `data/zhejiang/counties_wgs84.geojson`.
    ///   - count: random points, uniform in the boundaries' bounding box.
    ///   - links: fixed links for the land masses (default: the standard profile's).
    public init(boundaries: [Boundary], count: Int = 1_000_000, seed: UInt64 = 7, links: [FixedLink] = TravelProfile.standard.links) {
        self.boundaries = boundaries
        self.count = count
        self.seed = seed
        self.links = links
    }

    /// The figures of one run: seconds per step, in order, and what each step found.
    public struct Outcome: Sendable {
        public var seconds: [(step: String, seconds: Double)]
        public var points: Int
        /// Points inside a county polygon.
        public var located: Int
        /// Residences whose empty county the assignment filled, and those outside every county.
        public var filled: Int
        public var outside: Int
        /// Points on no land mass (`LandMasses.landMasses` < 0).
        public var offLand: Int
        public var zoneLines: [String]

        public func table() -> String {
            var lines = ["geography on \(points) random points: \(located) in a county, \(offLand) off land"]
            for (step, value) in seconds {
                lines.append("  " + step.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%8.3f s", value))
            }
            lines.append("  county assignment: \(filled) filled, \(outside) outside")
            lines += zoneLines.map { "  " + $0 }
            return lines.joined(separator: "\n")
        }
    }

    public func run() throws -> Outcome {
        let clock = ContinuousClock()
        var seconds: [(String, Double)] = []
        func time<T>(_ step: String, _ body: () throws -> T) rethrows -> T {
            let start = clock.now
            let value = try body()
            seconds.append((step, (clock.now - start).seconds))
            return value
        }
        let box = GeoBounds(boundaries.flatMap { $0.polygons.flatMap(\.exterior) })
        var random = SplitMix64(seed: seed)
        let longitudes = (0..<count).map { _ in Double.random(in: box.minLongitude...box.maxLongitude, using: &random) }
        let latitudes = (0..<count).map { _ in Double.random(in: box.minLatitude...box.maxLatitude, using: &random) }

        let index = time("county index build") { CountyIndex(boundaries: boundaries) }
        let located = time("county lookup") { index.locate(longitudes: longitudes, latitudes: latitudes) }
        var table = ResidenceTable()
        table.reserveCapacity(count)
        for i in 0..<count {
            table.append(id: "R\(i)", longitude: longitudes[i], latitude: latitudes[i], population: 1, county: nil, zone: .rural)
        }
        let report = time("county assignment") { CountyAssignment.assign(residences: &table, index: index) }
        let masses = time("land masses build") { LandMasses(boundaries: boundaries, links: links) }
        let onLand = time("land mass lookup") { masses.landMasses(longitudes: longitudes, latitudes: latitudes) }
        let frame = try PlanarFrame(longitudes: [longitudes], latitudes: [latitudes])
        let plane = try frame.project(longitudes: longitudes, latitudes: latitudes)
        let zones = time("zone classification") {
            ZoneClassifier.classify(
                x: plane.x, y: plane.y, populations: [Double](repeating: 1, count: count), landMasses: onLand)
        }
        return Outcome(
            seconds: seconds, points: count, located: located.count { $0 >= 0 }, filled: report.filled,
            outside: report.outside, offLand: onLand.count { $0 < 0 }, zoneLines: zones.summaryLines)
    }
}
