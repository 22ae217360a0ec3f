import Foundation
import GRDB
import LegalCircle

/// A road network as stored (`road_networks`, layout in `Schema.v8Roads`): the columns of the roads
/// module's `RoadWays`, which the store does not import; the session converts.
public struct StoredRoadNetwork: Sendable, Equatable {
    public var id: Int64?
    /// The file's name, as reports name the travel model ("network (roads NAME)").
    public var name: String
    /// The path given to `load --roads`.
    public var source: String
    public var loadedAt: Date?
    public var longitudes: [Double]
    public var latitudes: [Double]
    public var wayStarts: [Int32]
    public var wayNodes: [Int32]
    /// 12 bytes a way (layout in `Schema.v8Roads`).
    public var wayTags: Data
    /// The read's counts as JSON.
    public var statistics: String

    public init(
        name: String, source: String, longitudes: [Double], latitudes: [Double], wayStarts: [Int32], wayNodes: [Int32],
        wayTags: Data, statistics: String
    ) {
        self.name = name
        self.source = source
        self.longitudes = longitudes
        self.latitudes = latitudes
        self.wayStarts = wayStarts
        self.wayNodes = wayNodes
        self.wayTags = wayTags
        self.statistics = statistics
    }
}

/// What a run by network travel stores besides its report (`run_travel`).
public struct RunTravel: Sendable, Equatable, Codable {
    /// "network (roads NAME)".
    public var travelModel: String
    public var fallbackResidences: Int
    public var accessMaxMetres: Double
    /// Side-by-side figures by county code, the total under `CountyFigures.totalKey`.
    public var comparison: [String: TravelComparison]

    public init(travelModel: String, fallbackResidences: Int, accessMaxMetres: Double, comparison: [String: TravelComparison]) {
        self.travelModel = travelModel
        self.fallbackResidences = fallbackResidences
        self.accessMaxMetres = accessMaxMetres
        self.comparison = comparison
    }

    /// What an analysis by network travel adds; nil for the straight-line estimate.
    public init?(_ analysis: CoverageAnalysis) {
        guard let network = analysis.network else { return nil }
        var comparison: [String: TravelComparison] = [:]
        for figures in analysis.report.counties + [analysis.report.total] {
            comparison[figures.county] = figures.networkComparison
        }
        self.init(
            travelModel: network.modelName, fallbackResidences: network.fallbackCount,
            accessMaxMetres: analysis.parameters.profile.roads.accessMaxMetres, comparison: comparison)
    }

    /// Puts the side-by-side figures back on the report's rows.
    public func apply(to report: inout CoverageReport) {
        for row in report.counties.indices { report.counties[row].networkComparison = comparison[report.counties[row].county] }
        report.total.networkComparison = comparison[CountyFigures.totalKey]
    }
}

extension Store {
    /// Stores a road network; commands use the latest stored.
    /// - Returns: its id.
    @discardableResult
    public func saveRoads(_ roads: StoredRoadNetwork) throws -> Int64 {
        guard roads.wayStarts.count >= 1, roads.wayTags.count == 12 * (roads.wayStarts.count - 1),
            roads.longitudes.count == roads.latitudes.count
        else { throw StoreError.inconsistentRun("the road network's columns do not fit together") }
        return try write("store the road network") { db in
            try db.execute(
                sql: """
                    INSERT INTO road_networks (name, source, loaded_at, node_count, way_count, longitudes, latitudes,
                        way_starts, way_nodes, way_tags, statistics)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    roads.name, roads.source, Timestamp.now(), roads.longitudes.count, roads.wayStarts.count - 1,
                    Self.blob(roads.longitudes), Self.blob(roads.latitudes), Self.blob(roads.wayStarts),
                    Self.blob(roads.wayNodes), roads.wayTags, roads.statistics,
                ])
            return db.lastInsertedRowID
        }
    }

    /// The latest stored road network, nil when none was loaded (or the database predates roads).
    public func latestRoads() throws -> StoredRoadNetwork? {
        let row = try read("read the road network") { db -> Row? in
            guard try db.tableExists("road_networks") else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM road_networks ORDER BY id DESC LIMIT 1")
        }
        guard let row else { return nil }
        let nodes: Int = row["node_count"]
        let ways: Int = row["way_count"]
        let wayNodes: Data = row["way_nodes"]
        var roads = StoredRoadNetwork(
            name: row["name"], source: row["source"], longitudes: Self.array(row["longitudes"], count: nodes),
            latitudes: Self.array(row["latitudes"], count: nodes), wayStarts: Self.array(row["way_starts"], count: ways + 1),
            wayNodes: Self.array(wayNodes, count: wayNodes.count / 4), wayTags: row["way_tags"], statistics: row["statistics"])
        roads.id = row["id"]
        roads.loadedAt = try Timestamp.date(row["loaded_at"], file: fileName)
        return roads
    }

    /// Whether a road network was loaded, without reading it.
    public func hasRoads() throws -> Bool {
        try read("read the road network") { db in
            try db.tableExists("road_networks") && (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM road_networks)") ?? false)
        }
    }

    /// Records what a run by network travel adds (inside `saveRun`'s transaction).
    static func insertTravel(_ db: Database, runID: Int64, travel: RunTravel) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(
            sql: "INSERT INTO run_travel (run_id, travel_model, fallback_residences, access_max_m, comparison) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                runID, travel.travelModel, travel.fallbackResidences, travel.accessMaxMetres,
                String(decoding: try encoder.encode(travel.comparison), as: UTF8.self),
            ])
    }

    /// The travel model of every run by network travel, by run id (none before migration v8-roads).
    static func travelModels(_ db: Database) throws -> [Int64: String] {
        guard try db.tableExists("run_travel") else { return [:] }
        var models: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT run_id, travel_model FROM run_travel") {
            models[row["run_id"]] = row["travel_model"]
        }
        return models
    }

    /// What run `runID` stored of its network travel; nil for a run by the straight-line estimate.
    static func travel(_ db: Database, runID: Int64, file: String) throws -> RunTravel? {
        guard try db.tableExists("run_travel"),
            let row = try Row.fetchOne(db, sql: "SELECT * FROM run_travel WHERE run_id = ?", arguments: [runID])
        else { return nil }
        let text: String = row["comparison"]
        let comparison: [String: TravelComparison]
        do {
            comparison = try JSONDecoder().decode([String: TravelComparison].self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt(file: file, detail: "run \(runID): the network comparison is not valid JSON")
        }
        return RunTravel(
            travelModel: row["travel_model"], fallbackResidences: row["fallback_residences"], accessMaxMetres: row["access_max_m"],
            comparison: comparison)
    }

    /// A little-endian array as bytes (every platform Swift runs this on is little-endian).
    private static func blob<T: BitwiseCopyable>(_ values: [T]) -> Data {
        values.withUnsafeBytes { Data($0) }
    }

    private static func array<T: BitwiseCopyable & Numeric>(_ data: Data, count: Int) -> [T] {
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBytes { buffer in _ = data.copyBytes(to: buffer, count: min(data.count, buffer.count)) }
        return values
    }
}
