import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// What `load` is asked to import, as plain values.
public struct LoadRequest: Sendable {
    public var points: String?
    public var residences: String?
    public var boundaries: String?
    /// Boundary properties holding the county code and name (defaults: adcode/code, name).
    public var codeField: String?
    public var nameField: String?
    /// A road network (`.osm.pbf` or GeoJSON lines) to store with the datasets, in the same transaction.
    public var roads: String?
    /// Zone polygons for residences whose file gives no zone, and the zone outside them.
    public var zones: String?
    public var defaultZone: Zone = .rural
    /// Classify residences without a zone by population density instead.
    public var classifyZones = false
    /// The profile whose fixed links and zone thresholds apply.
    public var profile = "default"
    /// Dataset name (default: the file name without extension; with `append`, the latest loaded).
    public var name: String?
    /// Add the rows to the dataset instead of replacing it.
    public var append = false
    /// Land the good rows and write the rejected ones to a rejects CSV (else all or nothing).
    public var skipBadRows = false
    /// Where to write rejected rows (default: NAME.rejects.csv next to the input).
    public var rejects: String?
    public var csv = CSVImportSettings()

    public init() {}

    var zonesFromGeography: Bool { zones != nil || classifyZones }
}

extension CoverageSession {
    /// Imports the files a request names. Every file is read and checked before anything is written.
    /// - Returns: the summary lines (what was loaded, filled, rejected and where rejects went).
    public func load(_ request: LoadRequest) throws -> [String] {
        // The database first: a mistyped or foreign --db fails before large files are read.
        let store = try store()
        let rejectsTargets = try plannedRejects(request)
        // Hashed on a background thread from now: hashing fills the moments the parallel read leaves a
        // core idle instead of running after it (0.35 s of a 10M-residence load on its own).
        let checksums = Dictionary(
            [request.points, request.residences].compactMap { $0 }.map { path in
                (path, BackgroundValue { try SHA256.hexDigest(ofFile: path) })
            },
            uniquingKeysWith: { first, _ in first })
        let policy: RowPolicy = request.skipBadRows ? .skipBadRows : .allOrNothing
        var points = try request.points.map {
            try Importer.servicePoints($0, settings: request.csv, policy: policy, progress: progress)
        }
        var residences = try request.residences.map {
            try Importer.residences(
                $0, settings: request.csv, policy: policy, zoneIsOptional: request.zonesFromGeography, progress: progress)
        }
        // The roads are read with the other files, before anything is written.
        let roadsWrite = try request.roads.map { try readRoadsForLoad($0) }
        let zoneFile = try request.zones.map {
            try GeoJSONBoundaryReader.readZoneFile(contentsOfFile: $0, system: try request.csv.systems.system(for: .zones))
        }
        let zoneAreas = zoneFile?.areas
        let boundaryFile = try request.boundaries.map {
            try GeoJSONBoundaryReader.readBoundaries(
                contentsOfFile: $0, codeField: request.codeField, nameField: request.nameField,
                system: try boundarySystem($0, request.csv.systems))
        }
        // Empty counties are filled from the boundaries given now, else from the latest stored.
        let storedCounties = boundaryFile == nil ? try store.latestBoundaries() : nil
        let counties = boundaryFile?.boundaries ?? storedCounties?.boundaries
        // The coordinate check reads the codes the files gave, before any is filled from the boundaries,
        // and before anything is written (--strict).
        let countiesName = request.boundaries.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            ?? storedCounties?.info.name
        let findings = loadFindings(points: points, residences: residences, request: request, boundaries: counties, name: countiesName)
        try enforce(findings.map(\.finding), systems: request.csv.systems)
        var lines = findings.compactMap { $0.finding.warningLine(language) }
        var writes = LoadWrites()
        if let boundaryFile, let path = request.boundaries {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let checksum = try checksums[path]?.value() ?? SHA256.hexDigest(ofFile: path)
            writes.files.append { store in
                _ = try store.replaceBoundaries(
                    name: name, source: path, checksum: checksum, codeField: boundaryFile.codeField,
                    nameField: boundaryFile.nameField, featureCount: boundaryFile.featureCount,
                    crs: boundaryFile.system.canonicalName, boundaries: boundaryFile.boundaries)
                return []
            }
            lines.append(
                ReportLabels(language).pick(
                    "已从 \(path)（\(boundaryFile.system.canonicalName)）导入 \(boundaryFile.boundaries.count) 个区县边界，名为“\(name)”",
                    "loaded \(boundaryFile.boundaries.count) county boundaries from \(path) (\(boundaryFile.system.canonicalName)) as \"\(name)\""))
        }
        // The zone polygons are stored too: the web service gives a tapped location the zone of the
        // polygon containing it, as the residences here got.
        if let zoneFile, let path = request.zones {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let checksum = try SHA256.hexDigest(ofFile: path)
            writes.files.append { store in
                _ = try store.replaceZoneAreas(
                    name: name, source: path, checksum: checksum, crs: zoneFile.system.canonicalName, areas: zoneFile.areas)
                return []
            }
        }
        if request.zonesFromGeography, var file = residences {
            let assignment = ZoneAssignment(
                zoneAreas: zoneAreas, classify: request.classifyZones, defaultZone: request.defaultZone,
                boundaries: counties, profile: try DataFiles.profile(request.profile))
            lines += try assignment.apply(
                to: &file.result.rows,
                given: file.result.zoneGiven ?? Array(repeating: true, count: file.result.rows.count))
            residences = file
        }
        if let counties {
            let filler = CountyFiller(boundaries: counties, language: language)
            if var file = points {
                lines += filler.fill(points: &file.result.rows)
                points = file
            }
            if var file = residences {
                lines += filler.fill(residences: &file.result.rows)
                residences = file
            }
        }
        if request.append {
            try prepareAppend(
                points: &points, residences: &residences, request: request, to: store, checksums: checksums, writes: &writes)
        } else {
            try prepareReplace(points: points, residences: residences, request: request, checksums: checksums, writes: &writes)
        }
        if let roadsWrite { writes.files.append { store in [try roadsWrite(store)] } }
        // The outcome of the coordinate check, with the datasets it concerns, in the same transaction.
        writes.records.append { [self] _ in try recordCoordinateChecks(findings) }
        if let loaded = points, let target = rejectsTargets.points, loaded.result.rejects.count > 0 {
            writes.rejects.append(target.with(count: loaded.result.rejects.count, data: loaded.result.rejectsCSV(language)))
        }
        if let loaded = residences, let target = rejectsTargets.residences, loaded.result.rejects.count > 0 {
            writes.rejects.append(target.with(count: loaded.result.rejects.count, data: loaded.result.rejectsCSV(language)))
        }
        return lines + (try commit(writes, to: store))
    }

