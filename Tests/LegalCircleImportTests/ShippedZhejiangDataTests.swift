import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleTestSupport
import Testing

private let dataFolder = Repository.dataFolder

private func shippedTable(_ name: String) throws -> CSVTable {
    let url = dataFolder.appendingPathComponent("zhejiang").appendingPathComponent(name)
    return try CSVTable(text: String(contentsOf: url, encoding: .utf8), source: name)
}

private func column(_ table: CSVTable, _ name: String) throws -> [String] {
    let position = try table.column(name)
    return table.rows.map { $0[position] }
}

/// The county table, the census allocation and the township crosswalk shipped in data/zhejiang, checked
/// against each other and against the shipped boundaries (rules in data/SOURCES.md).
@Suite(
    .requires(
        .data(.countiesWGS84, .counties2016, .towns2016, .villages2016, .census2020Counties, .censusGHSLCounties)))
struct ShippedZhejiangDataTests {
    static let boundaries: [Boundary]? = {
        let url = dataFolder.appendingPathComponent("zhejiang/counties_wgs84.geojson")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? GeoJSONBoundaryReader.readBoundaries(data: data, file: url.path).boundaries
    }()

    @Test func loaderReadsTheCountyTableWithNinetyNamedCurrentCounties() throws {
        let table = try CountyTableLoader.load(dataFolder: dataFolder)
        #expect(table.currentCodes.count == 90)
        #expect(table.entries.count == 108)
        let boundaries = try #require(Self.boundaries)
        #expect(Set(boundaries.map(\.code)) == Set(table.currentCodes))
        for boundary in boundaries {
            #expect(table.name(of: boundary.code) == boundary.name, "\(boundary.code)")
            #expect(table.prefecture(of: boundary.code)?.code == String(boundary.code.prefix(4)) + "00")
        }
        #expect(Set(table.currentCodes.compactMap { table.prefecture(of: $0)?.name }).count == 11)
        #expect(table.name(of: "330114") == "钱塘区" && table.name(of: "330104") == "江干区")
    }

    @Test func loaderNamesAMissingFolder() {
        do {
            _ = try CountyTableLoader.load(dataFolder: URL(fileURLWithPath: "/nonexistent-legalcircle-data"))
            Issue.record("a missing table was read")
        } catch {
            #expect(error.line == 0 && error.source.hasSuffix("zhejiang/counties.csv") && error.message.contains("cannot be read"))
        }
    }

    /// The documented crosswalk cases: 2021 Hangzhou, 2016 Ningbo, renames, 龙港, 沥海, the development zone.
    @Test func crosswalkCases() throws {
        let table = try CountyTableLoader.load(dataFolder: dataFolder)
        #expect(table.successor(of: "330104") == .split(["330102", "330114"]), "江干区 split")
        #expect(table.successor(of: "330103") == .renamedOrMerged("330105"), "下城区 merged into 拱墅区")
        #expect(table.successor(of: "330185") == .renamedOrMerged("330112"), "临安市 renamed")
        #expect(table.successor(of: "331021") == .renamedOrMerged("331083"), "玉环县 renamed")
        #expect(table.successor(of: "330283") == .renamedOrMerged("330213"), "奉化市 renamed")
        #expect(table.successor(of: "330204") == .renamedOrMerged("330212"), "江东区 merged into 鄞州区")
        #expect(table.successor(of: "330371") == .renamedOrMerged("330303"), "the development zone lies in 龙湾区")
        #expect(table.successor(of: "330101") == .unknown, "市辖区 is not an area")
        #expect(table.successor(of: "330110") == .same)
        #expect(table.successor(of: "330110", in: .census2020) == .split(["330110", "330113"]))
        #expect(table.successor(of: "330109", in: .census2020) == .split(["330109", "330114"]))
        #expect(table.successor(of: "330604", in: .census2020) == .split(["330602", "330604"]), "沥海 moved in 2021")
        #expect(table.successor(of: "330212", in: .nbs2016) == .split(["330203", "330212"]))
        #expect(table.successor(of: "330212", in: .census2020) == .same)
        #expect(table.successor(of: "330327", in: .nbs2016) == .split(["330327", "330383"]), "龙港 from 苍南 in 2019")
        #expect(table.successor(of: "330327", in: .census2020) == .same)
        #expect(table.successor(of: "330305", in: .nbs2016) == .same, "洞头区 already in the 2016 codes")
    }

    /// Every county-level code of the shipped 2016 points and 2020 census tables is in the table, with
    /// the matching vintage.
    @Test func everyOlderCodeOfTheShippedDataIsCovered() throws {
        let table = try CountyTableLoader.load(dataFolder: dataFolder)
        var codes2016 = Set(try column(shippedTable("counties_2016_vonng_adcode.csv"), "county_adcode_2016"))
        codes2016.formUnion(try column(shippedTable("towns_2016_vonng_adcode.csv"), "county_adcode_2016"))
        codes2016.formUnion(try column(shippedTable("villages_2016_vonng_adcode.csv"), "county_adcode_2016"))
        for code in codes2016 {
            let entry = try #require(table.entry(for: code), "2016 code \(code)")
            #expect(entry.successors2016 != nil || entry.status == .virtual, "\(code) has a 2016 crosswalk")
        }
        var codes2020 = Set(try column(shippedTable("county_census2020_ghsl_tudigong.csv"), "CODE"))
        codes2020.formUnion(try column(shippedTable("census2020_county_leiii.csv"), "区划代码_2020").filter { !$0.hasSuffix("00") })
        #expect(codes2020.count == 91)
        for code in codes2020 {
            #expect(table.entry(for: code)?.successors2020 != nil, "2020 code \(code) has a 2020 crosswalk")
        }
    }

