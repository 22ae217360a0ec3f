import Foundation
import GRDB
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// A write killed part-way leaves the database exactly as it was. For every `FaultPoint` and every
/// command whose transaction passes it, the built binary first loads dataset A, then is made to kill
/// itself at the point while writing B (`LEGALCIRCLE_FAULT`, see `FaultPoint`); afterwards every
/// table holds what it held before, byte for byte, and the store still reads A with its checksums.
/// Deterministic: no sleeps, no timing, every point.
@Suite(.serialized) struct FaultInjectionTests {
    /// What a command asks of the store, each with a state to start from and a command that writes.
    enum Operation: String, CaseIterable, CustomStringConvertible {
        case replacePoints, replaceResidences, replaceBoundaries, appendPoints, appendResidences, saveRun
        /// One `load` of boundaries, points and residences: one transaction (issue 15).
        case loadAll
        /// One `load --skip-bad-rows` of points and residences, both with rejected rows.
        case loadSkippingBadRows
        /// One `load --append` of points and residences.
        case appendBoth
        var description: String { rawValue }
    }

    /// The operations whose transaction passes `point`. No default: a new point does not compile
    /// until it names the commands that reach it.
    static func operations(reaching point: FaultPoint) -> [Operation] {
        switch point {
        case .datasetReplaced: [.replacePoints, .replaceResidences, .loadAll]
        case .pointsWritten: [.replacePoints, .loadAll, .loadSkippingBadRows]
        case .residenceChunkWritten: [.replaceResidences, .appendResidences, .loadAll, .appendBoth]
        case .residencesWritten: [.replaceResidences, .loadAll, .loadSkippingBadRows]
        case .appendedRowsWritten, .appendVersionRecorded: [.appendPoints, .appendResidences, .appendBoth]
        case .boundarySetReplaced, .boundaryFeaturesWritten: [.replaceBoundaries, .loadAll]
        case .runReportWritten, .runChunkWritten, .runWritten: [.saveRun]
        case .loadNextFile: [.loadAll, .loadSkippingBadRows, .appendBoth]
        case .loadBeforeCommit: [.replacePoints, .replaceBoundaries, .loadAll, .loadSkippingBadRows, .appendBoth]
        // After the commit: the new state is there, the rejects under their temporary names
        // (`MultiFileLoadTests.aLoadKilledAfterItsCommitSaysWhereItsRejectsLie`).
        case .loadCommitted: [.loadSkippingBadRows]
        }
    }

    /// Generated inputs, made once: A small, B and C (ids prefixed, to append) above one 65,536-row
    /// column chunk, so the chunk points fall between chunks; boundaries A two squares, B the real counties.
    struct Inputs: Sendable {
        let folder: URL
        var a: String { folder.appendingPathComponent("a").path }
        var b: String { folder.appendingPathComponent("b").path }
        var c: String { folder.appendingPathComponent("c").path }

        static let shared = Result { try Inputs() }

        private init() throws {
            let cli = try CLI()
            folder = cli.folder
            _ = try cli.ok(["generate", "--seed", "1", "--residences", "2000", "--points", "40", "--out", "a"])
            _ = try cli.ok(["generate", "--seed", "2", "--residences", "70000", "--points", "80", "--out", "b"])
            _ = try cli.ok(["generate", "--seed", "3", "--residences", "70000", "--points", "30", "--out", "c"])
            for name in ["points.csv", "residences.csv"] {
                let url = folder.appendingPathComponent("c/\(name)")
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                let renamed = [String(lines[0])] + lines.dropFirst().map { $0.isEmpty ? "" : "C" + $0 }
                try Data(renamed.joined(separator: "\n").utf8).write(to: url)
            }
            let squares = """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"adcode":"330102","name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[120.2,30],[120.2,30.2],[120,30.2],[120,30]]]}},
                {"type":"Feature","properties":{"adcode":"330106","name":"乙"},"geometry":{"type":"Polygon","coordinates":[[[120.2,30],[120.4,30],[120.4,30.2],[120.2,30.2],[120.2,30]]]}}]}
                """
            try Data(squares.utf8).write(to: folder.appendingPathComponent("a/counties.geojson"))
            try FileManager.default.copyItem(
                at: ZhejiangFile.countiesWGS84.url, to: folder.appendingPathComponent("b/counties.geojson"))
        }
    }

