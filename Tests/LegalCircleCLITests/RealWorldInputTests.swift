import Foundation
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// Planners' files: GB18030 from Excel, Chinese headers and values, GCJ-02 coordinates, bad rows.
@Suite(.serialized) struct RealWorldInputTests {
    /// Real villages with both GCJ-02 (original) and WGS84 (derived) coordinates.
    static func villages(limit: Int) throws -> [(code: String, gcj: (Double, Double), wgs: (Double, Double), ur: String)] {
        let located = try ZhejiangFile.villages2016.csvRows().compactMap { f -> (String, (Double, Double), (Double, Double), String)? in
            guard let gx = Double(f["lon_gcj02"]!), let gy = Double(f["lat_gcj02"]!),
                let wx = Double(f["lon_wgs84"]!), let wy = Double(f["lat_wgs84"]!)
            else { return nil }
            return (f["code"]!, (gx, gy), (wx, wy), f["ur_code"]!)
        }
        // Spread over the province: every k-th located village.
        let step = max(1, located.count / limit)
        return Array(stride(from: 0, to: located.count, by: step).map { located[$0] }.prefix(limit))
    }

    /// Writes `text` in GB18030 with glibc's iconv, as Excel on Chinese Windows saves CSV.
    func writeGB18030(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let utf8 = try cli.write(name + ".utf8", text)
        let process = Process()
        process.executableURL = try #require(Prerequisite.program("iconv"), "glibc's iconv is not on the PATH")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", utf8, "-o", cli.path(name)]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return cli.path(name)
    }

    @Test(.requires(.data(.villages2016)))
    func gb18030ChineseHeadersAndGCJ02AreStoredAsWGS84() throws {
        let villages = try Self.villages(limit: 300)
        #expect(villages.count == 300)
        let cli = try CLI()
        var text = "编号,经度,纬度,人口,区县,区域类型\r\n"
        for village in villages {
            let zone = village.ur.hasPrefix("1") ? "城区" : "乡村"
            text += "\(village.code),\(village.gcj.0),\(village.gcj.1),100,,\(zone)\r\n"
        }
        let file = try writeGB18030(cli, "村.csv", text)
        let validation = try cli.ok(["validate", "--residences", file, "--crs", "gcj02"])
        #expect(validation.lowercased().contains("gb18030"), "validate output: \(validation)")
        #expect(validation.contains("GCJ-02"))
        try cli.ok(["load", "--residences", file, "--crs", "gcj02", "--name", "villages"])

        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let dataset = try store.dataset(named: "villages", kind: .residences)
        #expect(dataset.crs == "GCJ-02" && dataset.rowCount == villages.count)
        let table = try store.residences(datasetID: dataset.id)
        var worst = 0.0
        for (i, village) in villages.enumerated() {
            #expect(table.ids[i] == village.code)
            // The file's WGS84 columns are rounded to 6 decimals (0.1 m).
            worst = max(worst, abs(table.longitudes[i] - village.wgs.0), abs(table.latitudes[i] - village.wgs.1))
        }
        #expect(worst < 2e-6, "worst difference \(worst)°")
        #expect(table.zones.contains(.urban) && table.zones.contains(.rural))
    }

    @Test func validateGroupsRejectsAndSkipBadRowsKeepsThemInTheFilesEncoding() throws {
        let cli = try CLI()
        let text = """
            编号,名称,服务类型,层级,经度,纬度,区县
            P1,西湖区公共法律服务中心,调解;法律援助,县,120.13,30.26,330106
            P2,"站,带逗号",公证,乡镇,30.27,120.15,330106
            P3,未知类型站,算命,村,120.1,30.2,330106
            P4,坐标缺失,调解,村,,30.2,330106
            P1,重复编号,调解,村,120.1,30.2,330106
            P6,境外,调解,村,-70.1,40.2,330106

            """
        let file = try writeGB18030(cli, "站点.csv", text)
        let checked = try cli.run(["validate", "--points", file])
        // Rows were rejected: validate lists them and exits non-zero.
        #expect(checked.status == 2 && checked.stderr.contains("5 of 6 rows rejected"), "\(checked.stderr)")
        let validation = checked.stdout
        #expect(validation.contains("line 3") && validation.contains("swap"), "\(validation)")
        #expect(validation.contains("line 4") && validation.contains("算命"), "\(validation)")
        let failed = try cli.run(["load", "--points", file])
        #expect(failed.status != 0 && failed.stderr.contains("站点.csv"), "\(failed.stderr)")
        let loaded = try cli.ok(["load", "--points", file, "--skip-bad-rows"])
        #expect(loaded.contains("loaded 1 service points") && loaded.contains("5 rows rejected"), "\(loaded)")
        // The rejects file stays GB18030 so Excel opens it, and keeps every rejected row unchanged.
        let rejectsURL = URL(fileURLWithPath: cli.path("站点.rejects.csv"))
        let bytes = try Data(contentsOf: rejectsURL)
        #expect(String(data: bytes, encoding: .utf8) == nil, "written in GB18030, not UTF-8")
        let process = Process()
        process.executableURL = try #require(Prerequisite.program("iconv"), "glibc's iconv is not on the PATH")
        process.arguments = ["-f", "GB18030", "-t", "UTF-8", rejectsURL.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let decoded = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for row in ["P2,\"站,带逗号\",公证,乡镇,30.27,120.15,330106", "P3,未知类型站,算命,村,120.1,30.2,330106", "P6,境外"] {
            #expect(decoded.contains(row), "rejects file lacks \(row): \(decoded)")
        }
    }

    @Test func unknownCRSGivesPROJsReason() throws {
        let cli = try CLI()
        let file = try cli.write("p.csv", "id,name,kind,level,lon,lat,county\nP,站,mediation,village,120.1,30.2,330102\n")
        let outcome = try cli.run(["load", "--points", file, "--crs", "EPSG:999999"])
        #expect(outcome.status != 0 && outcome.stderr.contains("--crs") && outcome.stderr.contains("999999"), "\(outcome.stderr)")
    }
}
