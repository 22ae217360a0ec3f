import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

@Suite struct CSVColumnMappingTests {
    @Test func userMappingAndRecognisedNames() throws {
        let text = "code,X,Y,pop,ZONE,经度\nA1,120.1,30.2,5,rural,\n"
        let options = CSVReadOptions(columns: try CSVColumnRole.mapping(["id=code", "LON = x", "lat=Y", "population=pop"]))
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .allOrNothing)
        #expect(result.rows[0] == Residence(
            id: "A1", location: GeoCoordinate(longitude: 120.1, latitude: 30.2), population: 5, county: nil, zone: .rural))
        #expect(result.columns == [
            CSVColumnMatch(role: .id, header: "code", mappedByUser: true),
            CSVColumnMatch(role: .lon, header: "X", mappedByUser: true),
            CSVColumnMatch(role: .lat, header: "Y", mappedByUser: true),
            CSVColumnMatch(role: .population, header: "pop", mappedByUser: true),
            CSVColumnMatch(role: .zone, header: "ZONE", mappedByUser: false),
        ])
        // Header notes in brackets and full-width blanks are ignored when recognising names.
        let noted = "编号 ,经度（WGS84）,纬度(°),区域类型\u{3000}\nA1,120.1,30.2,城市\n"
        let read = try readResidences(data: Data(noted.utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        #expect(read.columns.map(\.header) == ["编号", "经度（WGS84）", "纬度(°)", "区域类型\u{3000}"])
    }

    @Test func xAndYAreNotGuessed() {
        let error = importError {
            _ = try readResidences(data: Data("id,X,Y,zone\nA,1,2,urban\n".utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        }
        #expect(error?.problem == .missingColumns(["lon", "lat"], expected: ["id", "lon", "lat", "population", "county", "zone", "name"], found: ["id", "X", "Y", "zone"]))
        #expect(error?.description.contains("recognised names: lon: lon, lng, longitude, 经度; lat: lat, latitude, 纬度; or map a column with ROLE=HEADER") == true)
    }

    @Test func mappingErrors() throws {
        let ambiguous = importError {
            _ = try readResidences(data: Data("id,lon,经度,lat,zone\nA,1,1,2,urban\n".utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        }
        #expect(ambiguous?.problem == .ambiguousColumns(role: "lon", headers: ["lon", "经度"]))
        #expect(ambiguous?.description == "r.csv line 1: columns \"lon\" and \"经度\" all look like lon; map the right one with lon=HEADER")
        let notFound = importError {
            _ = try readResidences(
                data: Data("id,lon,lat,zone\nA,1,2,urban\n".utf8), file: "r.csv",
                options: CSVReadOptions(columns: [.lon: "lng_wgs84"]), policy: .allOrNothing)
        }
        #expect(notFound?.problem == .mappedColumnNotFound(role: "lon", header: "lng_wgs84", found: ["id", "lon", "lat", "zone"]))
        // Mapping resolves the ambiguity.
        #expect(throws: Never.self) {
            _ = try readResidences(
                data: Data("id,lon,经度,lat,zone\nA,1,120,30,urban\n".utf8), file: "r.csv",
                options: CSVReadOptions(columns: [.lon: "经度"]), policy: .allOrNothing)
        }
        #expect(throws: CSVOptionError("column mapping \"lon\" is not ROLE=HEADER (e.g. lon=经度); roles: id, name, kind, level, lon, lat, county, population, zone")) {
            try CSVColumnRole.mapping(["lon"])
        }
        #expect(throws: CSVOptionError("column mapping \"height=h\": unknown role \"height\"; roles: id, name, kind, level, lon, lat, county, population, zone")) {
            try CSVColumnRole.mapping(["height=h"])
        }
        #expect(throws: CSVOptionError("column mapping: lon is mapped twice (to \"a\" and \"b\")")) {
            try CSVColumnRole.mapping(["lon=a", "lon=b"])
        }
        #expect(throws: CSVOptionError("column mapping \"lon= \": no header name after \"=\"")) {
            try CSVColumnRole.mapping(["lon= "])
        }
        #expect(try CSVColumnRole.mapping(["name=名称=全称"]) == [.name: "名称=全称"])
    }

    /// The suggestion in a swapped-coordinates reject works: mapping the columns the other way reads the row.
    @Test func swappedSuggestionWorks() throws {
        let text = "id,lon,lat,zone\nA,30.27,120.15,urban\n"
        let first = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(first.rejects.first?.reason.hasSuffix("--column lon=lat --column lat=lon") == true)
        let options = CSVReadOptions(columns: try CSVColumnRole.mapping(["lon=lat", "lat=lon"]))
        let second = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .allOrNothing)
        #expect(second.rows.longitudes == [120.15])
        #expect(second.rows.latitudes == [30.27])
    }
}
