import Foundation
import LegalCircle
import LegalCircleBench
import LegalCircleTestSupport
import Testing

@Suite struct BoundaryTests {
    // MARK: Point in polygon, the rule on edges and vertices

    static let squareWithHole = GeoPolygon(
        exterior: ring([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]), holes: [ring([(3, 3), (6, 3), (6, 6), (3, 6)])])

    @Test func holesAreRespected() {
        let index = PolygonIndex(regions: [BoundaryTests.squareWithHole.rings])
        #expect(index.locate(longitude: 1, latitude: 1) == 0)
        #expect(index.locate(longitude: 4.5, latitude: 4.5) == nil, "inside the hole")
        #expect(index.locate(longitude: 7, latitude: 4.5) == 0)
        #expect(index.locate(longitude: 11, latitude: 5) == nil)
        #expect(index.locate(longitude: -0.001, latitude: 5) == nil)
        #expect(index.locate(longitude: .nan, latitude: 5) == nil)
    }

    /// A point on a boundary belongs to the polygon on its east side (north side for an east–west
    /// edge), so on a shared edge or vertex exactly one of two neighbours gets it.
    @Test func pointsOnSharedEdgesAndVerticesGoToExactlyOneNeighbour() {
        // West square [0,1]x[0,1], east square [1,2]x[0,1], north square [0,2]x[1,2].
        let west = ring([(0, 0), (1, 0), (1, 1), (0, 1)])
        let east = ring([(1, 0), (2, 0), (2, 1), (1, 1)])
        let north = ring([(0, 1), (1, 1), (2, 1), (2, 2), (0, 2)])
        let index = PolygonIndex(regions: [[west], [east], [north]])
        #expect(index.locate(longitude: 1, latitude: 0.5) == 1, "on the west/east edge: east side")
        #expect(index.locate(longitude: 0.5, latitude: 1) == 2, "on the west/north edge: north side")
        #expect(index.locate(longitude: 1.5, latitude: 1) == 2, "on the east/north edge: north side")
        #expect(index.locate(longitude: 1, latitude: 1) == 2, "the vertex shared by all three: north-east")
        #expect(index.locate(longitude: 1, latitude: 0) == 1, "outer vertex at the bottom of the shared edge")
        #expect(index.locate(longitude: 0, latitude: 0.5) == 0, "west outer edge: the polygon is to the east")
        #expect(index.locate(longitude: 2, latitude: 0.5) == nil, "east outer edge: nothing to the east")
        #expect(index.locate(longitude: 0.5, latitude: 0) == 0, "south outer edge: the polygon is to the north")
        #expect(index.locate(longitude: 0.5, latitude: 2) == nil, "north outer edge: nothing to the north")
    }

