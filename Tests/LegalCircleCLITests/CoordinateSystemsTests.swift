import Foundation
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Projection
import Testing

/// A coordinate system per input file, the coordinate check against county boundaries, and output in
/// the user's system, on the real township seats (GCJ-02 as published, WGS84 derived) and villages.
@Suite(.serialized) struct CoordinateSystemsTests {
    struct Seat {
        var code: String
        var county: String
        var gcj: (Double, Double)
        var wgs: (Double, Double)
    }

    static func seats() throws -> [Seat] {
        try ZhejiangFile.towns2016.csvRows().compactMap { f in
            guard let gx = Double(f["lon_gcj02"]!), let gy = Double(f["lat_gcj02"]!), let wx = Double(f["lon_wgs84"]!),
                let wy = Double(f["lat_wgs84"]!)
            else { return nil }
            return Seat(code: f["code"]!, county: f["county_adcode_2016"]!, gcj: (gx, gy), wgs: (wx, wy))
        }
    }

    /// A service-points CSV of the seats with the coordinates `location` picks.
    static func pointsCSV(_ seats: [Seat], _ location: (Seat) -> (Double, Double)) -> String {
        "id,name,kind,level,lon,lat,county\n"
            + seats.map { seat in
                let (x, y) = location(seat)
                return "\(seat.code),司法所 \(seat.code),consultation;mediation,township,\(x),\(y),\(seat.county)\n"
            }.joined()
    }

    static func bd09(_ seat: Seat) -> (Double, Double) {
        let p = ChineseOffsets.wgs84ToBD09(longitude: seat.wgs.0, latitude: seat.wgs.1)
        return (p.longitude, p.latitude)
    }

    // MARK: - A system per file

    /// The issue's case: Amap stations (GCJ-02) and a WGS84 census of one resident 800 m north of each
    /// seat (urban: 1,000 m reach). One `--crs gcj02` for both shifted the residents too (0 % covered);
    /// with a system per file the one-shot run equals loading the files one at a time, exactly.
    @Test(.requires(.data(.towns2016)))
    func oneShotWithPerFileSystemsEqualsTwoLoads() throws {
        let seats = Array(try Self.seats().prefix(400))
        let cli = try CLI()
        let points = try cli.write("stations.csv", Self.pointsCSV(seats) { $0.gcj })
        var people = "id,lon,lat,population,county,zone\n"
        for seat in seats {
            people += "R\(seat.code),\(seat.wgs.0),\(seat.wgs.1 + 800 / 111_195.0),10,\(seat.county),urban\n"
        }
        let residences = try cli.write("people.csv", people)

        let oneShot = try decodeJSON(
            try cli.ok(["report", "--points", points, "--points-crs", "gcj02", "--residences", residences, "--format", "json"]))
        let fallback = try decodeJSON(
            try cli.ok([
                "report", "--points", points, "--crs", "gcj02", "--residences", residences, "--residences-crs", "wgs84",
                "--format", "json",
            ]))
        try cli.ok(["load", "--db", cli.path("two.sqlite"), "--points", points, "--crs", "gcj02"])
        try cli.ok(["load", "--db", cli.path("two.sqlite"), "--residences", residences])
        let twoLoads = try decodeJSON(try cli.ok(["report", "--db", cli.path("two.sqlite"), "--format", "json"]))

        for key in ["counties", "total"] {
            #expect(NSDictionary(dictionary: ["v": oneShot[key]!]).isEqual(to: ["v": twoLoads[key]!]), "\(key) differs")
            #expect(NSDictionary(dictionary: ["v": fallback[key]!]).isEqual(to: ["v": twoLoads[key]!]), "\(key) differs")
        }
        let total = try #require(oneShot["total"] as? [String: Any])
        #expect(total["coveragePercent"] as? Double == 100)
        // Every report states the systems of its inputs.
        let run = try #require(oneShot["run"] as? [String: Any])
        #expect(run["inputSystems"] as? [String: String] == ["points": "GCJ-02", "residences": "WGS84"])
        let stored = try #require(twoLoads["run"] as? [String: Any])
        #expect(stored["inputSystems"] as? [String: String] == ["points": "GCJ-02", "residences": "WGS84"])
        let table = try cli.ok(["report", "--db", cli.path("two.sqlite"), "--run", "1"])
        #expect(table.contains("input coordinates points GCJ-02, residences WGS84"), "\(table)")

        // What one --crs for both files did.
        let shifted = try decodeJSON(
            try cli.ok(["report", "--points", points, "--residences", residences, "--crs", "gcj02", "--format", "json"]))
        #expect(((shifted["total"] as? [String: Any])?["coveragePercent"] as? Double ?? 100) < 50)
    }