    /// Loads the state `operation` starts from into a fresh folder and returns the command that writes.
    static func prepare(_ operation: Operation, _ cli: CLI, _ inputs: Inputs) throws -> [String] {
        switch operation {
        case .replacePoints:
            _ = try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--name", "p"])
            return ["load", "--points", "\(inputs.b)/points.csv", "--name", "p"]
        case .replaceResidences:
            _ = try cli.ok(["load", "--residences", "\(inputs.a)/residences.csv", "--name", "r"])
            return ["load", "--residences", "\(inputs.b)/residences.csv", "--name", "r"]
        case .replaceBoundaries:
            _ = try cli.ok(["load", "--boundaries", "\(inputs.a)/counties.geojson"])
            return ["load", "--boundaries", "\(inputs.b)/counties.geojson"]
        case .appendPoints:
            _ = try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
            return ["load", "--points", "\(inputs.c)/points.csv", "--append"]
        case .appendResidences:
            _ = try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
            return ["load", "--residences", "\(inputs.c)/residences.csv", "--append"]
        case .saveRun:
            _ = try cli.ok(["load", "--points", "\(inputs.b)/points.csv", "--residences", "\(inputs.b)/residences.csv"])
            _ = try cli.ok(["report"])
            return ["report", "--minutes", "20"]
        case .loadAll:
            _ = try cli.ok([
                "load", "--boundaries", "\(inputs.a)/counties.geojson", "--points", "\(inputs.a)/points.csv", "--residences",
                "\(inputs.a)/residences.csv",
            ])
            return [
                "load", "--boundaries", "\(inputs.b)/counties.geojson", "--points", "\(inputs.b)/points.csv", "--residences",
                "\(inputs.b)/residences.csv",
            ]
        case .loadSkippingBadRows:
            _ = try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
            try FileManager.default.createDirectory(at: cli.folder.appendingPathComponent("bad"), withIntermediateDirectories: true)
            for (name, badRow) in [
                ("points.csv", "BADP,站,mediation,village,north,30.1,330102"), ("residences.csv", "BADR,120.1,north,5,330102,urban"),
            ] {
                let text = try String(contentsOfFile: "\(inputs.b)/\(name)", encoding: .utf8)
                try Data((text + (text.hasSuffix("\n") ? "" : "\n") + badRow + "\n").utf8).write(to: URL(fileURLWithPath: cli.path("bad/\(name)")))
            }
            return ["load", "--points", "bad/points.csv", "--residences", "bad/residences.csv", "--skip-bad-rows"]
        case .appendBoth:
            _ = try cli.ok(["load", "--points", "\(inputs.a)/points.csv", "--residences", "\(inputs.a)/residences.csv"])
            return ["load", "--points", "\(inputs.c)/points.csv", "--residences", "\(inputs.c)/residences.csv", "--append"]
        }
    }