    /// Random polygons (star-shaped with a hole, several regions, some overlapping the grid edges)
    /// against the plain crossing-number test, including points exactly on vertices and edges.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func indexMatchesBruteForce(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var regions: [[[GeoCoordinate]]] = []
        // A shared-edge partition: a row of quadrilaterals with jagged shared sides.
        var previousSide: [GeoCoordinate] = (0...8).map { GeoCoordinate(longitude: 120, latitude: 30 + Double($0) * 0.05) }
        for column in 1...4 {
            let x = 120 + Double(column) * 0.1
            let side = (0...8).map {
                GeoCoordinate(
                    longitude: x + (column == 4 ? 0 : Double.random(in: -0.03...0.03, using: &random)),
                    latitude: 30 + Double($0) * 0.05)
            }
            regions.append([previousSide + side.reversed()])
            previousSide = side
        }
        // Star polygons with holes, scattered (they may overlap the partition and each other).
        for _ in 0..<5 {
            let centre = GeoCoordinate(
                longitude: Double.random(in: 119.9...120.5, using: &random), latitude: Double.random(in: 29.9...30.5, using: &random))
            let vertices = Int.random(in: 3...40, using: &random)
            let outer = star(centre: centre, radius: 0.05...0.2, vertices: vertices, using: &random)
            let hole = star(centre: centre, radius: 0.005...0.02, vertices: 7, using: &random)
            regions.append([outer, hole])
        }
        let index = PolygonIndex(regions: regions)
        var probes: [GeoCoordinate] = (0..<4_000).map { _ in
            GeoCoordinate(longitude: Double.random(in: 119.7...120.7, using: &random), latitude: Double.random(in: 29.7...30.7, using: &random))
        }
        for rings in regions {
            for ring in rings {
                for (i, vertex) in ring.enumerated() {
                    let next = ring[(i + 1) % ring.count]
                    probes.append(vertex)
                    probes.append(GeoCoordinate(longitude: (vertex.longitude + next.longitude) / 2, latitude: (vertex.latitude + next.latitude) / 2))
                }
            }
        }
        let batch = index.locate(longitudes: probes.map(\.longitude), latitudes: probes.map(\.latitude))
        var mismatches: [String] = []
        for (i, probe) in probes.enumerated() {
            let expected = bruteForceRegions(regions, probe).first.map(Int32.init) ?? -1
            let single = index.locate(longitude: probe.longitude, latitude: probe.latitude).map(Int32.init) ?? -1
            if expected != single || expected != batch[i] {
                mismatches.append("\(probe): brute force \(expected), index \(single), batch \(batch[i])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    // MARK: County assignment

    @Test func assignmentFillsEmptyCountiesAndReportsOutsideAndContradictions() {
        let boundaries = [
            Boundary(code: "330101", name: "西区", polygons: [GeoPolygon(exterior: ring([(120, 30), (120.1, 30), (120.1, 30.1), (120, 30.1)]))]),
            Boundary(code: "330102", name: "东区", polygons: [GeoPolygon(exterior: ring([(120.1, 30), (120.2, 30), (120.2, 30.1), (120.1, 30.1)]))]),
        ]
        let index = CountyIndex(boundaries: boundaries)
        var table = ResidenceTable([
            Residence(id: "A", location: .init(longitude: 120.05, latitude: 30.05), population: 3, county: nil, zone: .rural),
            Residence(id: "B", location: .init(longitude: 120.15, latitude: 30.05), population: 4, county: "", zone: .urban),
            Residence(id: "C", location: .init(longitude: 120.15, latitude: 30.05), population: 5, county: "330101", zone: .urban),
            Residence(id: "D", location: .init(longitude: 120.5, latitude: 30.05), population: 6, county: nil, zone: .rural),
            Residence(id: "E", location: .init(longitude: 120.05, latitude: 30.05), population: 7, county: "330101", zone: .rural),
            Residence(id: "F", location: .init(longitude: 121, latitude: 31), population: 8, county: "330999", zone: .island),
        ])
        let report = CountyAssignment.assign(residences: &table, index: index)
        #expect((0..<table.count).map { table.county(at: $0) } == ["330101", "330102", "330101", nil, "330101", "330999"])
        #expect(table.zones == [.rural, .urban, .urban, .rural, .rural, .island])
        #expect(table.populations == [3, 4, 5, 6, 7, 8])
        #expect(report.total == 6 && report.filled == 2 && report.confirmed == 1)
        #expect(report.outside == 2 && report.outsideWithoutCounty == 1)
        #expect(report.outsideExamples.map(\.id) == ["D", "F"])
        #expect(report.contradictions == 1)
        #expect(report.contradictionExamples == [
            CountyContradiction(id: "C", location: .init(longitude: 120.15, latitude: 30.05), given: "330101", polygon: "330102")
        ])
        #expect(report.warnings.count == 2 && report.warnings[1].contains("C given 330101, inside 330102"))

        var points = [
            ServicePoint(id: "P", name: "站", kinds: .mediation, level: .village, location: .init(longitude: 120.12, latitude: 30.02), county: nil)
        ]
        let pointReport = CountyAssignment.assign(points: &points, index: index)
        #expect(points[0].county == "330102" && pointReport.filled == 1)
    }

    // MARK: Real county boundaries

    /// Town government seats (Vonng/adcode 2016, converted to WGS84) against the county found by a
    /// point-in-polygon lookup in the GCJ-02 data (`county_adcode_current_by_point`).
    @Test(.requires(.data(.countiesWGS84, .towns2016)))
    func realTownPointsFallInTheirCounties() throws {
        let counties = try RealData.counties, towns = try RealData.towns
        let index = CountyIndex(boundaries: counties)
        let located = index.locate(longitudes: towns.map(\.location.longitude), latitudes: towns.map(\.location.latitude))
        var mismatches: [String] = []
        for (town, position) in zip(towns, located) {
            let found = position >= 0 ? counties[Int(position)].code : "none"
            if found != town.county { mismatches.append("\(town.name) \(town.location): expected \(town.county), found \(found)") }
        }
        let agreement = 1 - Double(mismatches.count) / Double(towns.count)
        print("towns: \(towns.count), agreement \(String(format: "%.2f", agreement * 100)) %, mismatches: \(mismatches)")
        #expect(towns.count == 1_255)
        #expect(agreement >= 0.995, "mismatches: \(mismatches)")
    }

    @Test(.requires(.data(.countiesWGS84, .islandsWGS84)))
    func everyRealCountyContainsItsRepresentativePointAndTheIslandsTheirs() throws {
        let counties = try RealData.counties, islands = try RealData.islands
        #expect(counties.count == 90)
        #expect(counties.reduce(0) { $0 + $1.polygons.count } == 604)
        let index = CountyIndex(boundaries: counties)
        for county in counties {
            let point = try #require(county.representativePoint)
            #expect(index.code(longitude: point.longitude, latitude: point.latitude) == county.code, "\(county.name) \(point)")
        }
        var wrong: [String] = []
        for island in islands where index.code(longitude: island.point.longitude, latitude: island.point.latitude) != island.county {
            wrong.append("island \(island.id) \(island.point)")
        }
        #expect(islands.count == 515)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    /// Random points over Zhejiang's box against the crossing test over every county's rings.
    @Test(.requires(.data(.countiesWGS84)))
    func realBoundariesMatchBruteForce() throws {
        let counties = try RealData.counties
        let index = CountyIndex(boundaries: counties)
        var random = SplitMix64(seed: 42)
        let regions = counties.map { $0.polygons.flatMap(\.rings) }
        let boxes = counties.map { GeoBounds($0.polygons.flatMap(\.exterior)) }
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            let point = GeoCoordinate(
                longitude: Double.random(in: 118...123, using: &random), latitude: Double.random(in: 27...31.2, using: &random))
            var expected: Int?
            for (position, rings) in regions.enumerated()
            where boxes[position].contains(longitude: point.longitude, latitude: point.latitude) && crossingTest(rings, point) {
                expected = position
                break
            }
            let found = index.locate(longitude: point.longitude, latitude: point.latitude)
            if found != expected { mismatches.append("\(point): \(String(describing: expected)) vs \(String(describing: found))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    /// The geography benchmark (`BoundaryBenchmark`, once a timing-only test here) on a sample: its
    /// steps agree with each other, so the figures it times are real work.
    @Test(.requires(.data(.countiesWGS84)))
    func boundaryBenchmarkStepsAgree() throws {
        let counties = try RealData.counties
        let outcome = try BoundaryBenchmark(boundaries: counties, count: 4_000, seed: 7).run()
        #expect(outcome.points == 4_000)
        #expect(outcome.filled == outcome.located && outcome.filled + outcome.outside == outcome.points)
        // The land masses are the county parts, with points within the snapping distance (1 km) of
        // the coast counted on land: off land only outside every county, and not much less often.
        #expect(outcome.offLand <= outcome.outside && outcome.outside - outcome.offLand < outcome.outside / 10)
        // Zhejiang (105,500 km² of land) fills about half of its bounding box.
        #expect((1_400...2_800).contains(outcome.located), "\(outcome.located) of 4,000 in a county")
        #expect(outcome.seconds.map(\.step) == [
            "county index build", "county lookup", "county assignment", "land masses build", "land mass lookup",
            "zone classification",
        ])
        #expect(outcome.zoneLines.count == Zone.allCases.count)
        #expect(outcome.table().split(separator: "\n").count == 2 + outcome.seconds.count + outcome.zoneLines.count)
    }
}

// MARK: - Helpers shared by the boundary, land mass and zone tests

func ring(_ pairs: [(Double, Double)]) -> [GeoCoordinate] {
    pairs.map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
}

func star<G: RandomNumberGenerator>(
    centre: GeoCoordinate, radius: ClosedRange<Double>, vertices: Int, using random: inout G
) -> [GeoCoordinate] {
    (0..<vertices).map { i in
        let angle = Double(i) / Double(vertices) * 2 * .pi
        let r = Double.random(in: radius, using: &random)
        return GeoCoordinate(longitude: centre.longitude + r * cos(angle), latitude: centre.latitude + r * sin(angle))
    }
}

/// Franklin's PNPOLY crossing test written out plainly, with each edge's endpoints put in (lat, lon)
/// order first so that shared edges are evaluated alike (the rule `PolygonIndex` documents).
func crossingTest(_ rings: [[GeoCoordinate]], _ point: GeoCoordinate) -> Bool {
    var inside = false
    for ring in rings {
        var ring = ring
        if ring.count > 1, ring.first == ring.last { ring.removeLast() }
        for i in ring.indices {
            var a = ring[i], b = ring[(i + 1) % ring.count]
            if (a.latitude, a.longitude) > (b.latitude, b.longitude) { swap(&a, &b) }
            if a.latitude <= point.latitude, point.latitude < b.latitude {
                let x = a.longitude + (point.latitude - a.latitude) * (b.longitude - a.longitude) / (b.latitude - a.latitude)
                if x > point.longitude { inside.toggle() }
            }
        }
    }
    return inside
}

func bruteForceRegions(_ regions: [[[GeoCoordinate]]], _ point: GeoCoordinate) -> [Int] {
    regions.indices.filter { crossingTest(regions[$0], point) }
}

/// The real data of `data/zhejiang`, each file read once, by the first test that needs it. Tests name
/// the files they read with `.requires(.data(...))`; a file that does not decode fails the tests reading it.
enum RealData {
    struct Town {
        var name: String
        var location: GeoCoordinate
        var county: String
    }

    struct Island {
        var id: Int
        var county: String
        var point: GeoCoordinate
        var area: Double
    }

    static var counties: [Boundary] { get throws { try countiesFile.get() } }
    static var islands: [Island] { get throws { try islandsFile.get() } }
    static var province: [GeoPolygon] { get throws { try provinceFile.get() } }
    static var towns: [Town] { get throws { try townsFile.get() } }

    private static let countiesFile = Result { try load(ZhejiangFile.countiesWGS84.url).map(\.boundary) }
    private static let islandsFile = Result {
        try load(ZhejiangFile.islandsWGS84.url).map {
            Island(
                id: $0.properties.island_id!, county: $0.properties.county_adcode!,
                point: GeoCoordinate(longitude: $0.properties.rep_lon!, latitude: $0.properties.rep_lat!),
                area: $0.properties.area_km2!)
        }
    }
    private static let provinceFile = Result { try load(ZhejiangFile.provinceWGS84.url)[0].boundary.polygons }
    private static let townsFile = Result {
        try ZhejiangFile.towns2016.csvRows().compactMap { row -> Town? in
            guard let x = Double(row["lon_wgs84"] ?? ""), let y = Double(row["lat_wgs84"] ?? "") else { return nil }
            return Town(
                name: row["name"] ?? "", location: GeoCoordinate(longitude: x, latitude: y),
                county: row["county_adcode_current_by_point"] ?? "")
        }
    }

    struct Feature: Decodable {
        struct Properties: Decodable {
            var adcode: String?
            var name: String?
            var island_id: Int?
            var county_adcode: String?
            var rep_lon: Double?
            var rep_lat: Double?
            var area_km2: Double?
        }

        var properties: Properties
        var polygons: [GeoPolygon]

        var boundary: Boundary {
            Boundary(code: properties.adcode ?? "\(properties.island_id ?? -1)", name: properties.name ?? "", polygons: polygons)
        }

        enum CodingKeys: String, CodingKey { case properties, geometry }
        enum GeometryKeys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            properties = try container.decode(Properties.self, forKey: .properties)
            let geometry = try container.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry)
            let parts: [[[[Double]]]] =
                try geometry.decode(String.self, forKey: .type) == "Polygon"
                ? [try geometry.decode([[[Double]]].self, forKey: .coordinates)]
                : try geometry.decode([[[[Double]]]].self, forKey: .coordinates)
            polygons = parts.map { rings in
                let converted = rings.map { $0.map { GeoCoordinate(longitude: $0[0], latitude: $0[1]) } }
                return GeoPolygon(exterior: converted[0], holes: Array(converted.dropFirst()))
            }
        }
    }

    struct Collection: Decodable { var features: [Feature] }

    static func load(_ url: URL) throws -> [Feature] {
        try JSONDecoder().decode(Collection.self, from: Data(contentsOf: url)).features
    }
}