    /// The coordinate check of each file of a load, with the dataset it goes to (`recordCoordinateChecks`).
    private func loadFindings(
        points: ImportedFile<[ServicePoint]>?, residences: ImportedFile<ResidenceTable>?, request: LoadRequest,
        boundaries: [Boundary]?, name: String?
    ) -> [(kind: DatasetKind, name: String?, finding: CoordinateFinding)] {
        func datasetName(_ path: String) -> String? {
            request.append ? request.name : request.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        }
        var findings: [(kind: DatasetKind, name: String?, finding: CoordinateFinding)] = []
        if let file = points, let path = request.points {
            findings.append((.points, datasetName(path), checkCoordinates(
                points: file.result.rows, system: file.system, input: .points, file: path, boundaries: boundaries,
                boundarySetName: name)))
        }
        if let file = residences, let path = request.residences {
            findings.append((.residences, datasetName(path), checkCoordinates(
                residences: file.result.rows, system: file.system, file: path, boundaries: boundaries, boundarySetName: name)))
        }
        return findings
    }
}

/// What one `load` writes, in order, in its one transaction.
struct LoadWrites {
    /// One closure per file (boundaries, points, residences): writes its dataset, returns its summary lines.
    var files: [(Store) throws -> [String]] = []
    /// Records about the files written after them (the coordinate check's outcome per dataset version).
    var records: [(Store) throws -> Void] = []
    var rejects: [PlannedRejects] = []
}

/// A rejects file to write: where, for which input, and (once read) its rows.
struct PlannedRejects {
    var path: String
    var input: String
    /// `--rejects`, or a description of the default place, for messages.
    var option: String
    var count = 0
    var data = Data()

    func with(count: Int, data: Data) -> PlannedRejects {
        var copy = self
        copy.count = count
        copy.data = data
        return copy
    }
}

/// A load that failed: nothing of it was written.
public struct LoadFailure: Error, CustomStringConvertible, LocalizedError {
    public let underlying: any Error
    public let databasePath: String

    public var description: String {
        "\(underlying)\nnothing was loaded: \(databasePath) keeps its previous datasets"
    }

    public var errorDescription: String? { description }
}

