import Foundation
import LegalCircleTestSupport
import Testing

/// The shared test support: the repository found from its source path, its CSV rows, the traits.
@Suite struct TestSupportTests {
    @Test(.requires(.data(.counties2016)))
    func repositoryFilesAreFoundFromTheSourcePathAndReadByHeader() throws {
        #expect(FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent("Package.swift").path))
        #expect(FileManager.default.fileExists(atPath: Repository.dataFolder.appendingPathComponent("profiles/default.json").path))
        #expect(try String(contentsOf: Repository.seed("points.csv"), encoding: .utf8).hasPrefix("id,"))
        // 101 rows of 2016 county-level codes, all in Zhejiang (33…), each with every column.
        let rows = try ZhejiangFile.counties2016.csvRows()
        #expect(rows.count == 101)
        #expect(rows.allSatisfy { $0["code"]?.hasPrefix("33") == true && $0.count == 18 })
        #expect(ZhejiangFile.counties2016.description == "data/zhejiang/counties_2016_vonng_adcode.csv")
    }

    /// A trait with what is there reports nothing missing; the reasons say what to install.
    @Test func prerequisitesSayWhatIsMissingAndHowToGetIt() {
        #expect(PrerequisiteTrait.requires(.data()).missing == nil, "no file needed, nothing missing")
        for tool in [Prerequisite.chromium, .ogrinfo, .rsvgConvert] {
            #expect(tool.description.contains("scripts/install-deps") && tool.isRequiredOnCI, "\(tool)")
            #expect(tool.isAvailable == (tool.executable != nil))
        }
        #expect(!Prerequisite.gdalValidator.isRequiredOnCI, "python3-gdal is not in scripts/install-deps")
        #expect(Prerequisite.data(.villages2016).description.contains("data/zhejiang/villages_2016_vonng_adcode.csv"))
    }
}