    @Test(arguments: FaultPoint.allCases.filter { $0 != .loadCommitted })
    func aWriteKilledAtThePointLeavesThePreviousState(point: FaultPoint) throws {
        let inputs = try Inputs.shared.get()
        let operations = Self.operations(reaching: point)
        #expect(!operations.isEmpty)
        for operation in operations {
            let cli = try CLI()
            let command = try Self.prepare(operation, cli, inputs)
            let database = cli.path("legalcircle.sqlite")
            let before = try Snapshot(database)
            #expect(!before.tables.isEmpty)

            var environment = ProcessInfo.processInfo.environment
            environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
            environment[FaultPoint.environmentVariable] = point.rawValue
            let killed = try CLI.runProcess(CLI.binary, command, in: cli.folder, environment: environment)
            #expect(
                killed.reason == .uncaughtSignal && killed.status == SIGKILL && killed.stderr.contains("fault injected at \(point.rawValue)"),
                "\(operation): legalcircle \(command.joined(separator: " ")) exited \(killed.status): \(killed.stderr)")

            let after = try Snapshot(database)
            #expect(after.integrity == "ok", "\(operation) at \(point)")
            #expect(after == before, "\(operation) at \(point): \(before.difference(from: after))")
            try Self.checkStateA(operation, database: database, inputs: inputs)

            // The same command without the fault writes B: the point was inside a real write, and the
            // database is usable after the kill.
            _ = try cli.ok(command)
            #expect(try Snapshot(database) != before, "\(operation): the command without a fault changed nothing")
        }
    }

    /// The store still reads dataset A in full, with the checksum of A's file.
    static func checkStateA(_ operation: Operation, database: String, inputs: Inputs) throws {
        let store = try Store(path: database)
        switch operation {
        case .replacePoints, .appendPoints:
            let name: String? = operation == .replacePoints ? "p" : nil
            let dataset = try store.dataset(named: name, kind: .points)
            #expect(dataset.checksum == (try SHA256.hexDigest(ofFile: "\(inputs.a)/points.csv")))
            #expect(dataset.rowCount == 40)
            #expect(try store.servicePoints(datasetID: dataset.id).count == 40)
            #expect(try store.versions(datasetID: dataset.id).count == 1)
        case .replaceResidences, .appendResidences:
            let name: String? = operation == .replaceResidences ? "r" : nil
            let dataset = try store.dataset(named: name, kind: .residences)
            #expect(dataset.checksum == (try SHA256.hexDigest(ofFile: "\(inputs.a)/residences.csv")))
            #expect(dataset.rowCount == 2_000)
            #expect(try store.residences(datasetID: dataset.id).count == 2_000)
            #expect(try store.versions(datasetID: dataset.id).count == 1)
        case .replaceBoundaries:
            let (info, boundaries) = try store.boundaries(named: "counties")
            #expect(info.checksum == (try SHA256.hexDigest(ofFile: "\(inputs.a)/counties.geojson")))
            #expect(boundaries.map(\.name) == ["甲", "乙"])
        case .saveRun:
            #expect(try store.runs().map(\.id) == [1])
            #expect(try store.runs().map(\.minutes) == [15])
        case .loadAll, .loadSkippingBadRows, .appendBoth:
            // Every dataset of the load is A's: none of the files got through.
            for kind in [DatasetKind.points, .residences] {
                let dataset = try store.dataset(named: nil, kind: kind)
                let file = kind == .points ? "points.csv" : "residences.csv"
                #expect(dataset.checksum == (try SHA256.hexDigest(ofFile: "\(inputs.a)/\(file)")), "\(operation): \(kind)")
                #expect(dataset.rowCount == (kind == .points ? 40 : 2_000))
                #expect(try store.versions(datasetID: dataset.id).count == 1)
            }
            if operation == .loadAll {
                let (info, boundaries) = try store.boundaries(named: "counties")
                #expect(info.checksum == (try SHA256.hexDigest(ofFile: "\(inputs.a)/counties.geojson")))
                #expect(boundaries.map(\.name) == ["甲", "乙"])
            }
        }
        // No rejects file appeared under its final name.
        #expect(!FileManager.default.fileExists(atPath: (database as NSString).deletingLastPathComponent + "/bad/points.rejects.csv"))
    }

    /// An unknown point name stops the process at the first point with the known names, so a misspelt
    /// name cannot pass for a fault survived; the database keeps its state.
    @Test func anUnknownFaultPointNameStopsTheWriteNamingTheKnownPoints() throws {
        let inputs = try Inputs.shared.get()
        let cli = try CLI()
        let command = try Self.prepare(.replacePoints, cli, inputs)
        let before = try Snapshot(cli.path("legalcircle.sqlite"))
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        environment[FaultPoint.environmentVariable] = "datset-replaced"
        let outcome = try CLI.runProcess(CLI.binary, command, in: cli.folder, environment: environment)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("datset-replaced names no fault point"), "\(outcome.stderr)")
        #expect(FaultPoint.allCases.allSatisfy { outcome.stderr.contains($0.rawValue) })
        #expect(try Snapshot(cli.path("legalcircle.sqlite")) == before)
    }
}

/// Every row of every table of a database file, as SQLite holds them, and its integrity check.
struct Snapshot: Equatable {
    var tables: [String: [[DatabaseValue]]]
    var integrity: String

    init(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let read = try queue.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for name in names {
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                // Rowid (or primary key) order: the same rows give the same order.
                tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(quoted)").map { Array($0.databaseValues) }
            }
            return (tables, try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "")
        }
        tables = read.0
        integrity = read.1
    }

    static func == (a: Snapshot, b: Snapshot) -> Bool { a.tables == b.tables }

    /// The tables whose rows differ, with their row counts.
    func difference(from other: Snapshot) -> String {
        Set(tables.keys).union(other.tables.keys).sorted().filter { tables[$0] != other.tables[$0] }
            .map { "\($0): \(tables[$0]?.count ?? -1) rows before, \(other.tables[$0]?.count ?? -1) after" }
            .joined(separator: "; ")
    }
}
