import Foundation
import LegalCircle
import LegalCircleBench
import Projection
import Testing

@Suite struct MapGeometryTests {
    // MARK: - Minutes histogram

    @Test(arguments: [1, 2, 3] as [UInt64]) func histogramMatchesACountByBrute(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var residences = ResidenceTable()
        var minutes: [Double] = []
        let codes = [nil, "330102", "330106", "330211"]
        for index in 0..<5_000 {
            residences.append(
                Residence(
                    id: "R\(index)", location: GeoCoordinate(longitude: 120, latitude: 30),
                    population: Double(Int.random(in: 0...40, using: &random)) / 4,
                    county: codes.randomElement(using: &random)!, zone: .urban))
            // Whole and half minutes hit bin edges exactly; some far, some unreachable.
            switch Int.random(in: 0..<10, using: &random) {
            case 0: minutes.append(.infinity)
            case 1: minutes.append(Double(Int.random(in: 0...100, using: &random)) / 2)
            default: minutes.append(Double.random(in: 0..<60, using: &random))
            }
        }
        let width = 1.5
        let bins = 30
        let histograms = MinuteHistogram.byCounty(residences: residences, minutes: minutes, binWidth: width, binCount: bins)
        #expect(Set(histograms.keys) == ["", "330102", "330106", "330211", CountyFigures.totalKey])
        for (key, histogram) in histograms {
            let members = (0..<residences.count).filter { key == CountyFigures.totalKey || (residences.county(at: $0) ?? "") == key }
            func population(where test: (Double) -> Bool) -> Double {
                members.filter { test(minutes[$0]) }.reduce(0) { $0 + residences.populations[$1] }
            }
            for bin in 0..<bins {
                // Bin b holds b·w ≤ m < (b+1)·w (products of halves and 1.5 are exact).
                let expected = population { Double(bin) * width <= $0 && $0 < Double(bin + 1) * width }
                #expect(abs(histogram.population[bin] - expected) < 1e-9, "\(key) bin \(bin)")
            }
            #expect(abs(histogram.beyond - population { $0.isFinite && $0 >= Double(bins) * width }) < 1e-9)
            #expect(histogram.unreachable == population { !$0.isFinite })
            #expect(abs(histogram.total - members.reduce(0) { $0 + residences.populations[$1] }) < 1e-9)
        }
    }

    // MARK: - Simplification

    @Test(arguments: [4, 5, 6] as [UInt64]) func simplifiedRingStaysWithinTheTolerance(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // A wobbly circle of 2,000 vertices, radius 10 km, noise up to 20 m (under the tolerance).
        let ring = (0..<2_000).map { index -> PlanarPoint in
            let angle = Double(index) / 2_000 * 2 * .pi
            let radius = 10_000 + Double.random(in: -20...20, using: &random)
            return PlanarPoint(x: radius * cos(angle), y: radius * sin(angle))
        }
        let tolerance = 50.0
        let simple = PlanarSimplification.ring(ring, tolerance: tolerance)
        #expect(simple.count > 8 && simple.count < ring.count / 4)
        // Every original vertex lies within the tolerance of the simplified ring (brute force over edges).
        for point in ring {
            var nearest = Double.infinity
            for index in simple.indices {
                let a = simple[index], b = simple[(index + 1) % simple.count]
                nearest = min(nearest, segmentDistance(point, a, b))
            }
            #expect(nearest <= tolerance + 1e-9)
        }
        // The kept vertices are original vertices, in order.
        var cursor = 0
        for point in simple {
            while cursor < ring.count, ring[cursor] != point { cursor += 1 }
            #expect(cursor < ring.count)
        }
        // Tiny parts vanish at coarse tolerance; the polygon keeps its big exterior.
        let polygon = PlanarPolygon(rings: [ring, [PlanarPoint(x: 0, y: 0), PlanarPoint(x: 10, y: 0), PlanarPoint(x: 10, y: 10)]])
        #expect(polygon.simplified(tolerance: 100)?.rings.count == 1)
    }

    private func segmentDistance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }

    // MARK: - Layers

    @Test func footprintsHoldEveryResidenceAndPointsFollowTheKinds() throws {
        let (points, residences) = DemoGenerator(seed: 9, countyCount: 3).generate(residences: 2_000, points: 60)
        let frame = try PlanarFrame(longitudes: [residences.longitudes], latitudes: [residences.latitudes])
        let kinds: ServiceKinds = .legalAid
        let layers = try MapLayers.build(
            frame: frame, residences: residences, points: points, kinds: kinds, areas: [], areaCellSize: 500,
            boundaries: nil, boundarySetName: nil, radius: [.urban: 1_000])
        #expect(layers.points.count == points.filter { $0.kinds.contains(.legalAid) }.count)
        #expect(layers.points.allSatisfy { $0.kinds.contains(.legalAid) && abs($0.scale - 1) < 1e-3 })
        #expect(Set(layers.counties.keys) == Set(residences.counties.codes))
        #expect(layers.counties.values.allSatisfy { !$0.fromBoundary && $0.name == nil })

        // Each residence, projected on its own through PROJ, is inside its county's footprint (even-odd
        // over all rings); cells are 2 km so this also checks the cell arithmetic.
        let projection = try frame.makeProjection()
        for i in stride(from: 0, to: residences.count, by: 7) {
            let (x, y) = try projection.forward(longitude: residences.longitudes[i], latitude: residences.latitudes[i])
            let polygons = layers.counties[residences.county(at: i)!]!.polygons
            #expect(polygons.contains { contains($0, PlanarPoint(x: x, y: y)) }, "residence \(residences.ids[i])")
        }
        // Reach in projected metres is the radius times the point's scale factor.
        let point = layers.points[0]
        #expect(layers.reachRadius(point, zone: .urban) == 1_000 * point.scale)
    }

    private func contains(_ polygon: PlanarPolygon, _ p: PlanarPoint) -> Bool {
        var inside = false
        for ring in polygon.rings {
            var previous = ring[ring.count - 1]
            for vertex in ring {
                if (vertex.y > p.y) != (previous.y > p.y),
                    p.x < (previous.x - vertex.x) * (p.y - vertex.y) / (previous.y - vertex.y) + vertex.x
                {
                    inside.toggle()
                }
                previous = vertex
            }
        }
        return inside
    }
}
