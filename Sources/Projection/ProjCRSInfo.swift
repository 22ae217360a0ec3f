import CProj

/// What PROJ's database says about one EPSG CRS: its name, whether its coordinates are degrees or
/// metres, its area of use, and how good PROJ's way to WGS84 is.
struct ProjCRSInfo {
    let code: Int
    /// PROJ's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E".
    let name: String
    let unit: CoordinateUnit
    /// `proj_get_area_of_use`; nil when PROJ has none.
    let areaOfUse: GeographicBox?
    /// Set when the datum is neither WGS 84 nor CGCS2000 and PROJ has no real datum shift from it to
    /// WGS 84 everywhere (only computed when asked for, as it builds the operation).
    let datumWarning: String?

    /// EPSG codes of the datums whose difference from WGS 84 is under a metre: the WGS 84 ensemble
    /// (6326) and China 2000 (1043, the datum of CGCS2000).
    private static let wgs84LikeDatums: Set<String> = ["6326", "1043"]

    /// Looks the code up with `proj_create("EPSG:n")` and reads it with `proj_get_type`,
    /// `proj_crs_get_coordinate_system` + `proj_cs_get_axis_info` (units), `proj_get_area_of_use` and,
    /// when `checkDatumShift`, `proj_crs_get_datum_forced` and
    /// `proj_coordoperation_has_ballpark_transformation` on `proj_create_crs_to_crs(…, "EPSG:4326")`.
    /// - Parameter input: the text to name in errors.
    /// - Throws: `CoordinateSystemError` `.unknownCRS` with PROJ's own message, or `.unsupportedCRS`.
    static func lookUp(epsg code: Int, input: String, checkDatumShift: Bool = false) throws(CoordinateSystemError) -> ProjCRSInfo {
        // proj_context_create returns NULL only when out of memory.
        guard let session = ProjSession() else {
            throw CoordinateSystemError(input: input, kind: .conversionFailed, message: "could not create a PROJ context")
        }
        let definition = "EPSG:\(code)"
        // proj_create returns NULL for a code PROJ does not know; the log says why ("crs not found").
        guard let crs = proj_create(session.context, definition) else {
            throw CoordinateSystemError(
                input: input, kind: .unknownCRS,
                message: "PROJ does not know this CRS (\(session.message(orErrno: proj_context_errno(session.context))))")
        }
        defer { proj_destroy(crs) }
        let name = proj_get_name(crs).map { String(cString: $0) } ?? definition
        func unsupported(_ why: String) -> CoordinateSystemError {
            CoordinateSystemError(input: input, kind: .unsupportedCRS, message: "\(name) \(why)")
        }
        guard proj_is_crs(crs) != 0 else { throw unsupported("is not a coordinate reference system") }

        let type = proj_get_type(crs)
        let expected: CoordinateUnit
        switch type {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS: expected = .degrees
        case PJ_TYPE_PROJECTED_CRS: expected = .metres
        case PJ_TYPE_GEOCENTRIC_CRS, PJ_TYPE_GEODETIC_CRS:
            throw unsupported("is geocentric (X, Y, Z from the earth's centre); give longitude/latitude or projected metres")
        case PJ_TYPE_VERTICAL_CRS:
            throw unsupported("is a vertical (height) CRS, not a horizontal one")
        case PJ_TYPE_COMPOUND_CRS:
            throw unsupported("is a compound CRS (horizontal + height); give the code of its horizontal part")
        default:
            throw unsupported("is not a geographic or projected CRS")
        }

        // The unit of the first axis (both axes share it for these CRS types); proj_crs_get_coordinate_system
        // returns NULL on failure.
        guard let cs = proj_crs_get_coordinate_system(session.context, crs) else {
            throw unsupported("has no coordinate system PROJ can read (\(session.message(orErrno: proj_context_errno(session.context))))")
        }
        defer { proj_destroy(cs) }
        var factor = 0.0
        var unitName: UnsafePointer<CChar>?
        // proj_cs_get_axis_info returns 0 on failure.
        guard proj_cs_get_axis_info(session.context, cs, 0, nil, nil, nil, &factor, &unitName, nil, nil) != 0 else {
            throw unsupported("has axes PROJ cannot describe (\(session.message(orErrno: proj_context_errno(session.context))))")
        }
        let unitText = unitName.map { String(cString: $0) } ?? "an unknown unit"
        switch expected {
        case .degrees where abs(factor - Double.pi / 180) > 1e-12:
            throw unsupported("gives angles in \(unitText), not degrees")
        case .metres where abs(factor - 1) > 1e-12:
            throw unsupported("measures in \(unitText), not metres; only metre-based projected CRSs are supported")
        default: break
        }

        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var areaOfUse: GeographicBox?
        // proj_get_area_of_use returns 0 when there is none; PROJ marks unknown bounds with -1000.
        if proj_get_area_of_use(session.context, crs, &west, &south, &east, &north, nil) != 0,
            west > -1000, south > -1000, east > -1000, north > -1000
        {
            areaOfUse = GeographicBox(west: west, south: south, east: east, north: north)
        }

        var warning: String?
        if checkDatumShift {
            warning = datumWarning(session: session, crs: crs, definition: definition)
        }
        _ = session.drain()
        return ProjCRSInfo(code: code, name: name, unit: expected, areaOfUse: areaOfUse, datumWarning: warning)
    }

