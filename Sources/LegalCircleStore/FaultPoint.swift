#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Named moments inside the store's write transactions where a test can make the process die.
///
/// Deterministic fault injection: with the environment variable `LEGALCIRCLE_FAULT` set to a point's
/// name (`LEGALCIRCLE_FAULT=residence-chunk-written legalcircle load …`), the process writes
/// `legalcircle: fault injected at <name>` to standard error and kills itself with SIGKILL the first
/// time it reaches that point: no cleanup, no `atexit` handler, no core file, the same as `kill -9` or the
/// out-of-memory killer, but always at the same place. The transaction is then open and uncommitted,
/// so the next open of the database must find the state before it (SQLite rolls the WAL back).
/// `FaultInjectionTests` runs the `legalcircle` binary once per case of `allCases` and checks exactly
/// that. The variable is read once per process (`armed` is a `static let`), so reaching a point costs
/// one load and compare; an unknown name stops the process at the first point it reaches, naming the
/// known points, so a misspelt name cannot pass for a survived fault.
///
/// Every point is listed here and nowhere else. To add one: a case with its name and where it sits,
/// one `FaultPoint.reach(.case)` call at that moment, and the test's `operations(reaching:)` names
/// the command that gets there (its switch has no default, so the test does not compile until then).
public enum FaultPoint: String, CaseIterable, Sendable {
    /// `replaceServicePoints`/`replaceResidences`: the old dataset of that name is deleted (its rows
    /// by cascade) and the new record and its first version are inserted; no row is written yet.
    case datasetReplaced = "dataset-replaced"
    /// `replaceServicePoints`: every point row is inserted; the commit comes next.
    case pointsWritten = "points-written"
    /// `replaceResidences`/`appendResidences`: the first column chunk is inserted, more may follow.
    case residenceChunkWritten = "residence-chunk-written"
    /// `replaceResidences`: every chunk is inserted; the commit comes next.
    case residencesWritten = "residences-written"
    /// `appendServicePoints`/`appendResidences`: the new rows are inserted, the dataset record still
    /// has its old row count and checksum and the new version is not recorded.
    case appendedRowsWritten = "appended-rows-written"
    /// `appendServicePoints`/`appendResidences`: the new version is recorded; the commit comes next.
    case appendVersionRecorded = "append-version-recorded"
    /// `replaceBoundaries`/`replaceZoneAreas`: the old set is deleted and the new record inserted,
    /// no feature yet.
    case boundarySetReplaced = "boundary-set-replaced"
    /// `replaceBoundaries`/`replaceZoneAreas`: every feature is inserted; the commit comes next.
    case boundaryFeaturesWritten = "boundary-features-written"
    /// `saveRun`: the run row, its county report and its areas are inserted, no per-residence result yet.
    case runReportWritten = "run-report-written"
    /// `saveRun`: the first chunk of per-residence results is inserted, more may follow.
    case runChunkWritten = "run-chunk-written"
    /// `saveRun`: everything is inserted; the commit comes next.
    case runWritten = "run-written"
    /// A `load` of several files, in its one transaction: one file's dataset (boundaries, points or
    /// residences) is written and the next file's is not begun.
    case loadNextFile = "load-next-file"
    /// A `load`, in its one transaction: every dataset is written and the rejects files are written
    /// under their temporary names; the commit comes next.
    case loadBeforeCommit = "load-before-commit"
    /// A `load` with `--skip-bad-rows` after its commit: the datasets are loaded, the rejects files
    /// complete under their temporary names and not yet renamed (the next command says where they lie).
    case loadCommitted = "load-committed"

    /// The environment variable that names the point to die at.
    public static let environmentVariable = "LEGALCIRCLE_FAULT"

    /// The value of `LEGALCIRCLE_FAULT`, read once; nil when it is not set or empty.
    static let armed: String? = {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else { return nil }
        return value
    }()

    /// Kills the process with SIGKILL when `LEGALCIRCLE_FAULT` names `point`; otherwise does nothing.
    /// Call it inside a write transaction (or, for `loadCommitted`, right after one), never in a
    /// per-row loop. Public for the session's multi-file load.
    @inline(__always)
    public static func reach(_ point: FaultPoint) {
        guard let armed else { return }
        die(at: point, armed: armed)
    }

    @inline(never)
    private static func die(at point: FaultPoint, armed: String) {
        if armed == point.rawValue {
            // One write(2), unbuffered: the line is out before the signal.
            FileHandle.standardError.write(Data("legalcircle: fault injected at \(point.rawValue) (\(environmentVariable))\n".utf8))
            kill(getpid(), SIGKILL)
            _exit(128 + SIGKILL)  // not reached: a signal to oneself is delivered before kill returns
        }
        if FaultPoint(rawValue: armed) == nil {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("legalcircle: \(environmentVariable)=\(armed) names no fault point; known: \(known)\n".utf8))
            _exit(70)  // EX_SOFTWARE, without committing or running exit handlers
        }
    }
}
