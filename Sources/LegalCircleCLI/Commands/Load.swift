import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle load`: imports CSV files into the working database.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import service points and/or residences from CSV into the working database.",
        discussion: """
            Files may be UTF-8 or GB18030 (Excel), with English or Chinese headers, in WGS84, CGCS2000, GCJ-02,
            BD-09 or any EPSG coordinate system (--crs); coordinates are stored in WGS84. A file whose dataset
            name is already loaded replaces it in one transaction; with --append the rows are added to the
            dataset instead (ids must stay unique). By default any bad row aborts the import and the database
            keeps its previous state; with --skip-bad-rows the good rows land and every rejected row is
            written, unchanged and with its reason, to a rejects CSV.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var csv: CSVInputOptions

    @Option(help: "Service points CSV (id,name,kind,level,lon,lat,county).")
    var points: String?

    @Option(help: "Residences CSV (id,lon,lat,population,county,zone).")
    var residences: String?

    @Option(help: "County boundaries GeoJSON (Polygon/MultiPolygon features): stored, used to fill empty counties and to find islands.")
    var boundaries: String?

    @Option(name: .customLong("code-field"), help: "Boundary property holding the 6-digit county code (default: adcode, then code).")
    var codeField: String?

    @Option(name: .customLong("name-field"), help: "Boundary property holding the county name (default: name).")
    var nameField: String?

    @Option(help: "Zone polygons GeoJSON with a `zone` property (urban, rural, mountain, island or 城区, 乡村, 山区, 海岛) for residences whose file gives no zone.")
    var zones: String?

    @Option(name: .customLong("default-zone"), help: "Zone of residences outside every zone polygon (with --zones).")
    var defaultZone: String = "rural"

    @Flag(name: .customLong("classify-zones"), help: "Classify residences without a zone by population density (Degree of Urbanisation grid method; thresholds in the profile).")
    var classifyZones = false

    @Option(help: "Profile whose fixed links and zone thresholds apply (with --classify-zones or --boundaries).")
    var profile: String = "default"

    @Option(help: "Dataset name (default: the file name without extension; with --append, the latest loaded dataset).")
    var name: String?

    @Flag(help: "Add the rows to the dataset (--name, or the latest loaded of its kind) instead of replacing it; runs computed before stay readable and become stale.")
    var append = false

    @Flag(name: .customLong("skip-bad-rows"), help: "Load the good rows and write the rejected ones to a rejects CSV.")
    var skipBadRows = false

    @Option(help: "Where to write rejected rows (default: NAME.rejects.csv next to the input). Only with one input file.")
    var rejects: String?

    func validate() throws {
        if points == nil, residences == nil, boundaries == nil {
            throw ValidationError("give --points FILE, --residences FILE and/or --boundaries FILE")
        }
        if rejects != nil, !skipBadRows { throw ValidationError("--rejects goes with --skip-bad-rows") }
        if Zone(name: defaultZone) == nil { throw ValidationError("--default-zone must be urban, rural, mountain or island") }
        if zones != nil, classifyZones { throw ValidationError("use either --zones or --classify-zones") }
        if (zones != nil || classifyZones), residences == nil {
            throw ValidationError("--zones and --classify-zones apply to --residences")
        }
        if append, points == nil, residences == nil {
            throw ValidationError("--append adds the rows of --points FILE and/or --residences FILE to a loaded dataset")
        }
        if append, classifyZones {
            throw ValidationError("--classify-zones classifies by the density of all residences; it cannot run on appended rows alone (use --zones, or give the zone in the file)")
        }
        if rejects != nil, points != nil, residences != nil {
            throw ValidationError("--rejects names one file; load one input at a time to use it")
        }
    }

    func run() throws {
        let policy: RowPolicy = skipBadRows ? .skipBadRows : .allOrNothing
        // Both files are read and checked before anything is written.
        var loadedPoints = try points.map { try Importer.servicePoints($0, csv: csv, policy: policy) }
        let zonesFromGeography = zones != nil || classifyZones
        var loadedResidences = try residences.map {
            try Importer.residences($0, csv: csv, policy: policy, zoneIsOptional: zonesFromGeography)
        }
        let zoneAreas = try zones.map { try GeoJSONBoundaryReader.readZones(contentsOfFile: $0) }
        let boundaryFile = try boundaries.map {
            try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: $0, codeField: codeField, nameField: nameField)
        }
        let store = try Workbench(databasePath: self.store.db).openStore()
        var lines: [String] = []
        if let boundaryFile, let path = boundaries {
            let set = try store.replaceBoundaries(
                name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, source: path,
                checksum: try SHA256.hexDigest(ofFile: path), codeField: boundaryFile.codeField,
                nameField: boundaryFile.nameField, featureCount: boundaryFile.featureCount,
                boundaries: boundaryFile.boundaries)
            lines.append("loaded \(boundaryFile.boundaries.count) county boundaries from \(path) as \"\(set.name)\"")
        }
        // Empty counties are filled from the boundaries given now, else from the latest stored.
        let counties = try boundaryFile?.boundaries ?? store.latestBoundaries()?.boundaries
        if zonesFromGeography, loadedResidences != nil {
            let assignment = ZoneAssignment(
                zoneAreas: zoneAreas, classify: classifyZones, defaultZone: Zone(name: defaultZone)!, boundaries: counties,
                profile: try DataFiles.profile(profile))
            lines += try assignment.apply(
                to: &loadedResidences!.result.rows,
                given: loadedResidences!.result.zoneGiven ?? Array(repeating: true, count: loadedResidences!.result.rows.count))
        }
        if loadedPoints != nil || loadedResidences != nil, let counties {
            let filler = CountyFiller(boundaries: counties)
            if loadedPoints != nil { lines += filler.fill(points: &loadedPoints!.result.rows) }
            if loadedResidences != nil { lines += filler.fill(residences: &loadedResidences!.result.rows) }
        }
        if append {
            try appendLoaded(points: &loadedPoints, residences: &loadedResidences, to: store, lines: &lines)
            try emit(lines.joined(separator: "\n"), to: nil)
            return
        }
        if let loaded = loadedPoints, let path = points {
            let dataset = try store.replaceServicePoints(
                name: datasetName(for: path), source: path, checksum: try SHA256.hexDigest(ofFile: path),
                crs: loaded.system.canonicalName, points: loaded.result.rows)
            lines.append(summary(dataset, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, lines: &lines)
        }
        if let loaded = loadedResidences, let path = residences {
            let dataset = try store.replaceResidences(
                name: datasetName(for: path), source: path, checksum: try SHA256.hexDigest(ofFile: path),
                crs: loaded.system.canonicalName, residences: loaded.result.rows, progress: TerminalProgress.sink)
            lines.append(summary(dataset, read: loaded.result.rowsRead, rejects: loaded.result.rejects.count))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, lines: &lines)
        }
        try emit(lines.joined(separator: "\n"), to: nil)
    }

    private func datasetName(for path: String) -> String {
        name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    private func summary(_ dataset: DatasetInfo, read: Int, rejects: Int) -> String {
        "loaded \(dataset.rowCount) \(dataset.kind == .points ? "service points" : "residences") from \(dataset.source)"
            + " (\(dataset.crs)) as dataset \"\(dataset.name)\" in \(store.db)"
            + (skipBadRows ? "; \(read) rows read, \(rejects) rows rejected" : "")
    }

    func writeRejects(_ count: Int, _ data: Data, input: String, lines: inout [String]) throws {
        guard skipBadRows, count > 0 else { return }
        let path = rejects ?? URL(fileURLWithPath: input).deletingPathExtension().path + ".rejects.csv"
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandError("cannot write the rejects file \(path): \(error.localizedDescription)")
        }
        lines.append("wrote \(count) rejected rows with their reasons to \(path)")
    }
}
