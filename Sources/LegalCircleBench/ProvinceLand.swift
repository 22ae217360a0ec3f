import LegalCircle

/// The land of the province as the generator samples it: every polygon part ("piece") of every county
/// in one `PolygonIndex`, with the piece's county and whether it is an island. A sampled point is kept
/// only when it falls in the piece its anchor stands on, so one grid lookup per point keeps residents
/// in their county, on land, and on their island.
struct ProvinceLand: Sendable {
    let index: PolygonIndex
    /// Per piece: the county (index into the boundaries) and whether its land mass is not the mainland.
    let pieceCounty: [Int32]
    let pieceIsIsland: [Bool]
    /// Per county: the box of its polygons and its land area in km².
    let countyBounds: [GeoBounds]
    let countyAreaKm2: [Double]

    /// - Parameter links: fixed links joining land masses (a bridge-linked island counts as mainland,
    ///   as it does for the coverage engine and the zone classifier).
    /// - Complexity: O(e + c) for e edges and c grid cells, plus the land-mass search.
    init(counties: [Boundary], links: [FixedLink]) {
        var regions: [[[GeoCoordinate]]] = []
        var pieceCounty: [Int32] = []
        var interiorPoints: [GeoCoordinate?] = []
        var bounds: [GeoBounds] = []
        var areas: [Double] = []
        for (county, boundary) in counties.enumerated() {
            var box = GeoBounds([])
            var area = 0.0
            for polygon in boundary.polygons {
                regions.append(polygon.rings)
                pieceCounty.append(Int32(county))
                interiorPoints.append(polygon.interiorPoint)
                for vertex in polygon.exterior { box.include(vertex) }
                area += planarAreaKm2(polygon.exterior) - polygon.holes.reduce(0) { $0 + planarAreaKm2($1) }
            }
            bounds.append(box)
            areas.append(area)
        }
        index = PolygonIndex(regions: regions)
        self.pieceCounty = pieceCounty
        let masses = LandMasses(boundaries: counties, links: links)
        pieceIsIsland = interiorPoints.map { point in
            guard let point else { return false }
            return masses.landMass(longitude: point.longitude, latitude: point.latitude) > LandMasses.mainland
        }
        countyBounds = bounds
        countyAreaKm2 = areas
    }

    /// The piece containing the point, -1 for none (sea or outside the province).
    /// - Complexity: O(1) for most points (see `PolygonIndex.locate`).
    @inline(__always)
    func piece(longitude: Double, latitude: Double) -> Int32 {
        index.locate(longitude: longitude, latitude: latitude).map(Int32.init) ?? -1
    }

    /// A uniformly random point of the county's land (rejection from its box), rounded to microdegrees,
    /// with its piece; nil after `attempts` misses.
    func randomPoint(inCounty county: Int, random: inout SplitMix64, attempts: Int = 20_000)
        -> (location: GeoCoordinate, piece: Int32)?
    {
        let box = countyBounds[county]
        for _ in 0..<attempts {
            let longitude = toMicrodegrees(random.uniform(box.minLongitude, box.maxLongitude))
            let latitude = toMicrodegrees(random.uniform(box.minLatitude, box.maxLatitude))
            let piece = piece(longitude: longitude, latitude: latitude)
            if piece >= 0, pieceCounty[Int(piece)] == Int32(county) {
                return (GeoCoordinate(longitude: longitude, latitude: latitude), piece)
            }
        }
        return nil
    }
}

/// Kilometres per degree of latitude in Zhejiang (27–31°N; 110.85–110.90 km).
let kilometresPerDegreeLatitude = 110.9

/// Kilometres per degree of longitude at a latitude.
func kilometresPerDegreeLongitude(latitude: Double) -> Double {
    kilometresPerDegreeLatitude * taylorCosine(degrees: latitude)
}

/// Rounds to 6 decimals, as the CSV writer does; equal to `Double` of the 6-decimal text.
func toMicrodegrees(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

/// cos by its Taylor series (error below 1e-12 up to 35°): arithmetic only, so the same bits on every
/// platform, like the rest of the generator.
func taylorCosine(degrees: Double) -> Double {
    let x = degrees * (Double.pi / 180)
    var term = 1.0
    var sum = 1.0
    for n in stride(from: 2, through: 18, by: 2) {
        term *= -x * x / Double((n - 1) * n)
        sum += term
    }
    return sum
}

/// The area of a ring in km², by the shoelace formula in a local equirectangular plane (accurate to
/// well under 1 % at county size; arithmetic only).
func planarAreaKm2(_ ring: [GeoCoordinate]) -> Double {
    guard ring.count >= 3 else { return 0 }
    let latitude = ring.reduce(0) { $0 + $1.latitude } / Double(ring.count)
    let kx = kilometresPerDegreeLongitude(latitude: latitude), ky = kilometresPerDegreeLatitude
    let origin = ring[0]
    var sum = 0.0
    var previous = ring[ring.count - 1]
    for vertex in ring {
        let (x0, y0) = ((previous.longitude - origin.longitude) * kx, (previous.latitude - origin.latitude) * ky)
        let (x1, y1) = ((vertex.longitude - origin.longitude) * kx, (vertex.latitude - origin.latitude) * ky)
        sum += x0 * y1 - x1 * y0
        previous = vertex
    }
    return abs(sum) / 2
}

extension SplitMix64 {
    /// An independent stream for one part of the generation: the same seed and labels always give the
    /// same numbers, whatever runs before or in parallel.
    static func stream(seed: UInt64, _ label: UInt64, _ index: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (label &* 0xBF58_476D_1CE4_E5B9) ^ (UInt64(index + 1) &* 0x94D0_49BB_1331_11EB))
        return SplitMix64(seed: mixer.next())
    }
}
