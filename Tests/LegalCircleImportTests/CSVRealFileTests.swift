import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

/// The real village points (Vonng/adcode, 2016): 32,130 villages, 2,977 with coordinates.
@Suite struct CSVRealFileTests {
    @Test(.requires(.data(.villages2016)))
    func zhejiangVillagesWithMappedColumns() throws {
        let path = ZhejiangFile.villages2016.path
        // Without a mapping the reader finds no lon/lat/zone columns and names them.
        let unmapped = importError { _ = try readResidences(contentsOfFile: path, options: CSVReadOptions(), policy: .skipBadRows) }
        #expect(unmapped?.problem == .missingColumns(
            ["id", "lon", "lat", "zone"], expected: ["id", "lon", "lat", "population", "county", "zone", "name"],
            found: unmapped.flatMap { error -> [String]? in
                if case .missingColumns(_, _, let found) = error.problem { return found }
                return nil
            } ?? []))

        // id, lon and lat mapped: a residence still needs a zone, and the file's `county` column holds
        // names; ur_code holds NBS urban-rural codes and county_adcode_2016 the codes.
        let partial = importError {
            _ = try readResidences(
                contentsOfFile: path,
                options: CSVReadOptions(columns: try CSVColumnRole.mapping(["id=code", "lon=lon_wgs84", "lat=lat_wgs84"])),
                policy: .skipBadRows)
        }
        guard case .missingColumns(["zone"], _, _) = partial?.problem else {
            Issue.record("expected a missing zone column, got \(String(describing: partial))")
            return
        }
        let mapping = try CSVColumnRole.mapping([
            "id=code", "lon=lon_wgs84", "lat=lat_wgs84", "county=county_adcode_2016", "zone=ur_code",
        ])
        var result = try readResidences(contentsOfFile: path, options: CSVReadOptions(columns: mapping), policy: .skipBadRows)
        #expect(result.encoding == .utf8)
        #expect(result.rowsRead == 32_130)
        #expect(result.rows.count == 2_977)
        #expect(Set(result.rejects.map(\.category)) == [.missingCoordinate])
        #expect(result.rejects.count == 32_130 - 2_977)
        #expect(result.rejects.allSatisfy { $0.column == "lon_wgs84" && $0.reason == "missing coordinate" })
        #expect(result.rejects.first?.line == 2)
        // Every located village is in Zhejiang: the post-conversion check (already WGS84) keeps them all.
        #expect(try result.rejectImplausibleLocations().isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.rows.count == 2_977)
        // Each accepted row's origin is its line in the file.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for index in stride(from: 0, to: result.rows.count, by: 331) {
            let origin = result.origins[index]
            #expect(lines[origin.line - 1] == origin.rawText)
            #expect(origin.rawText.hasPrefix(result.rows.ids[index] + ","))
        }
        // The NBS urban-rural codes map to zones: 1xx urban, 2xx rural.
        #expect(Set(result.rows.zones) == [.urban, .rural])
    }
}
