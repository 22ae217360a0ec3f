import Foundation
import GRDB
import LegalCircle
// WKB, shared with the GeoPackage writer.

/// What a set of boundaries holds.
public enum BoundaryKind: String, Sendable, Codable, CaseIterable {
    /// County polygons with codes and names.
    case counties
    /// Zone areas drawn by planners.
    case zones

    var label: String { self == .counties ? "county boundaries" : "zone areas" }
    var loadOption: String { self == .counties ? "--boundaries" : "--zones" }
}

/// One loaded boundary file, as recorded in the `boundaries` table.
public struct BoundarySetInfo: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var kind: BoundaryKind
    /// The path the file was loaded from.
    public var source: String
    /// Digest of the file's bytes as given by the loader.
    public var checksum: String
    /// The property that gave the codes (for zones: the zone property).
    public var codeField: String
    /// The property that gave the names; nil when the codes serve as names.
    public var nameField: String?
    public var featureCount: Int
    public var loadedAt: Date
    /// The system the file was given in (`CoordinateSystem.canonicalName`); the stored geometries are WGS84.
    public var crs: String = "WGS84"
}

/// A boundary set that is not there.
public enum BoundaryStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing of `kind` has been loaded.
    case noBoundaries(kind: BoundaryKind, file: String)
    /// No set of `kind` has this name; `loaded` names those that exist.
    case unknownBoundaries(name: String, kind: BoundaryKind, file: String, loaded: [String])

    public var description: String {
        switch self {
        case let .noBoundaries(kind, file):
            "no \(kind.label) loaded in \(file); run `legalcircle load \(kind.loadOption) FILE.geojson` first"
        case let .unknownBoundaries(name, kind, file, loaded):
            "no \(kind.label) named \"\(name)\" in \(file); "
                + (loaded.isEmpty
                    ? "none is loaded, run `legalcircle load \(kind.loadOption) FILE.geojson` first"
                    : "loaded: " + loaded.map { "\"\($0)\"" }.joined(separator: ", "))
        }
    }
}

extension Store {
    /// Stores county boundaries as set `name`, replacing a set of that name in the same transaction.
    /// - Parameters:
    ///   - source: the input path, for the record.
    ///   - checksum: hex digest of the input bytes (`SHA256.hexDigest(ofFile:)`).
    ///   - codeField, nameField: the properties used (`BoundaryFile.codeField`, `.nameField`).
    ///   - featureCount: features in the file (defaults to the number of boundaries).
    ///   - crs: the system the file was given in (the boundaries arrive here in WGS84).
    public func replaceBoundaries(
        name: String, source: String, checksum: String, codeField: String, nameField: String?,
        featureCount: Int? = nil, crs: String = "WGS84", boundaries: [Boundary]
    ) throws -> BoundarySetInfo {
        try replaceFeatures(
            name: name, kind: .counties, source: source, checksum: checksum, codeField: codeField, nameField: nameField,
            featureCount: featureCount ?? boundaries.count, crs: crs,
            features: boundaries.map { ($0.code, $0.name, $0.polygons) })
    }

    /// Stores zone areas as set `name`, replacing a set of that name in the same transaction.
    public func replaceZoneAreas(
        name: String, source: String, checksum: String, zoneField: String = "zone", crs: String = "WGS84", areas: [ZoneArea]
    ) throws -> BoundarySetInfo {
        try replaceFeatures(
            name: name, kind: .zones, source: source, checksum: checksum, codeField: zoneField, nameField: nil,
            featureCount: areas.count, crs: crs, features: areas.map { ($0.zone.name, $0.name ?? "", $0.polygons) })
    }

    /// Every loaded boundary set, oldest first.
    public func boundarySets() throws -> [BoundarySetInfo] {
        try read("list boundaries") { db in
            try BoundarySetRecord.order(BoundarySetRecord.Columns.id).fetchAll(db).map { try $0.info(file: fileName) }
        }
    }

    /// The county boundaries called `name`, or the latest when `name` is nil.
    /// - Throws: `BoundaryStoreError` when there is no such set; `StoreError.corrupt` for a bad geometry.
    public func boundaries(named name: String?) throws -> (info: BoundarySetInfo, boundaries: [Boundary]) {
        let (info, features) = try features(named: name, kind: .counties)
        return (info, features.map { Boundary(code: $0.code, name: $0.name, polygons: $0.polygons) })
    }

    /// The most recently loaded county boundaries, nil when none are loaded.
    public func latestBoundaries() throws -> (info: BoundarySetInfo, boundaries: [Boundary])? {
        do {
            return try boundaries(named: nil)
        } catch BoundaryStoreError.noBoundaries {
            return nil
        }
    }