    /// The what-if `--add` file and suggest's `--candidates` are read in their own systems: half the seats
    /// loaded (WGS84) with a resident 800 m north of every seat, the other half added or offered as
    /// candidates in GCJ-02 with --add-crs / --candidates-crs (or --crs) give exactly what the same
    /// seats in WGS84 give; read as WGS84 they are ~500 m off and cover fewer.
    @Test(.requires(.data(.towns2016)))
    func addAndCandidateFilesAreReadInTheirOwnSystems() throws {
        let seats = Array(try Self.seats().prefix(400))
        let base = seats.indices.filter { $0 % 2 == 0 }.map { seats[$0] }, extra = seats.indices.filter { $0 % 2 == 1 }.map { seats[$0] }
        let cli = try CLI()
        let db = cli.path("half.sqlite")
        var people = "id,lon,lat,population,county,zone\n"
        for seat in seats {
            people += "R\(seat.code),\(seat.wgs.0),\(seat.wgs.1 + 800 / 111_195.0),10,\(seat.county),urban\n"
        }
        try cli.ok(["load", "--db", db, "--points", try cli.write("base.csv", Self.pointsCSV(base) { $0.wgs })])
        try cli.ok(["load", "--db", db, "--residences", try cli.write("people.csv", people)])
        let extraWGS = try cli.write("extra-wgs.csv", Self.pointsCSV(extra) { $0.wgs })
        let extraGCJ = try cli.write("extra-gcj.csv", Self.pointsCSV(extra) { $0.gcj })

        // The WGS84 columns are the GCJ-02 ones inverted and rounded to 6 decimals (~0.1 m): counts agree
        // exactly, minutes to within a millisecond.
        func whatIf(_ arguments: [String]) throws -> (covered: Int, areas: Int, median: Double) {
            let json = try decodeJSON(try cli.ok(["what-if", "--db", db, "--format", "json"] + arguments))
            let b = try #require((json["total"] as? [String: Any])?["b"] as? [String: Any])
            return (b["covered"] as! Int, b["uncoveredAreas"] as! Int, b["medianMinutes"] as! Double)
        }
        let reference = try whatIf(["--add", extraWGS])
        for own in [["--add-crs", "gcj02"], ["--crs", "gcj02"]] {
            let answer = try whatIf(["--add", extraGCJ] + own)
            #expect(answer.covered == reference.covered && answer.areas == reference.areas, "\(own): \(answer) vs \(reference)")
            #expect(abs(answer.median - reference.median) < 1e-3, "\(own): \(answer) vs \(reference)")
        }
        #expect(try whatIf(["--add", extraGCJ]).covered < reference.covered, "read as WGS84 it is another place")

        func sites(_ arguments: [String]) throws -> [String] {
            let json = try decodeJSON(try cli.ok(["suggest", "--db", db, "--count", "3", "--format", "json"] + arguments))
            return try #require(json["sites"] as? [[String: Any]]).map { "\($0["candidateID"] ?? "") \($0["newlyCovered"] ?? "")" }
        }
        let chosen = try sites(["--candidates", extraWGS])
        #expect(chosen.count == 3)
        #expect(try sites(["--candidates", extraGCJ, "--candidates-crs", "gcj02"]) == chosen)
        #expect(try sites(["--candidates", extraGCJ, "--crs", "gcj02"]) == chosen)
        #expect(try sites(["--candidates", extraGCJ]) != chosen, "read as WGS84 they cover less")
    }

