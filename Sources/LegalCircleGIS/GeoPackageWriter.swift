import Foundation
import GRDB
import SQLiteBulk
import LegalCircle
import LegalCircle

/// Writes feature layers to a new GeoPackage 1.2 file (OGC 12-128r15) that GDAL and QGIS open as is.
///
/// One table per layer (`fid`, `geom`, the attributes), geometries as GeoPackageBinary with envelopes
/// (`GeoPackageGeometry`) in EPSG:4326, each table listed in `gpkg_contents` with its extent and in
/// `gpkg_geometry_columns`, and an R-tree spatial index per table (`GeoPackageSchema.createSpatialIndex`).
/// The file is built under a temporary name in one transaction and renamed over `path` when complete,
/// so a failure never leaves a half-written GeoPackage.
public enum GeoPackageWriter {
    /// Writes `layers` to `path`, replacing any file there.
    /// - Parameters:
    ///   - description: the `gpkg_contents.description` of every layer (such as the run summary).
    ///   - spatialIndex: build the R-tree indexes (QGIS draws ten million points slowly without them).
    /// - Throws: `StoreError.sqlite` naming the file when SQLite fails, `CocoaError` when the file
    ///   cannot be replaced.
    /// - Complexity: O(n log n) for n features (the R-tree); one prepared multi-row INSERT reused and
    ///   one geometry buffer for all rows.
    public static func write(
        _ layers: [any FeatureLayer], description: String, to path: String, spatialIndex: Bool = true
    ) throws {
        let fileName = (path as NSString).lastPathComponent
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // The file is private until renamed: no need to sync before the commit.
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA cache_size = -131072")
            }
            let queue = try DatabaseQueue(path: partial, configuration: configuration)
            try queue.write { db in
                try GeoPackageSchema.createCore(db)
                for layer in layers {
                    try GeoPackageSchema.createFeatureTable(db, layer)
                    try insertFeatures(db, layer, fileName: fileName)
                    try GeoPackageSchema.register(
                        db, table: layer.name, geometryType: layer.geometryType, description: description,
                        extent: layer.extent)
                    if spatialIndex { try GeoPackageSchema.createSpatialIndex(db, layer) }
                }
            }
            try queue.close()
            // rename(2) replaces the destination atomically.
            guard rename(partial, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: partial)
            throw GeoPackageError(error, file: path, action: "write the GeoPackage")
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Inserts every feature with `fid` = row + 1, `BatchInsert.rowsPerStatement` rows per statement.
    private static func insertFeatures(_ db: Database, _ layer: any FeatureLayer, fileName: String) throws {
        let columns = ["fid", GeoPackageSchema.geometryColumn] + layer.fields.map(\.name.quotedDatabaseIdentifier)
        let fieldCount = layer.fields.count
        var geometry: [UInt8] = []
        geometry.reserveCapacity(GeoPackageGeometry.headerByteCount + WKB.pointByteCount)
        try BatchInsert.run(
            db, table: layer.name.quotedDatabaseIdentifier, columns: columns, rows: layer.count
        ) { insert, row, base in
            insert.bind(Int64(row + 1), at: base + 1)
            if let shape = layer.geometry(row: row) {
                geometry.removeAll(keepingCapacity: true)
                GeoPackageGeometry.append(shape, to: &geometry)
                geometry.withUnsafeBytes { insert.bind($0, at: base + 2) }
            } else {
                insert.bindNull(at: base + 2)
            }
            for field in 0..<fieldCount {
                bind(layer.value(field, row: row), to: insert, at: base + 3 + Int32(field))
            }
        } rejected: { row, error in
            GeoPackageError(
                file: fileName, action: "write feature \(row + 1) of layer \(layer.name)", message: error.message ?? "constraint failed")
        }
    }

    /// NULL for missing values and non-finite reals; booleans as 0/1.
    private static func bind(_ value: FeatureValue, to insert: RawStatement, at index: Int32) {
        switch value {
        case .text(let text): insert.bind(text, at: index)
        case .integer(let integer):
            if let integer { insert.bind(integer, at: index) } else { insert.bindNull(at: index) }
        case .real(let real):
            if let real, real.isFinite { insert.bind(real, at: index) } else { insert.bindNull(at: index) }
        case .boolean(let flag):
            if let flag { insert.bind(Int64(flag ? 1 : 0), at: index) } else { insert.bindNull(at: index) }
        }
    }
}