    /// The zone areas called `name`, or the latest when `name` is nil.
    /// - Throws: `BoundaryStoreError` when there is no such set; `StoreError.corrupt` for a bad value.
    public func zoneAreas(named name: String?) throws -> (info: BoundarySetInfo, areas: [ZoneArea]) {
        let (info, features) = try features(named: name, kind: .zones)
        let areas = try features.map { feature in
            guard let zone = Zone(name: feature.code) else {
                throw StoreError.corrupt(file: fileName, detail: "zone area \(feature.seq) of \"\(info.name)\" has zone \"\(feature.code)\"")
            }
            return ZoneArea(zone: zone, name: feature.name.isEmpty ? nil : feature.name, polygons: feature.polygons)
        }
        return (info, areas)
    }

    /// The most recently loaded zone areas, nil when none are loaded.
    public func latestZoneAreas() throws -> (info: BoundarySetInfo, areas: [ZoneArea])? {
        do {
            return try zoneAreas(named: nil)
        } catch BoundaryStoreError.noBoundaries {
            return nil
        }
    }

    // MARK: - Shared

    private func replaceFeatures(
        name: String, kind: BoundaryKind, source: String, checksum: String, codeField: String, nameField: String?,
        featureCount: Int, crs: String, features: [(code: String, name: String, polygons: [GeoPolygon])]
    ) throws -> BoundarySetInfo {
        let blobs = features.map { WKB.multiPolygon($0.polygons) }
        return try write("load \(kind.label) \"\(name)\"") { db in
            try BoundarySetRecord.filter(BoundarySetRecord.Columns.name == name && BoundarySetRecord.Columns.kind == kind.rawValue)
                .deleteAll(db)
            var record = BoundarySetRecord(
                id: nil, name: name, kind: kind, source: source, checksum: checksum, codeField: codeField,
                nameField: nameField, featureCount: featureCount, loadedAt: Timestamp.now(), crs: crs)
            try record.insert(db)
            FaultPoint.reach(.boundarySetReplaced)
            for (seq, feature) in features.enumerated() {
                try BoundaryFeatureRecord(
                    boundaryID: record.id!, seq: seq, code: feature.code, name: feature.name, geometry: blobs[seq]
                ).insert(db)
            }
            FaultPoint.reach(.boundaryFeaturesWritten)
            return try record.info(file: fileName)
        }
    }

    private func features(
        named name: String?, kind: BoundaryKind
    ) throws -> (BoundarySetInfo, [(seq: Int, code: String, name: String, polygons: [GeoPolygon])]) {
        let file = fileName
        return try read("read \(kind.label)") { db in
            let sets = try BoundarySetRecord.filter(BoundarySetRecord.Columns.kind == kind.rawValue)
                .order(BoundarySetRecord.Columns.id).fetchAll(db)
            let chosen: BoundarySetRecord
            if let name {
                guard let found = sets.first(where: { $0.name == name }) else {
                    throw BoundaryStoreError.unknownBoundaries(name: name, kind: kind, file: file, loaded: sets.map(\.name))
                }
                chosen = found
            } else {
                guard let latest = sets.last else { throw BoundaryStoreError.noBoundaries(kind: kind, file: file) }
                chosen = latest
            }
            let records = try BoundaryFeatureRecord.filter(BoundaryFeatureRecord.Columns.boundaryID == chosen.id!)
                .order(BoundaryFeatureRecord.Columns.seq).fetchAll(db)
            let features = try records.map { record in
                do {
                    return (record.seq, record.code, record.name, try WKB.polygons(record.geometry))
                } catch let error as WKB.DecodingError {
                    throw StoreError.corrupt(
                        file: file, detail: "geometry of \(kind.label) \"\(chosen.name)\" feature \(record.seq) (\(record.code)): \(error.reason)")
                }
            }
            return (try chosen.info(file: file), features)
        }
    }
}

/// A row of `boundaries`.
struct BoundarySetRecord: Codable, FetchableRecord, NamedSetRecord {
    static let databaseTableName = "boundaries"
    typealias Columns = NamedSetColumns

    var id: Int64?
    var name: String
    var kind: BoundaryKind
    var source: String
    var checksum: String
    var codeField: String
    var nameField: String?
    var featureCount: Int
    var loadedAt: String
    /// nil only when read from a database without the "v5-coordinate-systems" migration (then WGS84).
    var crs: String?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, source, checksum, codeField = "code_field", nameField = "name_field"
        case featureCount = "feature_count", loadedAt = "loaded_at", crs
    }

    func info(file: String) throws -> BoundarySetInfo {
        BoundarySetInfo(
            id: id!, name: name, kind: kind, source: source, checksum: checksum, codeField: codeField, nameField: nameField,
            featureCount: featureCount, loadedAt: try Timestamp.date(loadedAt, file: file), crs: crs ?? "WGS84")
    }
}

/// A row of `boundary_features`; `geometry` is WKB (see `Schema.v2Boundaries`).
struct BoundaryFeatureRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "boundary_features"

    var boundaryID: Int64
    var seq: Int
    var code: String
    var name: String
    var geometry: Data

    enum CodingKeys: String, CodingKey {
        case boundaryID = "boundary_id", seq, code, name, geometry
    }

    enum Columns {
        static let boundaryID = Column(CodingKeys.boundaryID)
        static let seq = Column(CodingKeys.seq)
    }
}
