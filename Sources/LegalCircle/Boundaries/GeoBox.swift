import Foundation

/// A box of longitudes and latitudes, degrees.
public struct GeoBox: Sendable, Equatable {
    public var minLongitude, minLatitude, maxLongitude, maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        (self.minLongitude, self.minLatitude, self.maxLongitude, self.maxLatitude) = (minLongitude, minLatitude, maxLongitude, maxLatitude)
    }

    public func contains(_ point: GeoCoordinate) -> Bool {
        (minLongitude...maxLongitude).contains(point.longitude) && (minLatitude...maxLatitude).contains(point.latitude)
    }

    /// Where a county's map (`SVGMap.county`) can show points: the box of the county's outline, areas and
    /// own points, widened by twice `reach`, a tenth of its longer side and 2 km. The map draws that
    /// content with the reach of its own points around them, a margin of 16 of its 960 × 760 pixels (under
    /// 2.3 % of the longer side), and the other counties' points whose reach meets that view.
    /// - Parameters:
    ///   - points: where the county's own points are.
    ///   - reach: the widest reach of a point, metres.
    /// - Returns: nil when the county has no outline, areas nor points.
    public static func countyMap(outline: [GeoPolygon], areas: [UncoveredArea], points: [GeoCoordinate], reach: Double) -> GeoBox? {
        var box: GeoBox?
        func include(_ lon: Double, _ lat: Double) {
            guard var known = box else {
                box = GeoBox(minLongitude: lon, minLatitude: lat, maxLongitude: lon, maxLatitude: lat)
                return
            }
            (known.minLongitude, known.maxLongitude) = (min(known.minLongitude, lon), max(known.maxLongitude, lon))
            (known.minLatitude, known.maxLatitude) = (min(known.minLatitude, lat), max(known.maxLatitude, lat))
            box = known
        }
        for polygon in outline { for vertex in polygon.exterior { include(vertex.longitude, vertex.latitude) } }
        for point in points { include(point.longitude, point.latitude) }
        for area in areas {
            include(area.minLongitude, area.minLatitude)
            include(area.maxLongitude, area.maxLatitude)
        }
        guard let content = box else { return nil }
        // Metres per degree near the county (WGS84, within 1 % over a county's span).
        let middle = (content.minLatitude + content.maxLatitude) / 2 * .pi / 180
        let perLongitude = max(111_320 * cos(middle), 1), perLatitude = 110_574.0
        let longer = max(
            (content.maxLongitude - content.minLongitude) * perLongitude, (content.maxLatitude - content.minLatitude) * perLatitude)
        let margin = 2 * reach + longer / 10 + 2_000
        return GeoBox(
            minLongitude: content.minLongitude - margin / perLongitude, minLatitude: content.minLatitude - margin / perLatitude,
            maxLongitude: content.maxLongitude + margin / perLongitude, maxLatitude: content.maxLatitude + margin / perLatitude)
    }
}
