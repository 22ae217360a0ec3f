/// Converts coordinates given in one `CoordinateSystem` to WGS84 longitude/latitude (degrees).
///
/// - WGS84, EPSG:4326, CGCS2000 and EPSG:4490: unchanged (CGCS2000 and WGS84 differ by less than a
///   metre, which PROJ ignores too), only checked to be longitudes/latitudes.
/// - GCJ-02 and BD-09: `ChineseOffsets` inverses, accurate to a few µm against the published forward
///   formulas (exactly what Amap/Tencent/Baidu apply is not public; the formulas are believed to match
///   them to well under a metre).
/// - Other EPSG codes: PROJ, with a `Transformer` from `EPSG:n` to `EPSG:4326` (lon/lat order).
///   Projected inputs are x = easting, y = northing.
///
/// Not `Sendable`: for EPSG codes it owns a `Transformer`, whose PROJ context must not be used from two
/// threads at once. Make one converter per thread; the GCJ-02/BD-09/pass-through ones hold no C state
/// and are cheap to make.
public final class CoordinateConverter {
    /// The system the input coordinates are in.
    public let source: CoordinateSystem
    /// Whether the input is degrees (longitude, latitude) or metres (easting, northing).
    public let unit: CoordinateUnit
    /// A readable name: PROJ's for EPSG codes ("CGCS2000 / 3-degree Gauss-Kruger CM 120E").
    public let name: String
    /// Where the input system is meant to be used, as longitude/latitude: PROJ's area of use for
    /// EPSG codes and CGCS2000, the GCJ-02 box for GCJ-02/BD-09, the world for WGS84. Converted points
    /// far outside it usually mean a wrong code, a wrong Gauss-Kruger zone, or swapped x/y columns.
    public let areaOfUse: GeographicBox?
    /// Set when PROJ's path to WGS84 ignores a real datum difference (Beijing 1954, Xian 1980 and
    /// other local datums without an EPSG datum shift): results can then be tens of metres off.
    public let datumWarning: String?

    private enum Method {
        case passThrough
        case gcj02
        case bd09
        case proj(Transformer)
    }

    private let method: Method

    /// Prepares the conversion; for an EPSG code it looks the CRS up (`proj_create`) and builds the
    /// PROJ operation (`proj_create_crs_to_crs` + `proj_normalize_for_visualization`), a few ms.
    /// - Throws: `CoordinateSystemError` (`.unknownCRS`, `.unsupportedCRS`, `.conversionFailed`), with
    ///   PROJ's own message.
    public init(from source: CoordinateSystem) throws(CoordinateSystemError) {
        self.source = source
        switch source {
        case .wgs84, .epsg(4326):
            (unit, name, method) = (.degrees, "WGS 84", .passThrough)
            areaOfUse = GeographicBox(west: -180, south: -90, east: 180, north: 90)
            datumWarning = nil
        case .cgcs2000, .epsg(4490):
            (unit, name, method) = (.degrees, "China Geodetic Coordinate System 2000", .passThrough)
            // EPSG:4490's area of use as PROJ 9.1 reports it ("China - onshore and offshore").
            areaOfUse = GeographicBox(west: 73.62, south: 16.7, east: 134.77, north: 53.56)
            datumWarning = nil
        case .gcj02:
            (unit, name, method) = (.degrees, "GCJ-02 (Amap/Gaode, Tencent)", .gcj02)
            areaOfUse = ChineseOffsets.chinaBox
            datumWarning = nil
        case .bd09:
            (unit, name, method) = (.degrees, "BD-09 (Baidu)", .bd09)
            areaOfUse = ChineseOffsets.chinaBox
            datumWarning = nil
        case .epsg(let code):
            let info = try ProjCRSInfo.lookUp(epsg: code, input: source.canonicalName, checkDatumShift: true)
            let transformer: Transformer
            do {
                transformer = try Transformer(from: "EPSG:\(code)", to: "EPSG:4326")
            } catch {
                throw CoordinateSystemError(
                    input: source.canonicalName, kind: .conversionFailed,
                    message: "PROJ cannot convert \(info.name) to WGS 84: \(Self.reason(error))")
            }
            (unit, name, method) = (info.unit, info.name, .proj(transformer))
            areaOfUse = info.areaOfUse
            datumWarning = info.datumWarning
        }
    }

