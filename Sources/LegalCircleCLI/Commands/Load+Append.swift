import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

extension Load {
    /// `load --append`: checks the ids of both files against their datasets, then appends each file
    /// to its dataset (`--name`, or the latest loaded of its kind).
    func appendLoaded(
        points loadedPoints: inout ImportedFile<[ServicePoint]>?, residences loadedResidences: inout ImportedFile<ResidenceTable>?,
        to store: Store, lines: inout [String]
    ) throws {
        // Both files are checked before either is written.
        let pointsTarget = try loadedPoints.map { _ in try store.dataset(named: name, kind: .points) }
        let residencesTarget = try loadedResidences.map { _ in try store.dataset(named: name, kind: .residences) }
        if let target = pointsTarget {
            let ids = loadedPoints!.result.rows.map(\.id)
            try AppendedRows.rejectIDs(
                in: &loadedPoints!, ids: ids, existing: try store.existingIDs(among: ids, datasetID: target.id),
                dataset: target.name)
        }
        if let target = residencesTarget {
            let ids = loadedResidences!.result.rows.ids
            try AppendedRows.rejectIDs(
                in: &loadedResidences!, ids: ids, existing: try store.existingIDs(among: ids, datasetID: target.id),
                dataset: target.name)
        }
        if let loaded = loadedPoints, let path = points, let target = pointsTarget {
            let dataset = try store.appendServicePoints(
                to: target, source: path, checksum: try SHA256.hexDigest(ofFile: path), crs: loaded.system.canonicalName,
                points: loaded.result.rows)
            lines.append(appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, lines: &lines)
        }
        if let loaded = loadedResidences, let path = residences, let target = residencesTarget {
            let dataset = try store.appendResidences(
                to: target, source: path, checksum: try SHA256.hexDigest(ofFile: path), crs: loaded.system.canonicalName,
                residences: loaded.result.rows)
            lines.append(appendSummary(dataset, rows: loaded.result.rows.count, from: path, loaded))
            try writeRejects(loaded.result.rejects.count, loaded.result.rejectsCSV(), input: path, lines: &lines)
        }
    }

    /// `appended 12 service points from extra.csv (EPSG:4326) to dataset "points" in db.sqlite: now 262 rows, version 2`.
    private func appendSummary<Rows>(_ dataset: DatasetInfo, rows: Int, from path: String, _ loaded: ImportedFile<Rows>) -> String {
        "appended \(rows) \(dataset.kind == .points ? "service points" : "residences") from \(path)"
            + " (\(loaded.system.canonicalName)) to dataset \"\(dataset.name)\" in \(store.db): now \(dataset.rowCount) rows,"
            + " version \(dataset.version)"
            + (skipBadRows ? "; \(loaded.result.rowsRead) rows read, \(loaded.result.rejects.count) rows rejected" : "")
    }
}
