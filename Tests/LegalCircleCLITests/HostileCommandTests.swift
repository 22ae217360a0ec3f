#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// The commands against the attacks of issue 15 that need the whole tool: extreme numbers (faults 5, 6
/// and 7), formula cells in outputs (8), unknown counties (11) and the messages of fault 14. Every case
/// checks that the process exits by itself (no signal) and prints no system text.
@Suite(.serialized) struct HostileCommandTests {
    static let systemText = ["NSCocoaErrorDomain", "Error Domain=", "DecodingError", "EncodingError", "The operation could not", "couldn’t"]

    /// Runs and checks the process exited by itself (a trap is a signal) without system text.
    static func run(_ cli: CLI, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Outcome {
        let outcome = try cli.run(arguments)
        #expect(outcome.reason == .exit, "\(arguments.joined(separator: " ")) died of signal \(outcome.status)", sourceLocation: sourceLocation)
        for text in systemText {
            #expect(!outcome.stderr.contains(text), "\(arguments.joined(separator: " ")): \(outcome.stderr)", sourceLocation: sourceLocation)
        }
        return outcome
    }

    /// `table` with the populations of the first rows replaced (the table keeps its columns private).
    static func withPopulations(_ table: ResidenceTable, _ populations: [Double]) -> ResidenceTable {
        var copy = ResidenceTable()
        for row in 0..<table.count {
            copy.append(
                id: table.ids[row], longitude: table.longitudes[row], latitude: table.latitudes[row],
                population: row < populations.count ? populations[row] : table.populations[row], county: table.county(at: row),
                zone: table.zones[row])
        }
        return copy
    }

    static func loaded(_ cli: CLI, seed: Int = 21) throws {
        try cli.ok(["generate", "--seed", "\(seed)", "--residences", "600", "--points", "30", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
    }

    @Test func numbersOutsideTheirRangesAreRefusedBeforeAnythingIsComputedOrSaved() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        let profile = try cli.write(
            "fast.json",
            """
            {"name": "fast", "minutes": 15, "zones": {"urban": "walk", "rural": "cycle", "mountain": "drive", "island": "drive"},
             "modes": {"walk": {"speed_kmh": 4.8, "circuity": 1.2}, "cycle": {"speed_kmh": 12, "circuity": 1.3},
                       "drive": {"speed_kmh": 1e300, "circuity": 1.4}}}
            """)
        let cases: [([String], String)] = [
            (["report", "--minutes", "1e17"], "--minutes must be between 1 and 240, got 1e+17"),
            (["report", "--minutes", "0.5"], "--minutes must be between 1 and 240"),
            (["report", "--profile", profile], "drive: speed_kmh must be between 1 and 200 km/h, got 1e+300"),
            (["gaps", "--cell-size", "1e-5"], "--cell-size must be between 50 and 20,000 metres"),
            (["gaps", "--cell-size", "1e7"], "--cell-size must be between 50 and 20,000 metres"),
            (["gaps", "--cell-size", "1e300"], "--cell-size must be between 50 and 20,000 metres"),
            (["gaps", "--top", "0"], "--top must be between 1 and 100,000"),
            (["suggest", "--count", "1000000"], "--count must be between 1 and 100,000"),
            (["nearest", "--lon", "120", "--lat", "30", "--count", "0"], "--count must be between 1 and 100,000"),
            (["map", "--out", "m.png", "--zoom", "1e9"], "--zoom must be between 0.1 and 16"),
            (["report", "--by", "county", "--target-villages", "150"], "--target-villages must be between 0 and 100 %"),
            // Before the bound: SIGILL (a Double conversion beyond Int.max) and SIGABRT (an allocation).
            (["generate", "--residences", "9223372036854775807", "--out", "g"], "--residences must be between 1 and 20,000,000"),
            (["generate", "--points", "9223372036854775807", "--out", "g"], "--points must be between 1 and 100,000"),
            (["generate", "--points", "0", "--out", "g"], "--points must be between 1 and 100,000"),
        ]
        for (command, message) in cases {
            let outcome = try Self.run(cli, command)
            #expect(outcome.status != 0 && outcome.stderr.contains(message), "\(command.joined(separator: " ")): \(outcome.stderr)")
        }
        #expect(try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly).runs().isEmpty, "no run was saved")
    }

    /// A run saved before the bounds existed (minutes 1e17, a population of 1e19): every command that
    /// re-reads it prints, draws and exports it without trapping. Before the fix they died of SIGILL.
    @Test func runsSavedBeforeTheBoundsAreReadWithoutTrapping() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let points = try store.dataset(named: nil, kind: .points)
        let residences = Self.withPopulations(
            try store.residences(datasetID: try store.dataset(named: nil, kind: .residences).id), [1e19])
        let huge = try store.replaceResidences(name: "residences", source: "old", checksum: "old", residences: residences)
        let parameters = CoverageParameters(profile: TravelProfile.standard.with(minutes: 1e17))
        let analysis = try CoverageEngine.analyse(
            points: try store.servicePoints(datasetID: points.id), residences: residences, parameters: parameters)
        _ = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: huge)

        for command in [
            ["report", "--run", "1"], ["report", "--run", "1", "--format", "markdown"], ["report", "--run", "1", "--format", "csv"],
            ["report", "--run", "1", "--format", "json"], ["report", "--run", "1", "--format", "html", "--out", "r.html"],
            ["gaps", "--run", "1"], ["map", "--run", "1", "--out", "m.svg"], ["export", "--format", "gpkg", "--out", "x.gpkg"],
            ["runs"], ["compare", "1", "1"],
        ] {
            let outcome = try Self.run(cli, command)
            #expect(outcome.status == 0, "\(command.joined(separator: " ")): \(outcome.stderr)")
            #expect(!outcome.stdout.contains("nan") && !outcome.stdout.lowercased().contains("inf,"), "\(command)")
        }
        // The figure itself prints in full, beyond Int64.
        #expect(try cli.ok(["report", "--run", "1"]).contains("10,000,000,000,000,000,"))
    }