    /// Converts a batch in place to WGS84: x becomes longitude, y latitude (degrees).
    ///
    /// Inputs are checked first: every value must be finite and, for geographic systems, a longitude
    /// within ±180° and a latitude within ±90° (a latitude beyond 90° with a longitude that would be a
    /// latitude is reported as probably swapped columns). A failed check leaves the arrays unchanged.
    /// - Complexity: O(n). GCJ-02 and BD-09 take 4 forward steps per point (about 1 µs, so 1 s per
    ///   million points in a release build, one thread); EPSG codes
    ///   are one `proj_trans_generic` call.
    /// - Throws: `CoordinateSystemError` `.invalidCoordinate(index:)` for a bad input, or
    ///   `.conversionFailed` when PROJ fails (then the arrays may be partly converted).
    public func toWGS84(x: inout [Double], y: inout [Double]) throws(CoordinateSystemError) {
        precondition(x.count == y.count, "x and y must have the same length")
        try validate(x: x, y: y)
        switch method {
        case .passThrough:
            return
        case .gcj02:
            Self.convertInPlace(x: &x, y: &y, ChineseOffsets.gcj02ToWGS84)
        case .bd09:
            Self.convertInPlace(x: &x, y: &y, ChineseOffsets.bd09ToWGS84)
        case .proj(let transformer):
            do {
                try transformer.transform(x: &x, y: &y)
            } catch {
                throw CoordinateSystemError(
                    input: source.canonicalName, kind: .conversionFailed,
                    message: "PROJ could not convert to WGS 84: \(Self.reason(error))")
            }
        }
    }

    /// Converts a batch of WGS84 longitudes/latitudes in place to this converter's system, the inverse
    /// of `toWGS84`: x becomes longitude (or easting), y latitude (or northing). GCJ-02 and BD-09 use
    /// the published forward formulas (`ChineseOffsets.wgs84ToGCJ02`, `wgs84ToBD09`), so a point
    /// written this way and read back with `toWGS84` returns within a few µm; EPSG codes run the PROJ
    /// operation backwards (`proj_trans_generic` with `PJ_INV`).
    /// - Throws: `CoordinateSystemError` `.invalidCoordinate(index:)` for a non-finite input or one
    ///   beyond ±180°/±90°, `.conversionFailed` when PROJ fails.
    public func fromWGS84(x: inout [Double], y: inout [Double]) throws(CoordinateSystemError) {
        precondition(x.count == y.count, "x and y must have the same length")
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite, abs(x[i]) <= 180, abs(y[i]) <= 90 else {
                throw invalid(i, "point \(i) (longitude \(x[i]), latitude \(y[i])) is not a WGS84 longitude/latitude")
            }
        }
        switch method {
        case .passThrough:
            return
        case .gcj02:
            Self.convertInPlace(x: &x, y: &y, ChineseOffsets.wgs84ToGCJ02)
        case .bd09:
            Self.convertInPlace(x: &x, y: &y, ChineseOffsets.wgs84ToBD09)
        case .proj(let transformer):
            do {
                try transformer.transform(x: &x, y: &y, inverse: true)
            } catch {
                throw CoordinateSystemError(
                    input: source.canonicalName, kind: .conversionFailed,
                    message: "PROJ could not convert from WGS 84: \(Self.reason(error))")
            }
        }
    }

    /// Converts one WGS84 point to this converter's system; see `fromWGS84(x:y:)`.
    public func fromWGS84(longitude: Double, latitude: Double) throws(CoordinateSystemError) -> (x: Double, y: Double) {
        var xs = [longitude]
        var ys = [latitude]
        try fromWGS84(x: &xs, y: &ys)
        return (xs[0], ys[0])
    }

    /// Converts one point; see `toWGS84(x:y:)`.
    public func toWGS84(x: Double, y: Double) throws(CoordinateSystemError) -> (longitude: Double, latitude: Double) {
        var xs = [x]
        var ys = [y]
        try toWGS84(x: &xs, y: &ys)
        return (xs[0], ys[0])
    }

    private func validate(x: [Double], y: [Double]) throws(CoordinateSystemError) {
        for i in x.indices {
            let (a, b) = (x[i], y[i])
            guard a.isFinite && b.isFinite else {
                throw invalid(i, "point \(i) (x \(a), y \(b)) is not a finite number")
            }
            guard unit == .degrees else { continue }
            if abs(b) > 90 {
                let swapped = abs(a) <= 90 && abs(b) <= 180 ? "; are longitude and latitude swapped?" : ""
                throw invalid(i, "point \(i) (longitude \(a), latitude \(b)): the latitude is beyond ±90°\(swapped)")
            }
            if abs(a) > 180 {
                throw invalid(
                    i, "point \(i) (longitude \(a), latitude \(b)): the longitude is beyond ±180°; "
                        + "are these projected metres rather than degrees?")
            }
        }
    }

    private func invalid(_ index: Int, _ message: String) -> CoordinateSystemError {
        CoordinateSystemError(input: source.canonicalName, kind: .invalidCoordinate(index: index), message: message)
    }

    private static func convertInPlace(
        x: inout [Double], y: inout [Double],
        _ convert: (Double, Double) -> (longitude: Double, latitude: Double)
    ) {
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                for i in 0..<xs.count {
                    let p = convert(xs[i], ys[i])
                    xs[i] = p.longitude
                    ys[i] = p.latitude
                }
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as? ProjError)?.message ?? "\(error)"
    }
}