    @Test func coordinateOptionsWithoutTheirFileAreRefused() throws {
        let cli = try CLI()
        let points = Repository.seed("points.csv").path
        let cases: [([String], String)] = [
            (["report", "--points-crs", "gcj02"], "--points-crs"),
            (["report", "--crs", "gcj02"], "--crs"),
            (["gaps", "--boundaries-crs", "gcj02"], "--boundaries-crs"),
            (["suggest", "--count", "1", "--candidates-crs", "bd09"], "--candidates-crs"),
            (["what-if", "--add-suggested", "1", "--add-crs", "gcj02"], "--add-crs"),
            (["load", "--points", points, "--zones-crs", "gcj02"], "--zones-crs"),
            (["gaps", "--format", "geojson", "--out-crs", "gcj02"], "GeoJSON is always WGS84"),
            (["nearest", "--x", "500000", "--y", "3300000"], "--x/--y"),
            (["nearest", "--lon", "120", "--lat", "30", "--crs", "EPSG:4549"], "--x EASTING"),
            (["load", "--points", points, "--points-crs", "gcj03"], "--points-crs gcj03"),
        ]
        for (arguments, expected) in cases {
            let outcome = try cli.run(arguments + ["--db", cli.path("none.sqlite")])
            #expect(outcome.status != 0 && outcome.stderr.contains(expected), "\(arguments): \(outcome.stderr)")
        }
    }

    // MARK: - The check

    /// Through the commands: validate and load flag a GCJ-02 file declared WGS84 and a BD-09 file declared
    /// GCJ-02, with the counts and the option to use; they say nothing of the same files declared right;
    /// report repeats what load found; --strict refuses; a one-county file cannot be checked.
    @Test(.requires(.data(.towns2016, .countiesWGS84)))
    func checkFlagsWrongDeclarationsAndStaysSilentOnRightOnes() throws {
        let seats = try Self.seats()
        let cli = try CLI()
        let db = cli.path("check.sqlite")
        try cli.ok(["load", "--db", db, "--boundaries", ZhejiangFile.countiesWGS84.path])
        let gcj = try cli.write("amap.csv", Self.pointsCSV(seats) { $0.gcj })
        let wgs = try cli.write("gps.csv", Self.pointsCSV(seats) { $0.wgs })
        let bd = try cli.write("baidu.csv", Self.pointsCSV(seats, Self.bd09))

        let gcjAsWGS = try cli.ok(["validate", "--points", gcj, "--db", db])
        #expect(gcjAsWGS.hasPrefix("warning: \(gcj) (service points, read as WGS84): 7 of 9 decisive points fit only GCJ-02, 0 only WGS84"))
        #expect(gcjAsWGS.contains("this looks like an Amap (GCJ-02) file; use --points-crs gcj02"), "\(gcjAsWGS)")
        // In Chinese the warning is Chinese too (what is stored and put in JSON stays English).
        let chinese = try cli.ok(["validate", "--points", gcj, "--db", db], locale: "zh_CN.UTF-8")
        #expect(
            chinese.hasPrefix("警告：\(gcj)（服务点，按 WGS84 读取）：9 个判别点中 7 个只符合 GCJ-02，0 个只符合 WGS84（符号检验 p = 0.0078）：")
                && chinese.contains("这像是高德（GCJ-02）文件；请用 --points-crs gcj02"), "\(chinese)")
        let bdAsGCJ = try cli.ok(["validate", "--points", bd, "--crs", "gcj02", "--db", db])
        #expect(bdAsGCJ.contains("this looks like a Baidu (BD-09) file; use --points-crs bd09"), "\(bdAsGCJ)")
        for (file, system) in [(gcj, "gcj02"), (wgs, "wgs84"), (bd, "bd09")] {
            let right = try cli.ok(["validate", "--points", file, "--points-crs", system, "--db", db])
            #expect(!right.contains("warning"), "\(system): \(right)")
            #expect(right.contains("as declared"), "\(system): \(right)")
        }
        // The same through --boundaries instead of a database.
        let given = try cli.ok(["validate", "--points", gcj, "--boundaries", ZhejiangFile.countiesWGS84.path])
        #expect(given.contains("use --points-crs gcj02"))

