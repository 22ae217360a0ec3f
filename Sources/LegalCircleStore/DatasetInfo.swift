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
    /// Digest of the input file's bytes as given by the loader (the CLI uses `SHA256.hexDigest`);
    /// after `appendServicePoints`/`appendResidences`, `DatasetInfo.appendedChecksum` of the previous
    /// checksum and the appended file's, so each version of the dataset has its own checksum.
    public var checksum: String
    public var rowCount: Int
    /// The CRS the source coordinates were given in; stored coordinates are always degrees.
    public var crs: String
    public var loadedAt: Date
    /// 1 after a load, plus one per append (`dataset_versions`).
    public var version: Int

    public init(
        id: Int64, name: String, kind: DatasetKind, source: String, checksum: String, rowCount: Int,
        crs: String, loadedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.source = source
        self.checksum = checksum
        self.rowCount = rowCount
        self.crs = crs
        self.loadedAt = loadedAt
        self.version = version
    }

    /// The checksum of a dataset after appending a file to it: the SHA-256 (hex) of the UTF-8 text
    /// `previous + "+" + appended`, where `appended` is the appended file's own checksum. Appending the
    /// same files in the same order always gives the same checksum.
    public static func appendedChecksum(previous: String, appended: String) -> String {
        SHA256.hexDigest(Array("\(previous)+\(appended)".utf8))
    }
}

/// One load or append of a dataset, from `dataset_versions`.
public struct DatasetVersion: Sendable, Hashable {
    /// 1 for the load, 2 for the first append, and so on.
    public var version: Int
    /// The dataset's checksum after this version (what a run computed on it recorded).
    public var checksum: String
    /// Rows of the dataset after this version: version v holds rows 0..<rowCount.
    public var rowCount: Int
    /// The file this version loaded, its SHA-256 and the CRS it was given in.
    public var source: String
    public var sourceChecksum: String
    public var crs: String
    public var loadedAt: Date
}
