import Projection

/// Locations by column in the run's projection, with their land mass: candidate sites, or residences.
struct PlacedColumns: Sendable {
    var longitudes: [Double]
    var latitudes: [Double]
    var x: [Double]
    var y: [Double]
    var scale: [Double]
    /// Land mass of each location; empty when there are no land masses (everything reaches everything).
    var landMass: [Int32]

    var count: Int { x.count }

    /// Projects the coordinates with the run's frame, exactly as the engine projects them.
    init(longitudes: [Double], latitudes: [Double], frame: PlanarFrame, landMass: [Int32]) throws {
        let plane = try frame.project(longitudes: longitudes, latitudes: latitudes)
        self.longitudes = longitudes
        self.latitudes = latitudes
        x = plane.x
        y = plane.y
        scale = plane.scale
        self.landMass = landMass
    }

    @inline(__always)
    func mass(_ i: Int) -> Int32 { landMass.isEmpty ? LandMasses.unknown : landMass[i] }
}

/// The engine's distance rule for a residence and a station, from their squared planar distance:
/// scale-corrected planar metres, or the geodesic beyond `PlanarFrame.correctedRange` (as
/// `CoverageEngine.distance`, argument for argument, so the two agree to the bit).
@inline(__always)
func engineDistance(
    squared: Double, residenceScale: Double, stationScale: Double, residenceLongitude: Double,
    residenceLatitude: Double, stationLongitude: Double, stationLatitude: Double
) -> Double {
    let metres = PlanarFrame.ellipsoidalDistance(planar: squared.squareRoot(), scale1: residenceScale, scale2: stationScale)
    guard metres > PlanarFrame.correctedRange else { return metres }
    return Geodesic.wgs84.distance(
        longitude1: residenceLongitude, latitude1: residenceLatitude, longitude2: stationLongitude,
        latitude2: stationLatitude)
}

/// A subset of residences in one k-d tree per zone, so each zone is searched with its own radius
/// (an urban residence is never looked for 5 km away).
struct ZoneTrees: Sendable {
    /// Residence indices per zone; a tree answers positions in its zone's list.
    let items: [[Int32]]
    let trees: [KDTree]
    /// Planar search radius per zone: every residence whose engine distance is within the zone's
    /// radius lies within it.
    let searchRadius: [Double]

    /// - Parameters:
    ///   - residences: indices of the residences to index.
    ///   - radius: the zone radii (metres on the ellipsoid).
    ///   - maximumScale: the largest scale factor of any residence or station involved: a planar
    ///     distance is at most the ellipsoidal one times it.
    init(residences: [Int32], zones: [Zone], plane: PlacedColumns, radius: [Double], maximumScale: Double) {
        var items = [[Int32]](repeating: [], count: Zone.allCases.count)
        for r in residences { items[Int(zones[Int(r)].rawValue)].append(r) }
        self.items = items
        trees = items.map { list in KDTree(x: list.map { plane.x[Int($0)] }, y: list.map { plane.y[Int($0)] }) }
        searchRadius = radius.map { r in
            // Beyond the corrected range the geodesic decides; give it a wide berth.
            let margin = r * maximumScale > PlanarFrame.correctedRange * 0.99 ? 1.05 : 1 + 1e-6
            return r * maximumScale * margin + 0.01
        }
    }

    /// Calls `body(residence, squared planar distance)` for every indexed residence within its zone's
    /// search radius of (x, y).
    @inline(__always)
    func forEach(nearX x: Double, y: Double, _ body: (Int, Double) -> Void) {
        for zone in 0..<trees.count where trees[zone].count > 0 {
            let list = items[zone]
            trees[zone].forEach(within: searchRadius[zone], x: x, y: y) { position, squared in
                body(Int(list[Int(position)]), squared)
            }
        }
    }
}