    /// A warning when PROJ's path to WGS 84 ignores a real datum difference (see `datumWarning`).
    private static func datumWarning(session: ProjSession, crs: OpaquePointer, definition: String) -> String? {
        // proj_crs_get_geodetic_crs / proj_crs_get_datum_forced return NULL on failure: then we
        // cannot tell, and say nothing.
        guard let geodetic = proj_crs_get_geodetic_crs(session.context, crs) else { return nil }
        defer { proj_destroy(geodetic) }
        guard let datum = proj_crs_get_datum_forced(session.context, geodetic) else { return nil }
        defer { proj_destroy(datum) }
        let datumCode = proj_get_id_code(datum, 0).map { String(cString: $0) }
        if let datumCode, wgs84LikeDatums.contains(datumCode) { return nil }
        let datumName = proj_get_name(datum).map { String(cString: $0) } ?? "its datum"
        // proj_create_crs_to_crs returns NULL on failure; the converter reports that itself.
        guard let operation = proj_create_crs_to_crs(session.context, definition, "EPSG:4326", nil) else { return nil }
        defer { proj_destroy(operation) }
        let consequence =
            "(for Beijing 1954 and Xian 1980 typically tens of metres or more). Prefer CGCS2000 coordinates "
            + "(EPSG:4490, or EPSG:4513–4554 for Gauss-Kruger), or local transformation parameters from the surveying office."
        if proj_get_name(operation) == nil {
            // Several candidate operations, chosen point by point by their areas of use.
            return "PROJ has datum shifts from \(datumName) to WGS 84 only for some areas; elsewhere it ignores "
                + "the difference between the datums " + consequence
        }
        // proj_coordoperation_has_ballpark_transformation: 1 when the operation only changes the ellipsoid.
        if proj_coordoperation_has_ballpark_transformation(session.context, operation) != 0 {
            return "PROJ knows no datum shift from \(datumName) to WGS 84 and ignores the difference between the datums "
                + consequence
        }
        return nil
    }
}

/// A PROJ context with its log, for one lookup; freed in `deinit`. Not `Sendable` (a PROJ context
/// must stay on one thread); it lives only inside `ProjCRSInfo.lookUp`.
private final class ProjSession {
    let context: OpaquePointer
    private let log = ProjLog()

    init?() {
        guard let context = proj_context_create() else { return nil }
        self.context = context
        log.install(on: context)
    }

    deinit {
        proj_context_destroy(context)
    }

    func drain() -> [String] { log.drain() }

    /// The logged messages without PROJ's "function: " prefixes, else `proj_context_errno_string`.
    func message(orErrno number: Int32) -> String {
        let logged = drain().map { text -> String in
            guard let colon = text.firstRange(of: ": "), text[..<colon.lowerBound].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber })
            else { return text }
            return String(text[colon.upperBound...])
        }
        if !logged.isEmpty { return logged.joined(separator: "; ") }
        if number != 0, let text = proj_context_errno_string(context, number) { return String(cString: text) }
        return "no reason given"
    }
}
