import Foundation
import LegalCircle
import LegalCircleRoads
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `gaps`, `nearest` and `what-if` over the road network (issue 19), on the river fixture of
/// `NetworkReportTests`: each gives what `report` computes for the same residences, and names its model.
@Suite struct NetworkCommandsTests {
    typealias Files = NetworkReportTests.Files
    static let model = "network (roads roads.geojson)"

    // MARK: - gaps

    @Test func gapsGroupTheResidencesTheRoadsLeaveUncovered() throws {
        let files = try Files()
        let oneShot = ["gaps", "--points", files.points, "--residences", files.residences]
        let network = try decodeJSON(try files.cli.ok(oneShot + ["--roads", files.roads, "--format", "json"]))
        let (analysis, inputs, _) = try NetworkReportTests.analysis(files, rule: RuleRequest(roads: files.roads))
        let areas = try #require(network["areas"] as? [[String: Any]])
        // Every uncovered residence by the roads lies in one area, and no other.
        let uncovered = (0..<inputs.residences.count).filter { !analysis.result.covered[$0] }
        #expect(areas.map { $0["residenceCount"] as? Int ?? -1 }.reduce(0, +) == uncovered.count)
        #expect(areas.map { $0["population"] as? Double ?? -1 }.reduce(0, +) == analysis.report.total.uncoveredPopulation)
        #expect((network["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        // R1 (across the river from P1) is uncovered only by the roads: the estimate's gaps miss it.
        let straight = try decodeJSON(try files.cli.ok(oneShot + ["--format", "json"]))
        let straightCount = (straight["areas"] as? [[String: Any]] ?? []).map { $0["residenceCount"] as? Int ?? 0 }.reduce(0, +)
        #expect(straightCount == (0..<inputs.residences.count).filter { !analysis.network!.straightLine.covered[$0] }.count)
        #expect(straightCount != uncovered.count)
        let table = try files.cli.ok(oneShot + ["--roads", files.roads])
        #expect(table.split(separator: "\n").first?.contains("; travel \(Self.model); 1 residence farther than 500 m") == true)
        let csv = try files.cli.ok(oneShot + ["--roads", files.roads, "--format", "csv"]).split(separator: "\n")
        #expect(csv.first?.hasSuffix(",crs,travel_model") == true)
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",\(Self.model)") })
        #expect(try files.cli.ok(oneShot + ["--format", "csv"]).split(separator: "\n").first?.hasSuffix(",crs") == true)
    }

    @Test func gapsUseTheStoredRoadsByDefault() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let stored = try decodeJSON(try files.cli.ok(["gaps", "--format", "json"]))
        let oneShot = try decodeJSON(
            try files.cli.ok(["gaps", "--points", files.points, "--residences", files.residences, "--roads", files.roads, "--format", "json"]))
        #expect((stored["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        let count = { (json: [String: Any]) in (json["areas"] as? [[String: Any]] ?? []).map { $0["residenceCount"] as? Int ?? 0 } }
        #expect(count(stored) == count(oneShot))
        let straight = try files.cli.ok(["gaps", "--travel", "straight"])
        #expect(!straight.contains("travel network"))
        let refused = try files.cli.run(["gaps", "--run", "1", "--travel", "straight"])
        #expect(refused.status != 0)
    }

    // MARK: - nearest

    /// At every residence of the fixture, `nearest` by the residence's zone gives the minutes, station
    /// and fallback that `report` computed for it.
    @Test func nearestGivesTheReportsMinutesAtEachResidence() throws {
        let files = try Files()
        let rule = RuleRequest(roads: files.roads)
        let (analysis, inputs, _) = try NetworkReportTests.analysis(files, rule: rule)
        let network = try #require(analysis.network)
        let session = CoverageSession(databasePath: files.cli.path("none.sqlite"), access: .readOnly)
        for i in 0..<inputs.residences.count {
            let location = GeoCoordinate(longitude: inputs.residences.longitudes[i], latitude: inputs.residences.latitudes[i])
            let outcome = try session.nearest(
                to: location, zone: inputs.residences.zones[i], count: 3, pointsFile: files.points, pointsDataset: nil, rule: rule)
            let answer = try #require(outcome.network)
            let id = inputs.residences.ids[i]
            #expect(answer.attached == !network.isFallback(i), "\(id)")
            guard answer.attached else { continue }
            #expect(answer.minutes == analysis.result.minutes[i], "\(id)")
            #expect(answer.station.map(Int32.init) ?? -1 == analysis.result.nearestPoint[i], "\(id)")
            #expect(answer.accessMinutes * 60 == network.travel.accessSeconds[i], "\(id)")
            // The listed point the roads lead to first has the same minutes by its own search.
            if let station = answer.station, let row = outcome.nearby.firstIndex(where: { $0.index == station }) {
                #expect(abs(answer.minutesTo[row] - answer.minutes) < 1e-9, "\(id)")
            }
            #expect(answer.minutesTo.allSatisfy { $0 >= answer.minutes - 1e-9 }, "\(id)")
        }
    }

    @Test func nearestOutputsNameTheModelAndTheFallback() throws {
        let files = try Files()
        let base = ["nearest", "--points", files.points, "--roads", files.roads]
        // R1: 550 m from P1 as the crow flies, but across the river.
        let r1 = base + ["--lon", "120.1000", "--lat", "30.2049", "--zone", "urban"]
        let json = try decodeJSON(try files.cli.ok(r1 + ["--format", "json"]))
        #expect(json["travel_model"] as? String == Self.model)
        let answer = try #require(json["network"] as? [String: Any])
        #expect(answer["off_road"] as? Bool == false)
        #expect((answer["minutes"] as? Double ?? 0) > 15)
        let points = try #require(json["points"] as? [[String: Any]])
        let p1 = try #require(points.first { $0["id"] as? String == "P1" })
        #expect(p1["within_circle"] as? Bool == false)
        #expect((p1["straight_line_minutes"] as? Double ?? 99) < 15)
        #expect((p1["minutes"] as? Double ?? 0) > 15)
        let table = try files.cli.ok(r1)
        #expect(table.split(separator: "\n").first?.contains("; travel \(Self.model): nearest by the roads") == true)
        #expect(table.contains("road min") && table.contains("straight-line min"))
        let csv = try files.cli.ok(r1 + ["--format", "csv"]).split(separator: "\n")
        #expect(csv.first?.hasSuffix(",crs,straight_line_minutes,travel_model,off_road") == true)
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",\(Self.model),false") })
        // R2: 5 km from any road.
        let off = try files.cli.ok(base + ["--lon", "120.15", "--lat", "30.25", "--format", "csv"]).split(separator: "\n")
        #expect(off.dropFirst().allSatisfy { $0.hasSuffix(",\(Self.model),true") })
        let chinese = try files.cli.ok(base + ["--lon", "120.15", "--lat", "30.25"], locale: "zh_CN.UTF-8")
        #expect(chinese.split(separator: "\n").first?.contains("出行模型 \(Self.model)（按路网）：该地点距本方式道路超过 500 米，按直线估算") == true)
        // Without roads, the output is the estimate's, unchanged.
        let straight = try files.cli.ok(["nearest", "--points", files.points, "--lon", "120.1000", "--lat", "30.2049", "--format", "csv"])
        #expect(straight == (try files.cli.ok(r1 + ["--travel", "straight", "--format", "csv"])))
        #expect(!straight.contains("travel_model"))
    }

    @Test func nearestUsesTheStoredRoadsOfALoadedDataset() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let stored = try files.cli.ok(["nearest", "--lon", "120.1000", "--lat", "30.2049", "--format", "json"])
        let oneShot = try files.cli.ok(["nearest", "--points", files.points, "--roads", files.roads, "--lon", "120.1000", "--lat", "30.2049", "--format", "json"])
        #expect(stored == oneShot)
        #expect(!(try files.cli.ok(["nearest", "--lon", "120.1", "--lat", "30.2049", "--travel", "straight"])).contains("travel network"))
    }

    // MARK: - what-if

    static let extraCSV = """
        id,name,kind,level,lon,lat,county
        P4,North bank west,consultation,village,120.1000,30.2052,330102

        """

    /// A point added on R1's bank: what-if over the roads gives what `report` gives once the point is
    /// appended, and both sides state the travel model.
    @Test func whatIfOverTheRoadsIsTheReportAfterTheAppend() throws {
        let files = try Files()
        let extra = try files.cli.write("extra.csv", Self.extraCSV)
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let before = try decodeJSON(try files.cli.ok(["report", "--format", "json"]))
        let whatIf = try decodeJSON(try files.cli.ok(["what-if", "--add", extra, "--format", "json"]))
        for side in ["a", "b"] {
            #expect(((whatIf[side] as? [String: Any])?["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        }
        let csv = try files.cli.ok(["what-if", "--add", extra, "--format", "csv"]).split(separator: "\n")
        #expect(csv.first?.hasSuffix(",travel_model_a,travel_model_b") == true)
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",\(Self.model),\(Self.model)") })
        let straight = try files.cli.ok(["what-if", "--add", extra, "--travel", "straight"])
        #expect(!straight.contains("travel network"))
        #expect(try files.cli.ok(["what-if", "--add", extra]).contains("travel \(Self.model)"))
        _ = try files.cli.ok(["load", "--points", extra, "--append"])
        let after = try decodeJSON(try files.cli.ok(["report", "--format", "json"]))
        let total = try #require(whatIf["total"] as? [String: Any])
        let figures = { (json: [String: Any]?, key: String) in json?[key] as? Double }
        for key in ["covered", "coveragePercent", "medianMinutes"] {
            #expect(figures(total["a"] as? [String: Any], key) == figures(before["total"] as? [String: Any], key), "\(key)")
            #expect(figures(total["b"] as? [String: Any], key) == figures(after["total"] as? [String: Any], key), "\(key)")
        }
        // R1 is covered once P4 stands on its bank: the change is by the roads.
        #expect(figures(total["b"] as? [String: Any], "covered")! > figures(total["a"] as? [String: Any], "covered")!)
    }

    @Test func whatIfFromANetworkRunRecomputesOverTheRoads() throws {
        let files = try Files()
        let extra = try files.cli.write("extra.csv", Self.extraCSV)
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        _ = try files.cli.ok(["report"])
        let fromRun = try decodeJSON(try files.cli.ok(["what-if", "--run", "1", "--add", extra, "--format", "json"]))
        let current = try decodeJSON(try files.cli.ok(["what-if", "--add", extra, "--format", "json"]))
        #expect(NSDictionary(dictionary: fromRun["total"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: current["total"] as? [String: Any] ?? [:]))
        #expect(((fromRun["b"] as? [String: Any])?["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
    }
}
