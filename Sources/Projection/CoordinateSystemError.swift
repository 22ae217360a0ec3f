/// Why a coordinate system could not be used, or a coordinate could not be converted, in words a
/// planner can act on. `description` is `"<input>: <message>"`, e.g.
/// `EPSG:999999: PROJ does not know this CRS (crs not found)`; a command line prefixes the option
/// name (`--crs EPSG:999999: …`).
public struct CoordinateSystemError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The text names no coordinate system we know (not WGS84, CGCS2000, GCJ-02, BD-09, EPSG:n).
        case unrecognised
        /// PROJ has no CRS with this EPSG code (`proj_create` returned NULL); `message` carries
        /// PROJ's own text.
        case unknownCRS
        /// PROJ knows the CRS but it cannot hold map coordinates here: geocentric, vertical, compound,
        /// or a unit other than degrees or metres.
        case unsupportedCRS
        /// PROJ could not build or run the conversion to WGS84 (`ProjError` text in `message`).
        case conversionFailed
        /// The coordinate at this index of the batch is not finite, or is not a longitude/latitude.
        case invalidCoordinate(index: Int)
    }

    /// The coordinate system as the user gave it, or its canonical text.
    public let input: String
    public let kind: Kind
    /// What went wrong and, where possible, what to do.
    public let message: String

    public init(input: String, kind: Kind, message: String) {
        self.input = input
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(input): \(message)" }
}
