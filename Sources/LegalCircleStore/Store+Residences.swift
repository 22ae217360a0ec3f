import GRDB
import LegalCircle

extension Store {
    /// Loads residences as dataset `name`, replacing a residences dataset of that name in the same
    /// transaction; runs that used the old one are kept and become stale.
    ///
    /// Rows go through one prepared statement and the C API (no per-row allocation besides SQLite's).
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
        let insert = try RawStatement(
            db,
            sql: """
                INSERT INTO residences (dataset_id, seq, id, lon, lat, population, county, zone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insert.bind(datasetID, at: 1)
        let zoneNames = Zone.allCases.map(\.name)
        let counties = residences.counties.codes
        let (ids, longitudes, latitudes) = (residences.ids, residences.longitudes, residences.latitudes)
        let (populations, countyIndices, zones) = (residences.populations, residences.countyIndices, residences.zones)
        for row in 0..<residences.count {
            insert.bind(Int64(row), at: 2)
            insert.bind(ids[row], at: 3)
            insert.bind(longitudes[row], at: 4)
            insert.bind(latitudes[row], at: 5)
            insert.bind(populations[row], at: 6)
            let county = countyIndices[row]
            if county < 0 { insert.bindNull(at: 7) } else { insert.bind(counties[Int(county)], at: 7) }
            insert.bind(zoneNames[Int(zones[row].rawValue)], at: 8)
            do {
                try insert.execute()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError.rejectedRow(
                    kind: .residences, row: row, id: ids[row], reason: error.message ?? "constraint failed")
            }
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
                    WHERE dataset_id = ? ORDER BY seq
                    """)
            query.bind(datasetID, at: 1)
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
