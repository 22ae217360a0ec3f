import GRDB
import LegalCircle

extension Store {
    /// Loads residences as dataset `name`, replacing a residences dataset of that name in the same
    /// transaction; runs that used the old one are kept and become stale.
    ///
    /// Rows go through multi-row INSERT statements bound with the C API (`BatchInsert`), with no
    /// per-row allocation besides SQLite's.
    /// - Parameters:
    ///   - source: the input path, for the record.
    ///   - checksum: hex digest of the input bytes (`SHA256.hexDigest(ofFile:)`).
    ///   - crs: the CRS the input was given in (coordinates arrive here in degrees).
    /// - Throws: `StoreError.rejectedRow` naming the first row SQLite refuses (a NaN coordinate or
    ///   population); the previous state is kept on any failure.
    /// - Complexity: O(n) for n residences, plus the deletion of the replaced dataset's rows.
    public func replaceResidences(
        name: String, source: String, checksum: String, crs: String = "EPSG:4326", residences: ResidenceTable
    ) throws -> DatasetInfo {
        try write("load residences \"\(name)\"") { db in
            let dataset = try Self.replaceDataset(
                db, name: name, kind: .residences, source: source, checksum: checksum, crs: crs,
                rowCount: residences.count)
            try Self.insertRows(db, datasetID: dataset.id!, residences: residences)
            return try dataset.info(file: fileName)
        }
    }

    private static func insertRows(_ db: Database, datasetID: Int64, residences: ResidenceTable) throws {
        let zoneNames = Zone.allCases.map(\.name)
        let counties = residences.counties.codes
        let (ids, longitudes, latitudes) = (residences.ids, residences.longitudes, residences.latitudes)
        let (populations, countyIndices, zones) = (residences.populations, residences.countyIndices, residences.zones)
        try BatchInsert.run(
            db, table: ResidenceRecord.databaseTableName, columns: ResidenceRecord.CodingKeys.allCases.map(\.rawValue),
            rows: residences.count
        ) { insert, row, base in
            insert.bind(RowKey.make(parent: datasetID, seq: row), at: base + 1)
            insert.bind(datasetID, at: base + 2)
            insert.bind(Int64(row), at: base + 3)
            insert.bind(ids[row], at: base + 4)
            insert.bind(longitudes[row], at: base + 5)
            insert.bind(latitudes[row], at: base + 6)
            insert.bind(populations[row], at: base + 7)
            let county = countyIndices[row]
            if county < 0 { insert.bindNull(at: base + 8) } else { insert.bind(counties[Int(county)], at: base + 8) }
            insert.bind(zoneNames[Int(zones[row].rawValue)], at: base + 9)
        } rejected: { row, error in
            StoreError.rejectedRow(
                kind: .residences, row: row, id: ids[row], reason: error.message ?? "constraint failed")
        }
    }

    /// The residences of dataset `datasetID` in load order (row i is `seq` i).
    /// - Throws: `StoreError.unknownDatasetID` when there is no such residences dataset.
    /// - Complexity: O(n), one range scan.
    public func residences(datasetID: Int64) throws -> ResidenceTable {
        try read("read residences") { db in
            let dataset = try Self.requireDataset(db, id: datasetID, kind: .residences, file: fileName)
            let query = try RawStatement(
                db,
                sql: """
                    SELECT id, lon, lat, population, county, zone FROM residences
                    WHERE key BETWEEN ? AND ? ORDER BY key
                    """)
            let keys = RowKey.range(parent: datasetID)
            query.bind(keys.first, at: 1)
            query.bind(keys.last, at: 2)
            var table = ResidenceTable()
            table.reserveCapacity(dataset.rowCount)
            while try query.step() {
                table.append(
                    id: query.string(at: 0), longitude: query.double(at: 1), latitude: query.double(at: 2),
                    population: query.double(at: 3), county: query.isNull(at: 4) ? nil : query.string(at: 4),
                    zone: try Self.zone(firstByte: query.firstByte(at: 5), file: fileName))
            }
            return table
        }
    }

    /// The zone from its name's first letter, which differs for every zone; the table's CHECK
    /// constraint guarantees the rest of the name.
    static func zone(firstByte: UInt8, file: String) throws -> Zone {
        switch firstByte {
        case UInt8(ascii: "u"): return .urban
        case UInt8(ascii: "r"): return .rural
        case UInt8(ascii: "m"): return .mountain
        case UInt8(ascii: "i"): return .island
        default: throw StoreError.corrupt(file: file, detail: "unknown zone in residences")
        }
    }
}
