import Foundation
import GRDB
import LegalCircle

/// A row of `runs`. JSON columns are written with sorted keys so equal runs store equal text.
struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "runs"

    var id: Int64?
    var createdAt: String
    var pointsDatasetID: Int64?
    var residencesDatasetID: Int64?
    var pointsDatasetName: String
    var residencesDatasetName: String
    var pointsChecksum: String
    var residencesChecksum: String
    var residenceCount: Int
    /// `RunParametersJSON`.
    var parameters: String
    /// The full `TravelProfile`, in the profile file format.
    var profile: String
    /// The PROJ definition of the run's local projection; the frame is rebuilt from the origin.
    var projection: String
    var centralMeridian: Double
    var originLatitude: Double
    /// `PhaseTimings`.
    var timings: String

    enum CodingKeys: String, CodingKey {
        case id, createdAt = "created_at", pointsDatasetID = "points_dataset_id",
            residencesDatasetID = "residences_dataset_id", pointsDatasetName = "points_dataset_name",
            residencesDatasetName = "residences_dataset_name", pointsChecksum = "points_checksum",
            residencesChecksum = "residences_checksum", residenceCount = "residence_count", parameters,
            profile, projection, centralMeridian = "central_meridian", originLatitude = "origin_latitude", timings
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The `runs.parameters` JSON: what `CoverageParameters` holds besides the profile.
struct RunParametersJSON: Codable, Equatable {
    /// Canonical kind names, in bit order.
    var kinds: [String]
    var areaCellSize: Double
    /// The profile's target minutes (with any override), repeated for SQL queries.
    var minutes: Double

    enum CodingKeys: String, CodingKey {
        case kinds, areaCellSize = "area_cell_size_m", minutes
    }
}

/// A row of `run_counties`: one line of the report.
struct RunCountyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_counties"

    var runID: Int64
    var ordinal: Int
    var isTotal: Bool
    var county: String
    var residents: Double
    var covered: Double
    var coveragePercent: Double?
    var servicePoints: Int
    var pointsPer10k: Double?
    var medianMinutes: Double?
    var p90Minutes: Double?
    var uncoveredPopulation: Double
    var uncoveredAreas: Int

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", ordinal, isTotal = "is_total", county, residents, covered,
            coveragePercent = "coverage_percent", servicePoints = "service_points",
            pointsPer10k = "points_per_10k", medianMinutes = "median_minutes", p90Minutes = "p90_minutes",
            uncoveredPopulation = "uncovered_population", uncoveredAreas = "uncovered_areas"
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let ordinal = Column(CodingKeys.ordinal)
    }

    init(runID: Int64, ordinal: Int, isTotal: Bool, figures: CountyFigures) {
        self.runID = runID
        self.ordinal = ordinal
        self.isTotal = isTotal
        county = figures.county
        residents = figures.residents
        covered = figures.covered
        coveragePercent = figures.coveragePercent
        servicePoints = figures.servicePoints
        pointsPer10k = figures.pointsPer10k
        medianMinutes = figures.medianMinutes
        p90Minutes = figures.p90Minutes
        uncoveredPopulation = figures.uncoveredPopulation
        uncoveredAreas = figures.uncoveredAreas
    }

    /// The figures with every stored field, including those `CountyFigures.init` derives.
    func figures(zones: [ZoneFigures]) -> CountyFigures {
        var figures = CountyFigures(
            county: county, residents: residents, covered: covered, zones: zones, servicePoints: servicePoints,
            medianMinutes: medianMinutes, p90Minutes: p90Minutes, uncoveredAreas: uncoveredAreas)
        figures.coveragePercent = coveragePercent
        figures.pointsPer10k = pointsPer10k
        figures.uncoveredPopulation = uncoveredPopulation
        return figures
    }
}

/// A row of `run_county_zones`: one zone of one report line.
struct RunCountyZoneRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_county_zones"

    var runID: Int64
    var countyOrdinal: Int
    var ordinal: Int
    var zone: String
    var residents: Double
    var covered: Double
    var coveragePercent: Double?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", countyOrdinal = "county_ordinal", ordinal, zone, residents, covered,
            coveragePercent = "coverage_percent"
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let countyOrdinal = Column(CodingKeys.countyOrdinal)
        static let ordinal = Column(CodingKeys.ordinal)
    }

    init(runID: Int64, countyOrdinal: Int, ordinal: Int, figures: ZoneFigures) {
        self.runID = runID
        self.countyOrdinal = countyOrdinal
        self.ordinal = ordinal
        zone = figures.zone.name
        residents = figures.residents
        covered = figures.covered
        coveragePercent = figures.coveragePercent
    }

    func figures(file: String) throws -> ZoneFigures {
        guard let zone = Zone(name: zone) else {
            throw StoreError.corrupt(file: file, detail: "unknown zone \"\(zone)\" in run_county_zones")
        }
        var figures = ZoneFigures(zone: zone, residents: residents, covered: covered)
        figures.coveragePercent = coveragePercent
        return figures
    }
}

/// A row of `run_residences`. Bulk writes and reads bypass it (see `Store+RunResidences.swift`); it
/// names the columns and serves single-row queries.
struct RunResidenceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run_residences"

    /// `RowKey.make(parent: runID, seq: residenceSeq)`, the rowid.
    var key: Int64
    var runID: Int64
    var residenceSeq: Int
    var nearestPointSeq: Int?
    var distance: Double?
    var minutes: Double?
    var covered: Bool

    /// In column order; the bulk insert binds in this order.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case key, runID = "run_id", residenceSeq = "residence_seq", nearestPointSeq = "nearest_point_seq",
            distance = "distance_m", minutes, covered
    }

    enum Columns {
        static let runID = Column(CodingKeys.runID)
        static let residenceSeq = Column(CodingKeys.residenceSeq)
    }
}

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

    /// In column order: `bind(to:base:)` binds the fields in this order.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case runID = "run_id", ordinal, areaID = "area_id", county, dominantZone = "dominant_zone", population,
            residenceCount = "residence_count", centroidLon = "centroid_lon", centroidLat = "centroid_lat",
            minLon = "min_lon", minLat = "min_lat", maxLon = "max_lon", maxLat = "max_lat",
            nearestPointID = "nearest_point_id", nearestPointName = "nearest_point_name",
            nearestDistance = "nearest_distance_m", nearestMinutes = "nearest_minutes",
            minutesBeyondTarget = "minutes_beyond_target", cells
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
            minutesBeyondTarget: minutesBeyondTarget, cells: Self.decode(cells))
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
