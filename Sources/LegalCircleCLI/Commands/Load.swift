import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleFormats
import LegalCircleStore

/// `legalcircle load`: imports CSV files into the working database.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import service points and/or residences from CSV into the working database.",
        discussion: """
            A file whose dataset name is already loaded replaces it in one transaction. By default any bad
            row aborts the import and the database keeps its previous state; with --skip-bad-rows the good
            rows land and every rejected row is written, unchanged and with its reason, to a rejects CSV.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Service points CSV (id,name,kind,level,lon,lat,county).")
    var points: String?

    @Option(help: "Residences CSV (id,lon,lat,population,county,zone).")
    var residences: String?

    @Option(help: "Dataset name (default: the file name without extension).")
    var name: String?

    @Flag(name: .customLong("skip-bad-rows"), help: "Load the good rows and write the rejected ones to a rejects CSV.")
    var skipBadRows = false

    @Option(help: "Where to write rejected rows (default: NAME.rejects.csv next to the input). Only with one input file.")
    var rejects: String?

    func validate() throws {
        if points == nil, residences == nil { throw ValidationError("give --points FILE and/or --residences FILE") }
        if rejects != nil, !skipBadRows { throw ValidationError("--rejects goes with --skip-bad-rows") }
        if rejects != nil, points != nil, residences != nil {
            throw ValidationError("--rejects names one file; load one input at a time to use it")
        }
    }

    func run() throws {
        let policy: RowPolicy = skipBadRows ? .skipBadRows : .allOrNothing
        // Both files are read and checked before anything is written.
        var loadedPoints: (path: String, points: [ServicePoint], rejects: [RejectedRow])?
        var loadedResidences: (path: String, residences: ResidenceTable, rejects: [RejectedRow])?
        if let points {
            let read = try readServicePoints(contentsOfFile: points, policy: policy)
            loadedPoints = (points, read.points, read.rejects)
        }
        if let residences {
            let read = try readResidences(contentsOfFile: residences, policy: policy)
            loadedResidences = (residences, read.residences, read.rejects)
        }
        let store = try Workbench(databasePath: self.store.db).openStore()
        var lines: [String] = []
        if let loaded = loadedPoints {
            let dataset = try store.replaceServicePoints(
                name: datasetName(for: loaded.path), source: loaded.path,
                checksum: try SHA256.hexDigest(ofFile: loaded.path), points: loaded.points)
            lines.append(summary(dataset, rejects: loaded.rejects.count))
            try writeRejects(loaded.rejects, input: loaded.path, lines: &lines)
        }
        if let loaded = loadedResidences {
            let dataset = try store.replaceResidences(
                name: datasetName(for: loaded.path), source: loaded.path,
                checksum: try SHA256.hexDigest(ofFile: loaded.path), residences: loaded.residences)
            lines.append(summary(dataset, rejects: loaded.rejects.count))
            try writeRejects(loaded.rejects, input: loaded.path, lines: &lines)
        }
        try emit(lines.joined(separator: "\n"), to: nil)
    }

    private func datasetName(for path: String) -> String {
        name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    private func summary(_ dataset: DatasetInfo, rejects: Int) -> String {
        "loaded \(dataset.rowCount) \(dataset.kind == .points ? "service points" : "residences") from \(dataset.source)"
            + " as dataset \"\(dataset.name)\" in \(store.db)" + (skipBadRows ? "; \(rejects) rows rejected" : "")
    }

    private func writeRejects(_ rejected: [RejectedRow], input: String, lines: inout [String]) throws {
        guard skipBadRows, !rejected.isEmpty else { return }
        let path = rejects ?? URL(fileURLWithPath: input).deletingPathExtension().path + ".rejects.csv"
        let header = try csvHeaderLine(of: Data(contentsOf: URL(fileURLWithPath: input), options: .mappedIfSafe))
        do {
            try LegalCircleFormats.writeRejects(rejected, header: header).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandError("cannot write the rejects file \(path): \(error.localizedDescription)")
        }
        lines.append("wrote \(rejected.count) rejected rows with their reasons to \(path)")
    }
}
