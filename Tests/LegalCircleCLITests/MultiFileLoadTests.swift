#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// A load of several files is one transaction, and its rejects are written before the commit
/// (issue 15, faults 1, 2 and 3). The kills at every step are in `FaultInjectionTests`.
@Suite(.serialized) struct MultiFileLoadTests {
    typealias Inputs = FaultInjectionTests.Inputs

    /// A full disk while the residences are written, without a small file system: the binary runs with
    /// a file-size limit (`prlimit --fsize`, `setrlimit(RLIMIT_FSIZE)`) and SIGXFSZ ignored, so a write
    /// beyond the limit fails with EFBIG as on a full disk. Before the fix the points of B were
    /// committed with A's residences.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "needs prlimit (util-linux)"))
    func aFullDiskWhileWritingResidencesLeavesEveryDatasetAsItWas() throws {
        let inputs = try Inputs.shared.get()
        let cli = try CLI()
        try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
        let database = cli.path("legalcircle.sqlite")
        let before = try Snapshot(database)

        // 2 MiB: the points of B (a few 64 KiB pages) fit, its 70,000 residences (about 3 MB) do not.
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        let outcome = try CLI.runProcess(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", "trap '' XFSZ; exec /usr/bin/prlimit --fsize=2097152 \"$@\"", "sh", CLI.binary.path, "load", "--points",
                "\(inputs.b)/points.csv", "--residences", "\(inputs.b)/residences.csv",
            ], in: cli.folder, environment: environment)
        #expect(outcome.status == 1 && outcome.reason == .exit, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was loaded"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("file-size limit") || outcome.stderr.contains("disk is full"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("disk I/O error"), "\(outcome.stderr)")
        let after = try Snapshot(database)
        #expect(after.integrity == "ok")
        #expect(after == before, "\(before.difference(from: after))")
        try FaultInjectionTests.checkStateA(.appendBoth, database: database, inputs: inputs)
    }

    /// Killed after the commit and before the rename: the datasets are B's, the rejects complete under
    /// their temporary names, and the next command (even a read-only one) says where they lie.
    @Test func aLoadKilledAfterItsCommitSaysWhereItsRejectsLie() throws {
        let inputs = try Inputs.shared.get()
        let cli = try CLI()
        let command = try FaultInjectionTests.prepare(.loadSkippingBadRows, cli, inputs)
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        environment[FaultPoint.environmentVariable] = FaultPoint.loadCommitted.rawValue
        let killed = try CLI.runProcess(CLI.binary, command, in: cli.folder, environment: environment)
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "\(killed.stderr)")

        let store = try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly)
        #expect(try store.dataset(named: "points", kind: .points).rowCount == 80)
        #expect(try store.dataset(named: "residences", kind: .residences).rowCount == 70_000)
        let pending = try store.pendingRenames()
        #expect(pending.count == 2)
        #expect(!FileManager.default.fileExists(atPath: cli.path("bad/points.rejects.csv")))
        for rename in pending {
            let text = try String(contentsOfFile: rename.temporaryPath, encoding: .utf8)
            #expect(text.contains("BADP,") || text.contains("BADR,"), "the temporary file is complete: \(text)")
        }

        let next = try cli.run(["runs"])
        for rename in pending {
            #expect(next.stderr.contains("complete in \(rename.temporaryPath)") && next.stderr.contains(rename.finalPath), "\(next.stderr)")
        }
        // Once the user has renamed them, a writing command forgets them and nothing more is said.
        for rename in pending { try FileManager.default.moveItem(atPath: rename.temporaryPath, toPath: rename.finalPath) }
        _ = try cli.ok(["report"])
        #expect(try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly).pendingRenames().isEmpty)
        #expect(!(try cli.run(["runs"]).stderr.contains("rejects file")))
    }

    /// The rejects of a `--skip-bad-rows` load cannot be written (a read-only folder next to a read-only
    /// input): the command fails and nothing is loaded. Before the fix the dataset was replaced by the
    /// good rows and the rejected ones were saved nowhere.
    @Test(.enabled(if: StoreSafetyTests.canDropPrivileges, "needs setpriv to drop root's privileges"))
    func rejectsThatCannotBeWrittenLoadNothing() throws {
        let inputs = try Inputs.shared.get()
        let cli = try CLI()
        try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
        let locked = cli.folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: "\(inputs.b)/residences.csv", encoding: .utf8)
        try Data((text + "BADR,120.1,north,5,330102,urban\n").utf8).write(to: locked.appendingPathComponent("residences.csv"))
        chmod(cli.folder.path, 0o777)
        chmod(cli.path("legalcircle.sqlite"), 0o666)
        chmod(locked.path, 0o555)
        defer { chmod(locked.path, 0o755) }
        let database = cli.path("legalcircle.sqlite")
        let before = try Snapshot(database)

        let outcome = try StoreSafetyTests.runWithoutPrivileges(
            cli, ["load", "--residences", "locked/residences.csv", "--skip-bad-rows"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        // Refused before the files are read (the folder is not writable), or, when the folder turns
        // unwritable later, at the commit with "nothing was loaded"; either way the database is unchanged.
        #expect(outcome.stderr.contains("cannot write") && outcome.stderr.contains("locked/residences.rejects.csv")
                && outcome.stderr.contains("permission denied"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        #expect(try Snapshot(database) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path) == ["residences.csv"])
    }

    /// Outputs never land on the database, its journal files or an input; a missing folder is named as
    /// such; a symbolic link to the database is refused like the database itself (fault 3).
    @Test func outputsThatWouldDestroyTheDatabaseOrAnInputAreRefused() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "9", "--residences", "300", "--points", "20", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        try cli.ok(["report"])
        let database = cli.path("legalcircle.sqlite")
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.csv"), withDestinationPath: "legalcircle.sqlite")
        let bad = try cli.write("bad.csv", "id,lon,lat,population,county,zone\nA,120.1,30.2,10,330102,urban\nB,120.1,north,5,330102,rural\n")
        _ = bad
        let before = try Snapshot(database)
        let cases: [([String], String)] = [
            (["report", "--out", "legalcircle.sqlite"], "--out legalcircle.sqlite is the database (--db)"),
            (["report", "--out", "legalcircle.sqlite-wal"], "the database's wal file"),
            (["report", "--out", "./legalcircle.sqlite-journal"], "the database's journal file"),
            (["gaps", "--run", "1", "--out", "link.csv"], "--out link.csv is the database (--db)"),
            (["report", "--run", "1", "--out", "\(cli.folder.path)/legalcircle.sqlite"], "is the database (--db)"),
            (["load", "--residences", "bad.csv", "--skip-bad-rows", "--rejects", "legalcircle.sqlite"], "--rejects legalcircle.sqlite is the database"),
            (["load", "--residences", "bad.csv", "--skip-bad-rows", "--rejects", "link.csv"], "--rejects link.csv is the database"),
            (["load", "--residences", "bad.csv", "--skip-bad-rows", "--rejects", "bad.csv"], "is the input file of --residences"),
            (["report", "--points", "demo/points.csv", "--residences", "demo/residences.csv", "--out", "demo/points.csv"], "is the input file of --points"),
            (["suggest", "--count", "1", "--sites-out", "legalcircle.sqlite"], "--sites-out legalcircle.sqlite is the database"),
            (["export", "--format", "gpkg", "--out", "legalcircle.sqlite"], "is the database (--db)"),
            // geojson writes a folder: the database, a link to it or another file is refused in words
            // (before the fix: "cannot use legalcircle.sqlite: it cannot be read").
            (["export", "--format", "geojson", "--out", "legalcircle.sqlite"], "--out legalcircle.sqlite is the database (--db)"),
            (["export", "--format", "geojson", "--out", "link.csv"], "--out link.csv is the database (--db)"),
            (["export", "--format", "geojson", "--out", "bad.csv"], "--out bad.csv is a file; this format writes a folder of files"),
            (["report", "--run", "1", "--out", "no/such/folder/report.csv"], "the folder"),
            (["load", "--residences", "bad.csv", "--skip-bad-rows", "--rejects", "missing/r.csv"], "does not exist"),
        ]
        for (command, message) in cases {
            let outcome = try cli.run(command)
            #expect(outcome.status != 0 && outcome.stderr.contains(message), "\(command.joined(separator: " ")): \(outcome.stderr)")
            #expect(!outcome.stderr.contains("The file doesn"), "\(outcome.stderr)")
        }
        #expect(try Snapshot(database) == before)
        #expect(try String(contentsOfFile: cli.path("bad.csv"), encoding: .utf8).contains("B,120.1,north"))
        #expect(try cli.ok(["runs"]).contains("default"))
    }
}