        // load says it first, report repeats it; --strict loads nothing.
        let strict = try cli.run(["load", "--db", db, "--points", gcj, "--name", "strict", "--strict"])
        #expect(strict.status != 0 && strict.stderr.contains("use --points-crs gcj02") && strict.stderr.contains("--strict"))
        let loaded = try cli.ok(["load", "--db", db, "--points", gcj, "--name", "stations"])
        let loadedZH = try cli.ok(["load", "--db", cli.path("zh.sqlite"), "--boundaries", "zhejiang", "--points", gcj], locale: "zh_CN.UTF-8")
        #expect(loadedZH.contains("警告：\(gcj)（服务点，按 WGS84 读取）") && loadedZH.contains("请用 --points-crs gcj02"), "\(loadedZH)")
        #expect(loaded.hasPrefix("warning: \(gcj) (service points, read as WGS84)"), "\(loaded)")
        let store = try Store(path: db)
        #expect(try store.datasets().map(\.name) == ["stations"])
        let people = try cli.write("people.csv", "id,lon,lat,population,county,zone\nR1,120.16,30.27,5,330102,urban\n")
        try cli.ok(["load", "--db", db, "--residences", people])
        let report = try cli.ok(["report", "--db", db])
        #expect(report.contains("warning: \(gcj) (service points, read as WGS84)") && report.contains("use --points-crs gcj02"))
        let json = try decodeJSON(try cli.ok(["report", "--db", db, "--run", "1", "--format", "json"]))
        let warnings = (json["run"] as? [String: Any])?["coordinateWarnings"] as? [String] ?? []
        #expect(warnings.count == 1 && warnings[0].contains("use --points-crs gcj02"))
        #expect(try cli.run(["report", "--db", db, "--strict"]).status != 0)
        let reloaded = try cli.ok(["load", "--db", db, "--points", gcj, "--name", "stations", "--points-crs", "gcj02"])
        #expect(!reloaded.contains("warning"), "\(reloaded)")
        #expect(!(try cli.ok(["report", "--db", db])).contains("warning"))