    /// The census allocated to today's counties keeps every total: the province, the urban population,
    /// each unchanged county, and each group of units that changed together.
    @Test func censusAllocationAddsUp() throws {
        let table = try CountyTableLoader.load(dataFolder: dataFolder)
        let allocated = try shippedTable("county_population_2020.csv")
        let census = try shippedTable("county_census2020_ghsl_tudigong.csv")
        let codes = try column(allocated, "code")
        let people = try column(allocated, "population").map { try #require(Int($0)) }
        let urban = try column(allocated, "urban_population").map { try #require(Int($0)) }
        let shares = try column(allocated, "urban_share").map { try #require(Double($0)) }
        #expect(Set(codes) == Set(table.currentCodes) && codes.count == 90)
        #expect(try column(allocated, "name") == codes.map { table.name(of: $0) ?? "" })
        #expect(people.reduce(0, +) == 64_567_588)
        for i in codes.indices {
            #expect(abs(shares[i] - Double(urban[i]) / Double(people[i])) <= 0.00005, "\(codes[i])")
        }
        let censusCodes = try column(census, "CODE")
        let censusPeople = try column(census, "POPU").map { try #require(Int($0)) }
        let censusUrban = try zip(censusPeople, column(census, "POPU_URB")).map { total, share in
            Int((Double(total) * (try #require(Double(share)))).rounded())
        }
        #expect(censusPeople.reduce(0, +) == 64_567_588)
        #expect(urban.reduce(0, +) == censusUrban.reduce(0, +))
        let now = Dictionary(uniqueKeysWithValues: zip(codes, zip(people, urban)))
        let then = Dictionary(uniqueKeysWithValues: zip(censusCodes, zip(censusPeople, censusUrban)))
        // Unchanged counties carry their census figures.
        for code in censusCodes where table.successor(of: code, in: .census2020) == .same && table.entry(for: code)?.note == "" {
            #expect(now[code]! == then[code]!, "\(code)")
        }
        // Groups of units that changed together.
        let groups: [([String], [String])] = [
            (["330102", "330103", "330104", "330105", "330109", "330110"], ["330102", "330105", "330109", "330110", "330113", "330114"]),
            (["330602", "330604"], ["330602", "330604"]),
            (["330303", "330371"], ["330303"]),
        ]
        func sum(_ codes: [String], _ figures: [String: (Int, Int)]) -> (people: Int, urban: Int) {
            codes.reduce((0, 0)) { ($0.0 + figures[$1]!.0, $0.1 + figures[$1]!.1) }
        }
        for (old, new) in groups {
            let before = sum(old, then), after = sum(new, now)
            #expect(before.people == after.people, "\(old)")
            #expect(before.urban == after.urban, "\(old) urban")
        }
        let gongshu = sum(["330103", "330105"], then).people, longwan = sum(["330303", "330371"], then).people
        #expect(now["330105"]!.0 == gongshu, "下城区 added to 拱墅区")
        #expect(now["330303"]!.0 == longwan, "the development zone added to 龙湾区")
    }

    /// Every located 2016 township seat lies in the polygon of its county today (the crosswalk's
    /// `county_current`), which is one of its 2016 county's successors. Documented exceptions: none.
    @Test func townshipSeatsLieInTheirCounty() throws {
        let table = try CountyTableLoader.load(dataFolder: dataFolder)
        let boundaries = try #require(Self.boundaries)
        let index = CountyIndex(boundaries: boundaries)
        let crosswalk = try shippedTable("townships_2016_crosswalk.csv")
        let towns = try shippedTable("towns_2016_vonng_adcode.csv")
        #expect(crosswalk.rows.count == towns.rows.count)
        #expect(try column(crosswalk, "code_2016") == column(towns, "code"))
        let old = try column(crosswalk, "county_2016"), current = try column(crosswalk, "county_current")
        let names = try column(crosswalk, "name_2016")
        let (longitudes, latitudes) = (try column(crosswalk, "lon_wgs84"), try column(crosswalk, "lat_wgs84"))
        var located = 0
        var exceptions: [String] = []
        var moved: [String: String] = [:]
        for row in crosswalk.rows.indices {
            guard case .split(let successors) = table.successor(of: old[row], in: .nbs2016) else {
                if case .renamedOrMerged(let code) = table.successor(of: old[row], in: .nbs2016) {
                    #expect(current[row] == code)
                } else {
                    #expect(current[row] == old[row])
                }
                if let x = Double(longitudes[row]), let y = Double(latitudes[row]) {
                    located += 1
                    if index.code(longitude: x, latitude: y) != current[row] { exceptions.append(names[row]) }
                }
                continue
            }
            #expect(successors.contains(current[row]), "\(names[row])")
            if current[row] != old[row] { moved[names[row]] = current[row] }
            if let x = Double(longitudes[row]), let y = Double(latitudes[row]) {
                located += 1
                if index.code(longitude: x, latitude: y) != current[row] { exceptions.append(names[row]) }
            }
        }
        #expect(located == 1_255)
        #expect(exceptions == [], "documented exceptions: none")
        #expect(moved["下沙街道"] == "330114" && moved["义蓬街道"] == "330114" && moved["临平街道"] == "330113")
        #expect(moved["石碶街道"] == "330203" && moved["沥海镇"] == "330602" && moved["龙港镇"] == "330383")
        #expect(moved["凯旋街道"] == "330102", "the rest of 江干区 went to 上城区")
        #expect(moved.count == 2 + 8 + 5 + 8 + 9 + 1 + 1)
    }
}
