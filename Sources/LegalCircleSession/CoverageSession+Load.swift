import Foundation
import LegalCircle
import LegalCircleImport
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
        let policy: RowPolicy = request.skipBadRows ? .skipBadRows : .allOrNothing
        var points = try request.points.map {
            try Importer.servicePoints($0, settings: request.csv, policy: policy, progress: progress)
        }
        var residences = try request.residences.map {
            try Importer.residences(
                $0, settings: request.csv, policy: policy, zoneIsOptional: request.zonesFromGeography, progress: progress)
        }
        let zoneAreas = try request.zones.map {
            try GeoJSONBoundaryReader.readZoneFile(contentsOfFile: $0, system: try request.csv.systems.system(for: .zones)).areas
        }
        let boundaryFile = try request.boundaries.map {
            try GeoJSONBoundaryReader.readBoundaries(
                contentsOfFile: $0, codeField: request.codeField, nameField: request.nameField,
                system: try boundarySystem($0, request.csv.systems))
        }
        let store = try store()
        // Empty counties are filled from the boundaries given now, else from the latest stored.
        let storedCounties = boundaryFile == nil ? try store.latestBoundaries() : nil
        let counties = boundaryFile?.boundaries ?? storedCounties?.boundaries
        // The coordinate check reads the codes the files gave, before any is filled from the boundaries,
        // and before anything is written (--strict).
        let countiesName = request.boundaries.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            ?? storedCounties?.info.name
        let findings = loadFindings(points: points, residences: residences, request: request, boundaries: counties, name: countiesName)
        try enforce(findings.map(\.finding), systems: request.csv.systems)
        var lines = findings.compactMap { $0.finding.warning.map { "warning: \($0)" } }
        if let boundaryFile, let path = request.boundaries {
            let set = try store.replaceBoundaries(
                name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, source: path,
                checksum: try SHA256.hexDigest(ofFile: path), codeField: boundaryFile.codeField,
                nameField: boundaryFile.nameField, featureCount: boundaryFile.featureCount,
                crs: boundaryFile.system.canonicalName, boundaries: boundaryFile.boundaries)
            lines.append(
                "loaded \(boundaryFile.boundaries.count) county boundaries from \(path) (\(boundaryFile.system.canonicalName)) as \"\(set.name)\"")
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
            let filler = CountyFiller(boundaries: counties)
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
            try appendLoaded(points: &points, residences: &residences, request: request, to: store, lines: &lines)
            try recordCoordinateChecks(findings)
            return lines
        }
        if let loaded = points, let path = request.points {
            let dataset = try store.replaceServicePoints(
                name: datasetName(request, path), source: path, checksum: try SHA256.hexDigest(ofFile: path),
                crs: loaded.system.canonicalName, points: loaded.result.rows)
            lines.append(summary(dataset, request: request, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, request: request, lines: &lines)
        }
        if let loaded = residences, let path = request.residences {
            let dataset = try store.replaceResidences(
                name: datasetName(request, path), source: path, checksum: try SHA256.hexDigest(ofFile: path),
                crs: loaded.system.canonicalName, residences: loaded.result.rows, progress: progress)
            lines.append(summary(dataset, request: request, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, request: request, lines: &lines)
        }
        try recordCoordinateChecks(findings)
        return lines
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

    private func appendLoaded(
        points: inout ImportedFile<[ServicePoint]>?, residences: inout ImportedFile<ResidenceTable>?, request: LoadRequest,
        to store: Store, lines: inout [String]
    ) throws {
        // Both files are checked before either is written.
        let pointsTarget = try points.map { _ in try store.dataset(named: request.name, kind: .points) }
        let residencesTarget = try residences.map { _ in try store.dataset(named: request.name, kind: .residences) }
        if let target = pointsTarget, var file = points {
            let ids = file.result.rows.map(\.id)
            try file.rejectIDs(ids, existing: try store.existingIDs(among: ids, datasetID: target.id), dataset: target.name)
            points = file
        }
        if let target = residencesTarget, var file = residences {
            let ids = file.result.rows.ids
            try file.rejectIDs(ids, existing: try store.existingIDs(among: ids, datasetID: target.id), dataset: target.name)
            residences = file
        }
        if let loaded = points, let path = request.points, let target = pointsTarget {
            let dataset = try store.appendServicePoints(
                to: target, source: path, checksum: try SHA256.hexDigest(ofFile: path), crs: loaded.system.canonicalName,
                points: loaded.result.rows)
            lines.append(appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded, request: request))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, request: request, lines: &lines)
        }
        if let loaded = residences, let path = request.residences, let target = residencesTarget {
            let dataset = try store.appendResidences(
                to: target, source: path, checksum: try SHA256.hexDigest(ofFile: path), crs: loaded.system.canonicalName,
                residences: loaded.result.rows)
            lines.append(appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded, request: request))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, request: request, lines: &lines)
        }
    }

    private func datasetName(_ request: LoadRequest, _ path: String) -> String {
        request.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    private func summary(_ dataset: DatasetInfo, request: LoadRequest, read: Int, rejects: Int) -> String {
        "loaded \(dataset.rowCount) \(dataset.kind == .points ? "service points" : "residences") from \(dataset.source)"
            + " (\(dataset.crs)) as dataset \"\(dataset.name)\" in \(databasePath)"
            + (request.skipBadRows ? "; \(read) rows read, \(rejects) rows rejected" : "")
    }

    private func appendSummary<Rows>(
        _ dataset: DatasetInfo, rows: Int, from path: String, _ loaded: ImportedFile<Rows>, request: LoadRequest
    ) -> String {
        "appended \(rows) \(dataset.kind == .points ? "service points" : "residences") from \(path)"
            + " (\(loaded.system.canonicalName)) to dataset \"\(dataset.name)\" in \(databasePath): now \(dataset.rowCount) rows,"
            + " version \(dataset.version)"
            + (request.skipBadRows ? "; \(loaded.result.rowsRead) rows read, \(loaded.result.rejects.count) rows rejected" : "")
    }

    private func writeRejects(
        _ count: Int, _ data: Data, input: String, request: LoadRequest, lines: inout [String]
    ) throws {
        guard request.skipBadRows, count > 0 else { return }
        let path = request.rejects ?? URL(fileURLWithPath: input).deletingPathExtension().path + ".rejects.csv"
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw SessionError("cannot write the rejects file \(path): \(error.localizedDescription)")
        }
        lines.append("wrote \(count) rejected rows with their reasons to \(path)")
    }
}