        // One county: no decisive point, nothing to say.
        let oneCounty = try cli.write("one.csv", Self.pointsCSV(seats.filter { $0.county == "330102" }) { $0.gcj })
        let unchecked = try cli.ok(["validate", "--points", oneCounty, "--db", db])
        #expect(unchecked.contains("the coordinate system cannot be checked from these points"), "\(unchecked)")
        #expect(!unchecked.contains("warning"))
    }

    /// Villages as residences: the 2,977 located villages (2016 codes, GCJ-02 as published) read as WGS84.
    @Test(.requires(.data(.villages2016, .countiesWGS84)))
    func villagesDeclaredWrongAreFlagged() throws {
        let cli = try CLI()
        let common = [
            "validate", "--residences", ZhejiangFile.villages2016.path, "--boundaries", ZhejiangFile.countiesWGS84.path,
            "--column", "id=code", "--column", "zone=ur_code", "--column", "county=county_adcode_2016",
        ]
        // The 29,153 villages without coordinates are rejected rows (validate then exits non-zero); the
        // check reads the accepted ones.
        let wrong = try cli.run(common + ["--column", "lon=lon_gcj02", "--column", "lat=lat_gcj02"]).stdout
        #expect(wrong.contains("use --residences-crs gcj02"), "\(wrong)")
        let right = try cli.run(common + ["--column", "lon=lon_gcj02", "--column", "lat=lat_gcj02", "--crs", "gcj02"]).stdout
        #expect(!right.contains("warning") && right.contains("as declared"), "\(right)")
        let derived = try cli.run(common + ["--column", "lon=lon_wgs84", "--column", "lat=lat_wgs84"]).stdout
        #expect(!derived.contains("warning") && derived.contains("as declared"), "\(derived)")
    }

    /// Boundaries published in GCJ-02, loaded with --boundaries-crs gcj02, land where the WGS84 file is:
    /// WGS84 seats check out against them, GCJ-02 seats declared WGS84 are flagged.
    @Test(.requires(.data(.towns2016, .countiesGCJ02, .countiesWGS84)))
    func gcj02BoundariesAreStoredAsWGS84() throws {
        let seats = try Self.seats()
        let cli = try CLI()
        let db = cli.path("gcj.sqlite")
        let loaded = try cli.ok(["load", "--db", db, "--boundaries", ZhejiangFile.countiesGCJ02.path, "--boundaries-crs", "gcj02"])
        #expect(loaded.contains("(GCJ-02) as \"counties_gcj02\""), "\(loaded)")
        let store = try Store(path: db)
        #expect(try store.latestBoundaries()?.info.crs == "GCJ-02")
        let wgs = try cli.write("gps.csv", Self.pointsCSV(seats) { $0.wgs })
        #expect(try cli.ok(["validate", "--points", wgs, "--db", db]).contains("as declared"))
        let gcj = try cli.write("amap.csv", Self.pointsCSV(seats) { $0.gcj })
        #expect(try cli.ok(["validate", "--points", gcj, "--db", db]).contains("use --points-crs gcj02"))

        // Shipped files declare their own system: --crs never applies to them, a contradicting option is refused.
        let shipped = try cli.ok(["load", "--db", cli.path("shipped.sqlite"), "--boundaries", ZhejiangFile.countiesGCJ02.path])
        #expect(shipped.contains("(GCJ-02) as \"counties_gcj02\""), "\(shipped)")
        let fallback = try cli.ok([
            "load", "--db", cli.path("shipped.sqlite"), "--boundaries", ZhejiangFile.countiesWGS84.path, "--points", gcj, "--crs", "gcj02",
        ])
        #expect(fallback.contains("(WGS84) as \"counties_wgs84\"") && !fallback.contains("warning"), "\(fallback)")
        let contradicted = try cli.run([
            "load", "--db", cli.path("shipped.sqlite"), "--boundaries", ZhejiangFile.countiesGCJ02.path, "--boundaries-crs", "wgs84",
        ])
        #expect(contradicted.status != 0 && contradicted.stderr.contains("ships with legalcircle in GCJ-02"), "\(contradicted.stderr)")
    }

    // MARK: - nearest

    /// A place copied from Amap (GCJ-02), Baidu (BD-09) or a Gauss-Kruger map (EPSG:4549) is answered
    /// exactly like the same place in WGS84.
    @Test func nearestHonoursTheLocationsSystem() throws {
        let cli = try CLI()
        let db = cli.path("seeds.sqlite")
        try cli.ok(["load", "--db", db, "--points", Repository.seed("points.csv").path])
        let (lon, lat) = (120.16, 30.27)
        func answer(_ arguments: [String]) throws -> [(id: String, distance: Double)] {
            let json = try decodeJSON(try cli.ok(["nearest", "--db", db, "--count", "5", "--format", "json"] + arguments))
            return (json["points"] as! [[String: Any]]).map { ($0["id"] as! String, $0["distance_m"] as! Double) }
        }
        let reference = try answer(["--lon", "\(lon)", "--lat", "\(lat)"])
        let gcj = ChineseOffsets.wgs84ToGCJ02(longitude: lon, latitude: lat)
        let bd = ChineseOffsets.wgs84ToBD09(longitude: lon, latitude: lat)
        let gk = try Transformer(from: "EPSG:4326", to: "EPSG:4549").transform(x: lon, y: lat)
        let answers = [
            try answer(["--lon", "\(gcj.longitude)", "--lat", "\(gcj.latitude)", "--crs", "gcj02"]),
            try answer(["--lon", "\(bd.longitude)", "--lat", "\(bd.latitude)", "--crs", "bd09"]),
            try answer(["--x", "\(gk.x)", "--y", "\(gk.y)", "--crs", "EPSG:4549"]),
        ]
        for other in answers {
            #expect(other.map(\.id) == reference.map(\.id))
            for (a, b) in zip(other, reference) { #expect(abs(a.distance - b.distance) < 1e-3, "\(a) vs \(b)") }
        }
        // Read as WGS84, the GCJ-02 place is another place.
        #expect(try answer(["--lon", "\(gcj.longitude)", "--lat", "\(gcj.latitude)"]).map(\.distance) != reference.map(\.distance))
        // --out-crs: the points' coordinates in GCJ-02, named in the output.
        let table = try cli.ok(["nearest", "--db", db, "--lon", "\(lon)", "--lat", "\(lat)", "--count", "1", "--out-crs", "gcj02"])
        #expect(table.contains("lon/lat in GCJ-02"), "\(table)")
    }

    // MARK: - Output in the user's system

    /// Sites written with --out-crs gcj02 and read back with --points-crs gcj02 land within 1 cm of the
    /// WGS84 sites; gaps in GCJ-02 are the WGS84 gaps run through the forward formula.
    @Test func sitesAndGapsInGCJ02RoundTrip() throws {
        let cli = try CLI()
        let db = cli.path("seeds.sqlite")
        // The small frozen seeds the goldens read (250 points, 4,000 residences).
        let input = Repository.root.appendingPathComponent("Tests/Fixtures/golden/input")
        try cli.ok([
            "load", "--db", db, "--points", input.appendingPathComponent("points.csv").path, "--residences",
            input.appendingPathComponent("residences.csv").path,
        ])
        try cli.ok(["report", "--db", db])
        try cli.ok(["suggest", "--db", db, "--run", "1", "--count", "5", "--sites-out", cli.path("wgs.csv")])
        let table = try cli.ok([
            "suggest", "--db", db, "--run", "1", "--count", "5", "--sites-out", cli.path("gcj.csv"), "--out-crs", "gcj02",
        ])
        #expect(table.contains("lon/lat in GCJ-02"))
        func sites(_ name: String) throws -> [(id: String, lon: Double, lat: Double, crs: String?)] {
            let lines = try String(contentsOfFile: cli.path(name), encoding: .utf8).split(separator: "\n").dropFirst()
            return lines.map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return (f[0], Double(f[4])!, Double(f[5])!, f.count > 7 ? f[7] : nil)
            }
        }
        // WGS84 sites keep the points layout (to append to a points file); others name their system.
        let wgs = try sites("wgs.csv"), gcj = try sites("gcj.csv")
        #expect(wgs.count == 5 && wgs.allSatisfy { $0.crs == nil } && gcj.allSatisfy { $0.crs == "GCJ-02" })
        try cli.ok(["load", "--db", cli.path("back.sqlite"), "--points", cli.path("gcj.csv"), "--points-crs", "gcj02"])
        let store = try Store(path: cli.path("back.sqlite"))
        let back = try store.servicePoints(datasetID: try store.dataset(named: nil, kind: .points).id)
        #expect(back.map(\.id) == wgs.map(\.id))
        for (point, site) in zip(back, wgs) {
            let metres = Geodesic.wgs84.distance(
                longitude1: point.location.longitude, latitude1: point.location.latitude, longitude2: site.lon, latitude2: site.lat)
            #expect(metres < 0.01, "\(site.id): \(metres) m")
        }
        for (g, w) in zip(gcj, wgs) {
            let forward = ChineseOffsets.wgs84ToGCJ02(longitude: w.lon, latitude: w.lat)
            #expect(g.lon == forward.longitude && g.lat == forward.latitude)
        }

        let gapsWGS = try cli.ok(["gaps", "--db", db, "--run", "1", "--format", "csv"])
        let gapsGCJ = try cli.ok(["gaps", "--db", db, "--run", "1", "--format", "csv", "--out-crs", "gcj02"])
        let header = gapsGCJ.split(separator: "\n")[0].split(separator: ",").map(String.init)
        #expect(header.last == "crs")
        let lon = header.firstIndex(of: "centroid_lon")!, lat = header.firstIndex(of: "centroid_lat")!
        for (a, b) in zip(gapsWGS.split(separator: "\n").dropFirst(), gapsGCJ.split(separator: "\n").dropFirst()).prefix(20) {
            // Area names hold no commas in the seeds.
            let w = a.split(separator: ",", omittingEmptySubsequences: false), g = b.split(separator: ",", omittingEmptySubsequences: false)
            let forward = ChineseOffsets.wgs84ToGCJ02(longitude: Double(w[lon])!, latitude: Double(w[lat])!)
            #expect(Double(g[lon])! == forward.longitude && Double(g[lat])! == forward.latitude && g.last == "GCJ-02")
        }
    }
}