    /// Populations beyond what arithmetic can carry (stored before the bounds: sums and weighted
    /// centroids overflow to infinity): the run is refused with the reason before anything is computed,
    /// nothing is saved, and no output shows inf or nan (before the fix: inf, -nan or a raw PROJ error).
    @Test func aRunIsSavedOnlyWhenItsFiguresAreFinite() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let residences = Self.withPopulations(
            try store.residences(datasetID: try store.dataset(named: nil, kind: .residences).id), [1e308, 1e308, 3e306])
        _ = try store.replaceResidences(name: "residences", source: "old", checksum: "old", residences: residences)
        for command in [["report"], ["report", "--format", "csv"], ["report", "--format", "json"], ["gaps"]] {
            let outcome = try Self.run(cli, command)
            #expect(outcome.status == 1 && outcome.stderr.contains("population") && outcome.stderr.contains("nothing was saved"),
                "\(command): \(outcome.stderr)")
            #expect(!outcome.stdout.contains("inf") && !outcome.stdout.contains("nan"))
        }
        #expect(try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly).runs().isEmpty)
    }

    @Test func extremePopulationsAreRejectedWhereTheyEnter() throws {
        let cli = try CLI()
        for population in ["1e19", "1e308", "3e306"] {
            let file = try cli.write("r.csv", "id,lon,lat,population,county,zone\nR1,120.1,30.2,\(population),330102,urban\nR2,120.1,30.2,5,330102,urban\n")
            let validate = try Self.run(cli, ["validate", "--residences", file])
            #expect(validate.stdout.contains("population out of range: 1"), "\(validate.stdout)")
            let load = try Self.run(cli, ["load", "--residences", file])
            #expect(load.status == 1 && load.stderr.contains("outside the accepted range of 0–10,000,000 people per row"))
        }
    }

    /// Every CSV the tool writes neutralises cells a spreadsheet would run (fault 8).
    @Test func csvOutputsCarryNoFormula() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "23", "--residences", "500", "--points", "20", "--out", "demo"])
        var points = try String(contentsOfFile: cli.path("demo/points.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        // Give every point a formula id and name (the generator's rows are plain: id,name,kind,…).
        for index in 1..<points.count {
            var fields = points[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = "=cmd|' /C calc'!A\(index)"
            fields[1] = "@SUM(\(index))"
            points[index] = fields.joined(separator: ",")
        }
        try Data((points.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: cli.path("evil.csv")))
        let oneShot = ["--points", "evil.csv", "--residences", "demo/residences.csv"]
        var outputs = [
            try cli.ok(["gaps", "--format", "csv"] + oneShot), try cli.ok(["report", "--format", "csv"] + oneShot),
            try cli.ok(["nearest", "--lon", "120.1", "--lat", "30.2", "--points", "evil.csv", "--format", "csv"]),
            try cli.ok(["suggest", "--count", "2", "--format", "csv", "--sites-out", "sites.csv"] + oneShot),
        ]
        outputs.append(try String(contentsOfFile: cli.path("sites.csv"), encoding: .utf8))
        for csv in outputs {
            for line in csv.split(separator: "\n") {
                for field in line.split(separator: ",", omittingEmptySubsequences: false) {
                    let cell = field.hasPrefix("\"") ? field.dropFirst() : field
                    if let first = cell.first, "=+-@".contains(first) {
                        #expect(Double(cell) != nil, "formula cell \(field) in: \(line)")
                    }
                }
            }
        }
        #expect(outputs[2].contains("'=cmd|' /C calc'!A"), "\(outputs[2])")
        // The points load and come back out with their values intact.
        try cli.ok(["load", "--points", "evil.csv"])
        #expect(try Store(path: cli.path("legalcircle.sqlite")).servicePoints(
            datasetID: try Store(path: cli.path("legalcircle.sqlite")).dataset(named: nil, kind: .points).id
        ).first?.id == "=cmd|' /C calc'!A1")
    }

    /// Unknown --county values are errors listing the valid codes, not an empty list (fault 11).
    @Test func anUnknownCountyIsAnErrorListingTheCodes() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        try cli.ok(["report"])
        for command in [["gaps", "--county", "999999"], ["gaps", "--run", "1", "--county", "3301"], ["suggest", "--count", "1", "--county", "999999"]] {
            let outcome = try Self.run(cli, command)
            #expect(outcome.status == 1 && outcome.stderr.contains("330102"),
                "\(command): \(outcome.stderr)")
            #expect(!outcome.stdout.contains("0 of 0"))
        }
    }

    /// A full disk (a file-size limit, `prlimit --fsize`, SIGXFSZ ignored so a write fails with EFBIG) or
    /// a missing folder while writing an output or a new database is said in words naming the file
    /// (fault 14). Before: "cannot use …/points.csv: it cannot be read" from generate, "disk I/O error"
    /// from the GeoPackage writer, no file name from the GeoJSON export, "unable to open database file".
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "needs prlimit (util-linux)"))
    func writeFailuresAreSaidInWordsNamingTheFile() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        try cli.ok(["report"])
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        func limited(_ arguments: [String]) throws -> CLI.Outcome {
            let outcome = try CLI.runProcess(
                URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' XFSZ; exec /usr/bin/prlimit --fsize=20000 \"$@\"", "sh", CLI.binary.path] + arguments,
                in: cli.folder, environment: environment)
            #expect(outcome.reason == .exit && outcome.status == 1, "\(arguments): \(outcome.stderr)")
            for text in Self.systemText + ["disk I/O error", "cannot be read", "a file operation failed"] {
                #expect(!outcome.stderr.contains(text), "\(arguments): \(outcome.stderr)")
            }
            return outcome
        }
        let generate = try limited(["generate", "--out", "g"])
        #expect(generate.stderr.contains("cannot write \(cli.folder.path)/g/") && generate.stderr.contains("file-size limit"), "\(generate.stderr)")
        let gpkg = try limited(["export", "--format", "gpkg", "--out", "x.gpkg"])
        #expect(gpkg.stderr.contains("x.gpkg: cannot write the GeoPackage: the disk could not take the data"), "\(gpkg.stderr)")
        let geojson = try limited(["export", "--format", "geojson", "--out", "layers"])
        #expect(geojson.stderr.contains("cannot write the layers to layers (--out)") && geojson.stderr.contains("file-size limit"), "\(geojson.stderr)")

        let folder = try Self.run(cli, ["load", "--points", "demo/points.csv", "--db", "no/such/new.sqlite"])
        #expect(folder.status == 1 && folder.stderr.contains("does its folder exist") && !folder.stderr.contains("unable to open"), "\(folder.stderr)")
    }

    /// An output in a folder the user may not write is refused before a run is computed and saved
    /// (before: the run was saved, then the write failed with "permission denied").
    @Test(.enabled(if: StoreSafetyTests.canDropPrivileges, "needs setpriv to drop root's privileges"))
    func anUnwritableOutputFolderIsRefusedBeforeARunIsSaved() throws {
        let cli = try CLI()
        try Self.loaded(cli)
        let locked = cli.folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        chmod(cli.folder.path, 0o777)
        for file in ["legalcircle.sqlite", "legalcircle.sqlite-wal", "legalcircle.sqlite-shm"] { chmod(cli.path(file), 0o666) }
        chmod(locked.path, 0o555)
        defer { chmod(locked.path, 0o755) }
        for command in [
            ["report", "--out", "locked/r.csv"], ["report", "--format", "html", "--out", "locked/r.html"], ["gaps", "--out", "locked/g.csv"],
            ["suggest", "--count", "1", "--sites-out", "locked/s.csv"],
        ] {
            let outcome = try StoreSafetyTests.runWithoutPrivileges(cli, command)
            #expect(outcome.reason == .exit && outcome.status == 1, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.contains("cannot write locked/") && outcome.stderr.contains("permission denied"), "\(command): \(outcome.stderr)")
        }
        #expect(try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly).runs().isEmpty, "no run was saved")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
    }

    /// The messages of fault 14.
    @Test func messagesNameTheFileAndAgreeWithValidate() throws {
        let cli = try CLI()
        // A missing input: named, in words.
        let missing = try Self.run(cli, ["load", "--points", "nowhere.csv"])
        #expect(missing.status == 1 && missing.stderr.contains("nowhere.csv: cannot be read: there is no such file"), "\(missing.stderr)")

        // The count of an aborted load is the count validate gives: 2 bad rows and 1 far outside China.
        let text = "id,name,kind,level,lon,lat,county\n"
            + (1...12).map { "P\($0),站,mediation,village,120.\($0),30.2,330102" }.joined(separator: "\n")
            + "\nB1,站,mediation,village,north,30.2,\nB2,站,cooking,village,120.1,30.2,\nF1,站,mediation,village,-70.1,40.2,\n"
        let file = try cli.write("p.csv", text)
        let validate = try Self.run(cli, ["validate", "--points", file])
        #expect(validate.stdout.contains("rows: 15 read, 12 accepted, 3 rejected"), "\(validate.stdout)")
        #expect(validate.stdout.components(separatedBy: "file: ").count == 2, "validate names the file once: \(validate.stdout)")
        let load = try Self.run(cli, ["load", "--points", file])
        #expect(load.status == 1 && load.stderr.contains("3 rows rejected, nothing imported"), "\(load.stderr)")

        // A residences dataset whose every row was rejected.
        try cli.ok(["load", "--points", "p.csv", "--skip-bad-rows"])
        let empty = try cli.write("r.csv", "id,lon,lat,population,county,zone\nR1,120.1,north,5,330102,urban\n")
        try cli.ok(["load", "--residences", empty, "--skip-bad-rows"])
        let report = try Self.run(cli, ["report"])
        #expect(report.status == 1 && report.stderr.contains("holds no rows") && !report.stderr.contains("load a residences file first"),
            "\(report.stderr)")

        // An output folder that does not exist is named as such.
        let out = try Self.run(cli, ["validate", "--points", file])
        _ = out
        let folder = try Self.run(cli, ["report", "--points", "p.csv", "--residences", "r.csv", "--out", "no/such/r.csv"])
        #expect(folder.status == 1 && folder.stderr.contains("the folder") && folder.stderr.contains("does not exist"), "\(folder.stderr)")
    }
}