extension CoverageSession {
    /// Where the rejects of each input go, checked before anything is read: never the database, its
    /// journal files or an input, never a missing folder, and two inputs never share one file.
    func plannedRejects(_ request: LoadRequest) throws -> (points: PlannedRejects?, residences: PlannedRejects?) {
        guard request.skipBadRows else { return (nil, nil) }
        let protected = ProtectedFile.database(databasePath)
            + [("--points", request.points), ("--residences", request.residences), ("--boundaries", request.boundaries),
                ("--zones", request.zones)].compactMap { option, path in
                    path.map { ProtectedFile(path: $0, role: "the input file of \(option)") }
                }
        func target(_ input: String?) throws -> PlannedRejects? {
            guard let input else { return nil }
            let path = request.rejects ?? URL(fileURLWithPath: input).deletingPathExtension().path + ".rejects.csv"
            let option = request.rejects != nil ? "--rejects" : "the rejects file of \(input)"
            try OutputFile.check(path, option: option, protecting: protected)
            return PlannedRejects(path: path, input: input, option: option)
        }
        let planned = (points: try target(request.points), residences: try target(request.residences))
        if let points = planned.points, let residences = planned.residences,
            URL(fileURLWithPath: points.path).standardizedFileURL == URL(fileURLWithPath: residences.path).standardizedFileURL
        {
            throw SessionError(
                "the rejects of \(points.input) and \(residences.input) would both go to \(points.path); "
                    + "load the files one at a time with --rejects, or rename one of them")
        }
        return planned
    }

    /// The writes of a load that replaces datasets.
    func prepareReplace(
        points: ImportedFile<[ServicePoint]>?, residences: ImportedFile<ResidenceTable>?, request: LoadRequest,
        checksums: [String: BackgroundValue<String>], writes: inout LoadWrites
    ) throws {
        if let loaded = points, let path = request.points {
            let name = datasetName(request, path)
            let checksum = try checksums[path]?.value() ?? SHA256.hexDigest(ofFile: path)
            writes.files.append { [self] store in
                let dataset = try store.replaceServicePoints(
                    name: name, source: path, checksum: checksum, crs: loaded.system.canonicalName,
                    points: loaded.result.rows)
                return [summary(dataset, request: request, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count)]
            }
        }
        if let loaded = residences, let path = request.residences {
            let name = datasetName(request, path)
            let checksum = try checksums[path]?.value() ?? SHA256.hexDigest(ofFile: path)
            writes.files.append { [self] store in
                let dataset = try store.replaceResidences(
                    name: name, source: path, checksum: checksum, crs: loaded.system.canonicalName,
                    residences: loaded.result.rows, progress: progress)
                return [summary(dataset, request: request, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count)]
            }
        }
    }

