#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import GRDB
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// The working database as the user's commands treat it (issue 15, faults 4 and 10): foreign files are
/// refused unchanged, a mistyped --db creates nothing, read-only files and folders can be read.
@Suite(.serialized) struct StoreSafetyTests {
    /// Runs the binary as a user without root's power to ignore permission bits: as `nobody` through
    /// `setpriv` when the tests run as root (as on the build machine), else as the current user.
    static func runWithoutPrivileges(_ cli: CLI, _ arguments: [String]) throws -> CLI.Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        guard getuid() == 0 else { return try CLI.runProcess(CLI.binary, arguments, in: cli.folder, environment: environment) }
        return try CLI.runProcess(
            URL(fileURLWithPath: setpriv!), ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.binary.path] + arguments,
            in: cli.folder, environment: environment)
    }

    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let canDropPrivileges = getuid() != 0 || setpriv != nil

    /// A folder and database nobody may write: the database as loaded, with one saved run.
    static func loadedCopy(_ cli: CLI, into folderName: String, lockFolder: Bool) throws -> String {
        try cli.ok(["generate", "--seed", "7", "--residences", "400", "--points", "25", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        try cli.ok(["report"])
        let folder = cli.folder.appendingPathComponent(folderName)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("legalcircle.sqlite").path
        try FileManager.default.copyItem(atPath: cli.path("legalcircle.sqlite"), toPath: copy)
        // Readable by everyone, the file read-only; the folder too when asked.
        chmod(cli.folder.path, 0o755)
        chmod(copy, 0o444)
        chmod(folder.path, lockFolder ? 0o555 : 0o777)
        return "\(folderName)/legalcircle.sqlite"
    }

    @Test(.enabled(if: canDropPrivileges, "needs setpriv to drop root's privileges"), arguments: [false, true])
    func aReadOnlyDatabaseCanBeReadByEveryReadingCommand(lockFolder: Bool) throws {
        let cli = try CLI()
        let database = try Self.loadedCopy(cli, into: "archive", lockFolder: lockFolder)
        defer { chmod(cli.folder.appendingPathComponent("archive").path, 0o755) }
        let before = try FileManager.default.contentsOfDirectory(atPath: cli.path("archive")).sorted()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.path(database)))

        // The setup really is read-only for that user.
        let write = try Self.runWithoutPrivileges(cli, ["report", "--db", database])
        #expect(write.status != 0 && write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(!write.stderr.contains("attempt to write a readonly database"))

        for command in [
            ["runs"], ["report", "--run", "1"], ["gaps", "--run", "1", "--format", "csv"], ["compare", "1", "1"],
            ["export", "--format", "geojson", "--out", "/tmp/legalcircle-ro-\(UUID().uuidString)"],
        ] {
            let outcome = try Self.runWithoutPrivileges(cli, command + ["--db", database])
            #expect(outcome.status == 0, "\(command.joined(separator: " ")) on a read-only database (folder locked: \(lockFolder)): \(outcome.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("archive")).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path(database))) == bytes)
    }

    @Test func aForeignDatabaseIsRefusedUnchangedAndAMissingOneIsNotCreated() throws {
        let cli = try CLI()
        // What ogr2ogr or QGIS make: a GeoPackage.
        let gpkg = cli.path("roads.gpkg")
        let queue = try DatabaseQueue(path: gpkg)
        try queue.write { try $0.execute(sql: "PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY);") }
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gpkg))
        for command in [["runs"], ["report", "--run", "1"], ["load", "--points", "p.csv"]] {
            _ = try cli.write("p.csv", "id,name,kind,level,lon,lat,county\nP,站,mediation,village,120.1,30.2,330102\n")
            let process = try cli.run(command + ["--db", "roads.gpkg"])
            #expect(process.status == 1 && process.stderr.contains("roads.gpkg (--db) is a GeoPackage"), "\(process.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: gpkg)) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted() == ["p.csv", "roads.gpkg"])

        // A mistyped --db: an error that names --db, and no file.
        for command in [["runs"], ["report", "--run", "1"], ["gaps"], ["compare", "1", "2"], ["nearest", "--lon", "120", "--lat", "30"]] {
            let outcome = try cli.run(command + ["--db", "legalcircel.sqlite"])
            #expect(outcome.status == 1 && outcome.stderr.contains("no database at legalcircel.sqlite (--db)"), "\(command): \(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("legalcircel.sqlite")))
        }
    }

}
