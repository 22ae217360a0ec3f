import Foundation
import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// Saves an analysis with its report, areas and per-residence results in one transaction.
    ///
    /// `analysis.result` must be in the order of `residencesDataset` and its `nearestPoint` values
    /// indices into `pointsDataset` (the arrays `residences(datasetID:)` and
    /// `servicePoints(datasetID:)` return).
    /// - Returns: the new run id.
    /// - Throws: `StoreError.datasetReplaced` when a dataset was reloaded after the analysis read it,
    ///   `StoreError.inconsistentRun` when the result does not fit the datasets.
    /// - Parameter areaPlaces: the named places of each area (`UncoveredPlaces.areaNames`), saved so that
    ///   pages can name them without reading the residences.
    /// - Complexity: O(n) for n residences.
    public func saveRun(
        analysis: CoverageAnalysis, pointsDataset: DatasetInfo, residencesDataset: DatasetInfo, areaPlaces: [Int: [String]] = [:]
    ) throws -> Int64 {
        try Self.check(analysis.result, points: pointsDataset, residences: residencesDataset)
        var run = try Self.record(for: analysis, points: pointsDataset, residences: residencesDataset)
        return try write("save the run") { db in
            for dataset in [pointsDataset, residencesDataset] {
                let stored = try DatasetRecord.fetchOne(db, key: dataset.id)
                guard let stored, stored.kind == dataset.kind, stored.checksum == dataset.checksum,
                    stored.rowCount == dataset.rowCount
                else { throw StoreError.datasetReplaced(name: dataset.name, kind: dataset.kind, file: fileName) }
            }
            try run.insert(db)
            let runID = run.id!
            try Self.insertReport(db, runID: runID, report: analysis.report)
            try Self.insertAreas(db, runID: runID, areas: analysis.areas)
            try Self.insertAreaPlaces(db, runID: runID, places: areaPlaces)
            FaultPoint.reach(.runReportWritten)
            try Self.insertResidenceResults(
                db, runID: runID, analysis: analysis,
                storedProfile: try? JSONDecoder().decode(TravelProfile.self, from: Data(run.profile.utf8)))
            if let travel = RunTravel(analysis) { try Self.insertTravel(db, runID: runID, travel: travel) }
            FaultPoint.reach(.runWritten)
            return runID
        }
    }

    /// All runs, newest first.
    public func runs() throws -> [RunSummary] {
        let (rows, travelModels) = try read("list runs") { db in
            (try Row.fetchAll(
                db,
                sql: """
                    SELECT runs.*, total.residents AS total_residents, total.coverage_percent AS total_percent,
                        points.checksum AS points_current_checksum,
                        residences.checksum AS residences_current_checksum
                    FROM runs LEFT JOIN run_counties AS total ON total.run_id = runs.id AND total.is_total = 1
                        LEFT JOIN datasets AS points ON points.id = runs.points_dataset_id
                        LEFT JOIN datasets AS residences ON residences.id = runs.residences_dataset_id
                    ORDER BY runs.id DESC
                    """), try Self.travelModels(db))
        }
        return try rows.map { row in
            let run = try RunRecord(row: row)
            let parameters = try decodeParameters(run)
            var summary = RunSummary(
                id: run.id!, createdAt: try Timestamp.date(run.createdAt, file: fileName),
                pointsDatasetName: run.pointsDatasetName, residencesDatasetName: run.residencesDatasetName,
                profileName: parameters.profile.name, minutes: parameters.profile.minutes,
                kinds: parameters.kinds, residents: row["total_residents"] ?? 0,
                coveragePercent: row["total_percent"],
                // Reloaded (id set to NULL) or appended to (checksum moved on).
                isStale: run.pointsChecksum != row["points_current_checksum"] as String?
                    || run.residencesChecksum != row["residences_current_checksum"] as String?)
            summary.travelModel = travelModels[run.id!]
            return summary
        }
    }

    /// The run `id` with its report and areas exactly as saved.
    /// - Throws: `StoreError.unknownRun`.
    public func run(id: Int64) throws -> StoredRun {
        let (run, counties, zones, areas, currentChecksums, travel) = try read("read run \(id)") { db in
            guard let run = try RunRecord.fetchOne(db, key: id) else {
                throw StoreError.unknownRun(id, file: fileName)
            }
            let currentChecksums = try [run.pointsDatasetID, run.residencesDatasetID].map { datasetID in
                try datasetID.flatMap { try DatasetRecord.fetchOne(db, key: $0)?.checksum }
            }
            let counties = try RunCountyRecord.filter(RunCountyRecord.Columns.runID == id)
                .order(RunCountyRecord.Columns.ordinal).fetchAll(db)
            let zones = try RunCountyZoneRecord.filter(RunCountyZoneRecord.Columns.runID == id)
                .order(RunCountyZoneRecord.Columns.countyOrdinal, RunCountyZoneRecord.Columns.ordinal).fetchAll(db)
            let areas = try RunAreaRecord.filter(RunAreaRecord.Columns.runID == id)
                .order(RunAreaRecord.Columns.ordinal).fetchAll(db)
            return (run, counties, zones, areas, currentChecksums, try Self.travel(db, runID: id, file: fileName))
        }
        var report = try report(runID: id, counties: counties, zones: zones)
        travel?.apply(to: &report)
        return StoredRun(
            id: id, createdAt: try Timestamp.date(run.createdAt, file: fileName),
            points: RunInput(
                datasetID: run.pointsDatasetID, name: run.pointsDatasetName, checksum: run.pointsChecksum,
                appendedSince: currentChecksums[0].map { $0 != run.pointsChecksum } ?? false),
            residences: RunInput(
                datasetID: run.residencesDatasetID, name: run.residencesDatasetName, checksum: run.residencesChecksum,
                appendedSince: currentChecksums[1].map { $0 != run.residencesChecksum } ?? false),
            residenceCount: run.residenceCount, parameters: try decodeParameters(run),
            projectionDefinition: run.projection, centralMeridian: run.centralMeridian,
            originLatitude: run.originLatitude, timings: try decodeJSON(PhaseTimings.self, run.timings, run.id!),
            report: report, areas: try areas.map { try $0.area(file: fileName) }, travel: travel)
    }

    private static func check(_ result: CoverageResult, points: DatasetInfo, residences: DatasetInfo) throws {
        guard points.kind == .points, residences.kind == .residences else {
            throw StoreError.inconsistentRun("pass the points dataset first and the residences dataset second")
        }
        let counts = [result.nearestPoint.count, result.distance.count, result.minutes.count, result.covered.count]
        guard counts.allSatisfy({ $0 == residences.rowCount }) else {
            throw StoreError.inconsistentRun(
                "the result has \(counts.map(String.init).joined(separator: "/")) rows "
                    + "(nearest/distance/minutes/covered) but \"\(residences.name)\" has \(residences.rowCount) residences")
        }
        if let bad = result.nearestPoint.first(where: { $0 < -1 || Int($0) >= points.rowCount }) {
            throw StoreError.inconsistentRun(
                "nearest point index \(bad) is outside \"\(points.name)\" (\(points.rowCount) points)")
        }
    }

    private static func record(
        for analysis: CoverageAnalysis, points: DatasetInfo, residences: DatasetInfo
    ) throws -> RunRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parameters = RunParametersJSON(
            kinds: ServiceKinds.names.filter { analysis.parameters.kinds.contains($0.kind) }.map(\.name),
            areaCellSize: analysis.parameters.areaCellSize, minutes: analysis.parameters.profile.minutes)
        func json(_ value: some Encodable, _ what: String) throws -> String {
            do {
                return String(decoding: try encoder.encode(value), as: UTF8.self)
            } catch {
                throw StoreError.inconsistentRun("the \(what) cannot be written as JSON: \(error)")
            }
        }
        return RunRecord(
            id: nil, createdAt: Timestamp.now(), pointsDatasetID: points.id, residencesDatasetID: residences.id,
            pointsDatasetName: points.name, residencesDatasetName: residences.name,
            pointsChecksum: points.checksum, residencesChecksum: residences.checksum,
            residenceCount: residences.rowCount, parameters: try json(parameters, "parameters"),
            profile: try json(analysis.parameters.profile, "profile"),
            projection: analysis.projectionDefinition, centralMeridian: analysis.frame.centralMeridian,
            originLatitude: analysis.frame.originLatitude, timings: try json(analysis.timings, "timings"))
    }

    private static func insertReport(_ db: Database, runID: Int64, report: CoverageReport) throws {
        let lines = report.counties.map { ($0, false) } + [(report.total, true)]
        for (ordinal, (figures, isTotal)) in lines.enumerated() {
            try RunCountyRecord(runID: runID, ordinal: ordinal, isTotal: isTotal, figures: figures).insert(db)
            for (zoneOrdinal, zone) in figures.zones.enumerated() {
                try RunCountyZoneRecord(runID: runID, countyOrdinal: ordinal, ordinal: zoneOrdinal, figures: zone)
                    .insert(db)
            }
        }
    }

    private static func insertAreas(_ db: Database, runID: Int64, areas: [UncoveredArea]) throws {
        try BatchInsert.run(
            db, table: RunAreaRecord.databaseTableName, columns: RunAreaRecord.CodingKeys.allCases.map(\.rawValue),
            rows: areas.count
        ) { insert, ordinal, base in
            RunAreaRecord(runID: runID, ordinal: ordinal, area: areas[ordinal]).bind(to: insert, base: base)
        } rejected: { ordinal, error in
            StoreError.inconsistentRun("area \(areas[ordinal].id) was rejected: \(error.message ?? "constraint failed")")
        }
    }

    private func report(
        runID: Int64, counties: [RunCountyRecord], zones: [RunCountyZoneRecord]
    ) throws -> CoverageReport {
        let zonesByLine = Dictionary(grouping: zones, by: \.countyOrdinal)
        var lines: [CountyFigures] = []
        var total: CountyFigures?
        for county in counties {
            let figures = county.figures(zones: try (zonesByLine[county.ordinal] ?? []).map { try $0.figures(file: fileName) })
            if county.isTotal { total = figures } else { lines.append(figures) }
        }
        guard let total else { throw StoreError.corrupt(file: fileName, detail: "run \(runID) has no total row") }
        return CoverageReport(counties: lines, total: total)
    }

    func decodeParameters(_ run: RunRecord) throws -> CoverageParameters {
        let stored = try decodeJSON(RunParametersJSON.self, run.parameters, run.id!)
        var kinds = ServiceKinds()
        for name in stored.kinds {
            guard let kind = ServiceKinds(name: name) else {
                throw StoreError.corrupt(file: fileName, detail: "run \(run.id!) has unknown service kind \"\(name)\"")
            }
            kinds.insert(kind)
        }
        let profile = try decodeJSON(TravelProfile.self, run.profile, run.id!)
        return CoverageParameters(profile: profile, kinds: kinds, areaCellSize: stored.areaCellSize)
    }

    private func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, _ runID: Int64) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt(file: fileName, detail: "run \(runID): \(T.self) JSON: \(error)")
        }
    }
}
