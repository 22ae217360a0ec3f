import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

@Suite struct CSVCoordinateTests {
    @Test func everyCoordinateRejectNamesLineAndColumn() throws {
        let rows = [
            "R1,120.1,30.1,urban",
            "R2,,30.1,urban",
            "R3,120.1,,urban",
            "R4,east,30.1,urban",
            "R5,120.1,1e400,urban",
            "R6,-181,30,urban",
            "R7,120,91,urban",
            "R8,30.27,120.15,urban",
            "R9,30.27,200,urban",
        ]
        let text = "id,lon,lat,zone\n" + rows.joined(separator: "\n")
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.ids == ["R1"])
        let expected: [(Int, String, CSVRejectCategory, String)] = [
            (3, "lon", .missingCoordinate, "missing coordinate"),
            (4, "lat", .missingCoordinate, "missing coordinate"),
            (5, "lon", .nonNumericCoordinate, "\"east\" is not a number"),
            (6, "lat", .nonNumericCoordinate, "\"1e400\" is not a number"),
            (7, "lon", .coordinateOutOfRange, "longitude \"-181\" is outside [-180, 180]"),
            (8, "lat", .coordinateOutOfRange, "latitude \"91\" is outside [-90, 90]"),
            (9, "lon", .swappedCoordinates,
             "lon 30.27 / lat 120.15 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat columns or map them with --column lon=lat --column lat=lon"),
            (10, "lat", .coordinateOutOfRange, "latitude \"200\" is outside [-90, 90]"),
        ]
        #expect(result.rejects.count == expected.count)
        for (reject, (line, column, category, reason)) in zip(result.rejects, expected) {
            #expect(reject.line == line)
            #expect(reject.column == column)
            #expect(reject.category == category)
            #expect(reject.reason == reason)
            #expect(reject.rawText == rows[line - 2])
        }
    }

    /// Metres in EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E) pass; only finite numbers are required.
    @Test func projectedCoordinatesAreOnlyCheckedToBeNumbers() throws {
        let text = "id,x,y,zone\nR1,512345.6,3346789.1,urban\nR2,abc,3346789.1,urban\nR3,1e999,1,urban\nR4,-500,200,rural\n"
        let options = CSVReadOptions(columns: [.lon: "x", .lat: "y"], coordinatesAreProjected: true)
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .skipBadRows)
        #expect(result.rows.ids == ["R1", "R4"])
        #expect(result.rows.longitudes == [512345.6, -500])
        #expect(result.rejects.map(\.category) == [.nonNumericCoordinate, .nonNumericCoordinate])
        #expect(result.summary.lines().contains("coordinates: projected (metres), range checks after conversion only"))
    }
}
