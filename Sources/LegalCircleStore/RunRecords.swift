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