    /// The writes of `--append`, after both files are checked against their datasets (ids they hold
    /// already become rejects).
    func prepareAppend(
        points: inout ImportedFile<[ServicePoint]>?, residences: inout ImportedFile<ResidenceTable>?, request: LoadRequest,
        to store: Store, checksums: [String: BackgroundValue<String>], writes: inout LoadWrites
    ) throws {
        let pointsTarget = try points.map { _ in try store.dataset(named: request.name, kind: .points) }
        let residencesTarget = try residences.map { _ in try store.dataset(named: request.name, kind: .residences) }
        if let target = pointsTarget, var file = points {
            let ids = file.result.rows.map(\.id)
            try file.rejectIDs(ids, existing: try store.existingIDs(among: ids, datasetID: target.id), dataset: target.name, language: language)
            points = file
        }
        if let target = residencesTarget, var file = residences {
            let ids = file.result.rows.ids
            try file.rejectIDs(ids, existing: try store.existingIDs(among: ids, datasetID: target.id), dataset: target.name, language: language)
            residences = file
        }
        if let loaded = points, let path = request.points, let target = pointsTarget {
            let checksum = try checksums[path]?.value() ?? SHA256.hexDigest(ofFile: path)
            writes.files.append { [self] store in
                let dataset = try store.appendServicePoints(
                    to: target, source: path, checksum: checksum, crs: loaded.system.canonicalName,
                    points: loaded.result.rows)
                return [appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded, request: request)]
            }
        }
        if let loaded = residences, let path = request.residences, let target = residencesTarget {
            let checksum = try checksums[path]?.value() ?? SHA256.hexDigest(ofFile: path)
            writes.files.append { [self] store in
                let dataset = try store.appendResidences(
                    to: target, source: path, checksum: checksum, crs: loaded.system.canonicalName,
                    residences: loaded.result.rows)
                return [appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded, request: request)]
            }
        }
    }

    /// Writes every file of a load in one transaction, the rejects files under temporary names inside
    /// it (recorded in `pending_renames`), commits, then renames the rejects files. Any failure before the
    /// commit, including a rejects file that cannot be written, leaves the database as it was; a process
    /// killed after the commit leaves complete rejects files that the next command points to.
    /// - Returns: the summary lines of the datasets and the rejects files.
    func commit(_ writes: LoadWrites, to store: Store) throws -> [String] {
        var lines: [String] = []
        var temporaries: [(rejects: PlannedRejects, path: String)] = []
        do {
            try store.inOneTransaction("load \(writes.files.count == 1 ? "the file" : "\(writes.files.count) files")") {
                for (index, file) in writes.files.enumerated() {
                    if index > 0 { FaultPoint.reach(.loadNextFile) }
                    lines += try file(store)
                }
                for record in writes.records { try record(store) }
                for rejects in writes.rejects {
                    let temporary = try OutputFile.writeTemporary(rejects.data, beside: rejects.path, option: rejects.option)
                    temporaries.append((rejects, temporary))
                    try store.recordPendingRename(
                        temporaryPath: temporary, finalPath: rejects.path, what: "the rejected rows of \(rejects.input)")
                }
                FaultPoint.reach(.loadBeforeCommit)
            }
        } catch {
            for (_, temporary) in temporaries { try? FileManager.default.removeItem(atPath: temporary) }
            throw LoadFailure(underlying: error, databasePath: databasePath)
        }
        FaultPoint.reach(.loadCommitted)
        var renamed: [String] = []
        for (rejects, temporary) in temporaries {
            do {
                try OutputFile.rename(temporary, to: rejects.path, option: rejects.option)
            } catch {
                throw SessionError(
                    "the load is complete, but \(error); the rejected rows of \(rejects.input) are complete in \(temporary)")
            }
            renamed.append(temporary)
            lines.append(
                ReportLabels(language).pick(
                    "已将 \(rejects.count) 个被拒绝的行及原因写入 \(rejects.path)",
                    "wrote \(rejects.count) rejected rows with their reasons to \(rejects.path)"))
        }
        // Best effort: a row left behind only names a file that no longer exists, and is cleared later.
        try? store.clearPendingRenames(renamed)
        return lines
    }

    private func datasetName(_ request: LoadRequest, _ path: String) -> String {
        request.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    private func summary(_ dataset: DatasetInfo, request: LoadRequest, read: Int, rejects: Int) -> String {
        if language == .zh {
            return "已从 \(dataset.source)（\(dataset.crs)）导入 \(dataset.rowCount) 个\(dataset.kind == .points ? "服务点" : "住所")，"
                + "数据集“\(dataset.name)”，数据库 \(databasePath)"
                + (request.skipBadRows ? "；读取 \(read) 行，拒绝 \(rejects) 行" : "")
        }
        return "loaded \(dataset.rowCount) \(dataset.kind == .points ? "service points" : "residences") from \(dataset.source)"
            + " (\(dataset.crs)) as dataset \"\(dataset.name)\" in \(databasePath)"
            + (request.skipBadRows ? "; \(read) rows read, \(rejects) rows rejected" : "")
    }

    private func appendSummary<Rows>(
        _ dataset: DatasetInfo, rows: Int, from path: String, _ loaded: ImportedFile<Rows>, request: LoadRequest
    ) -> String {
        if language == .zh {
            return "已从 \(path)（\(loaded.system.canonicalName)）向数据集“\(dataset.name)”追加 \(rows) 个"
                + "\(dataset.kind == .points ? "服务点" : "住所")，数据库 \(databasePath)：现有 \(dataset.rowCount) 行，版本 \(dataset.version)"
                + (request.skipBadRows ? "；读取 \(loaded.result.rowsRead) 行，拒绝 \(loaded.result.rejects.count) 行" : "")
        }
        return "appended \(rows) \(dataset.kind == .points ? "service points" : "residences") from \(path)"
            + " (\(loaded.system.canonicalName)) to dataset \"\(dataset.name)\" in \(databasePath): now \(dataset.rowCount) rows,"
            + " version \(dataset.version)"
            + (request.skipBadRows ? "; \(loaded.result.rowsRead) rows read, \(loaded.result.rejects.count) rows rejected" : "")
    }
}
