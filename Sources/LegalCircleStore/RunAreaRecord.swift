import Foundation
import GRDB
import SQLiteBulk
import LegalCircle

/// A row of `run_areas`: one `UncoveredArea`.
struct RunAreaRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_areas"

    var runID: Int64
    var ordinal: Int
    var areaID: Int
    var county: String?
    var dominantZone: String
    var population: Double
    var residenceCount: Int
    var centroidLon: Double
    var centroidLat: Double
    var minLon: Double
    var minLat: Double
    var maxLon: Double
    var maxLat: Double
    var nearestPointID: String?
    var nearestPointName: String?
    var nearestDistance: Double?
    var nearestMinutes: Double?
    var minutesBeyondTarget: Double?
    /// (column, row) pairs as little-endian Int32.
    var cells: Data
    var nearestAcrossWater: Bool

    /// In column order: `bind(to:base:)` binds the fields in this order.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id", ordinal, areaID = "area_id", county, dominantZone = "dominant_zone", population,
            residenceCount = "residence_count", centroidLon = "centroid_lon", centroidLat = "centroid_lat",
            minLon = "min_lon", minLat = "min_lat", maxLon = "max_lon", maxLat = "max_lat",
            nearestPointID = "nearest_point_id", nearestPointName = "nearest_point_name",
            nearestDistance = "nearest_distance_m", nearestMinutes = "nearest_minutes",
            minutesBeyondTarget = "minutes_beyond_target", cells, nearestAcrossWater = "nearest_across_water"
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let ordinal = Column(CodingKeys.ordinal)
    }

    init(runID: Int64, ordinal: Int, area: UncoveredArea) {
        self.runID = runID
        self.ordinal = ordinal
        areaID = area.id
        county = area.county
        dominantZone = area.dominantZone.name
        population = area.population
        residenceCount = area.residenceCount
        centroidLon = area.centroid.longitude
        centroidLat = area.centroid.latitude
        minLon = area.minLongitude
        minLat = area.minLatitude
        maxLon = area.maxLongitude
        maxLat = area.maxLatitude
        nearestPointID = area.nearestPointID
        nearestPointName = area.nearestPointName
        nearestDistance = area.nearestDistance
        nearestMinutes = area.nearestMinutes
        minutesBeyondTarget = area.minutesBeyondTarget
        cells = Self.encode(area.cells)
        nearestAcrossWater = area.nearestAcrossWater
    }

    /// Binds every column, in `CodingKeys` order, for `BatchInsert` (GRDB's Codable encoding
    /// took 40 µs a row, too slow for runs with hundreds of thousands of areas).
    func bind(to insert: RawStatement, base: Int32) {
        insert.bind(runID, at: base + 1)
        insert.bind(Int64(ordinal), at: base + 2)
        insert.bind(Int64(areaID), at: base + 3)
        insert.bind(county, at: base + 4)
        insert.bind(dominantZone, at: base + 5)
        insert.bind(population, at: base + 6)
        insert.bind(Int64(residenceCount), at: base + 7)
        insert.bind(centroidLon, at: base + 8)
        insert.bind(centroidLat, at: base + 9)
        insert.bind(minLon, at: base + 10)
        insert.bind(minLat, at: base + 11)
        insert.bind(maxLon, at: base + 12)
        insert.bind(maxLat, at: base + 13)
        insert.bind(nearestPointID, at: base + 14)
        insert.bind(nearestPointName, at: base + 15)
        insert.bind(nearestDistance, at: base + 16)
        insert.bind(nearestMinutes, at: base + 17)
        insert.bind(minutesBeyondTarget, at: base + 18)
        insert.bind(cells, at: base + 19)
        insert.bind(Int64(nearestAcrossWater ? 1 : 0), at: base + 20)
    }

    /// Selects the columns in `CodingKeys` order, so `init(row:)` reads them by position.
    static var databaseSelection: [any SQLSelectable] { CodingKeys.allCases.map { Column($0) } }

    /// Decodes by position: GRDB's Codable decoding took 6 µs a row.
    init(row: Row) throws {
        runID = row[0]
        ordinal = row[1]
        areaID = row[2]
        county = row[3]
        dominantZone = row[4]
        population = row[5]
        residenceCount = row[6]
        centroidLon = row[7]
        centroidLat = row[8]
        minLon = row[9]
        minLat = row[10]
        maxLon = row[11]
        maxLat = row[12]
        nearestPointID = row[13]
        nearestPointName = row[14]
        nearestDistance = row[15]
        nearestMinutes = row[16]
        minutesBeyondTarget = row[17]
        cells = row[18]
        nearestAcrossWater = row[19]
    }

    func area(file: String) throws -> UncoveredArea {
        guard let zone = Zone(name: dominantZone), cells.count % 8 == 0 else {
            throw StoreError.corrupt(file: file, detail: "area \(areaID) of run \(runID) has a bad zone or cells")
        }
        return UncoveredArea(
            id: areaID, county: county, dominantZone: zone, population: population, residenceCount: residenceCount,
            centroid: GeoCoordinate(longitude: centroidLon, latitude: centroidLat), minLongitude: minLon,
            minLatitude: minLat, maxLongitude: maxLon, maxLatitude: maxLat, nearestPointID: nearestPointID,
            nearestPointName: nearestPointName, nearestDistance: nearestDistance, nearestMinutes: nearestMinutes,
            minutesBeyondTarget: minutesBeyondTarget, cells: Self.decode(cells), nearestAcrossWater: nearestAcrossWater)
    }

    static func encode(_ cells: [GridCell]) -> Data {
        var data = Data(capacity: cells.count * 8)
        for cell in cells {
            withUnsafeBytes(of: cell.column.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: cell.row.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func decode(_ data: Data) -> [GridCell] {
        let bytes = [UInt8](data)
        func int32(at offset: Int) -> Int32 {
            Int32(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
        return stride(from: 0, to: bytes.count, by: 8).map { GridCell(column: int32(at: $0), row: int32(at: $0 + 4)) }
    }
}
