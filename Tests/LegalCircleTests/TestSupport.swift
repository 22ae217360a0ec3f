import Foundation
import LegalCircle
import Projection

/// Brute-force reference: the geodesic distance from a residence to every eligible point.
func bruteForceNearest(
    residence: Residence, points: [ServicePoint], kinds: ServiceKinds
) -> (index: Int, distance: Double)? {
    var best: (Int, Double)?
    for (index, point) in points.enumerated() where !point.kinds.isDisjoint(with: kinds) {
        let d = Geodesic.wgs84.distance(
            longitude1: residence.location.longitude, latitude1: residence.location.latitude,
            longitude2: point.location.longitude, latitude2: point.location.latitude)
        if best == nil || d < best!.1 { best = (index, d) }
    }
    return best
}

/// The place `metres` away from `origin` along `azimuth` degrees, on the ellipsoid.
func offset(_ origin: GeoCoordinate, azimuth: Double, metres: Double) -> GeoCoordinate {
    let end = Geodesic.wgs84.destination(
        longitude: origin.longitude, latitude: origin.latitude, azimuth: azimuth, distance: metres)
    return GeoCoordinate(longitude: end.longitude, latitude: end.latitude)
}

func point(_ id: String, _ location: GeoCoordinate, county: String?, kinds: ServiceKinds = .mediation) -> ServicePoint {
    ServicePoint(id: id, name: "站 \(id)", kinds: kinds, level: .village, location: location, county: county)
}
