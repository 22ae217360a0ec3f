import Foundation

/// What a dataset holds.
public enum DatasetKind: String, Sendable, Codable, CaseIterable {
    case points, residences

    /// Plural noun for messages.
    var label: String { self == .points ? "service points" : "residences" }
    /// The `legalcircle load` option that loads this kind.
    var loadOption: String { self == .points ? "--points" : "--residences" }
}

/// One loaded input file, as recorded in the `datasets` table.
public struct DatasetInfo: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var kind: DatasetKind
    /// The path the data was loaded from.
    public var source: String
    /// Digest of the input file's bytes as given by the loader (the CLI uses `SHA256.hexDigest`).
    public var checksum: String
    public var rowCount: Int
    /// The CRS the source coordinates were given in; stored coordinates are always degrees.
    public var crs: String
    public var loadedAt: Date

    public init(
        id: Int64, name: String, kind: DatasetKind, source: String, checksum: String, rowCount: Int,
        crs: String, loadedAt: Date
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.source = source
        self.checksum = checksum
        self.rowCount = rowCount
        self.crs = crs
        self.loadedAt = loadedAt
    }
}
