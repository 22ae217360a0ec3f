import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

@Suite struct CSVWriterTests {
    @Test func pointsRoundTripThroughAFile() throws {
        let points = [
            ServicePoint(
                id: "P1", name: "西湖区公共法律服务中心", kinds: [.consultation, .legalAid, .notary], level: .county,
                location: GeoCoordinate(longitude: 120.1234564, latitude: 30.25), county: "330106"),
            ServicePoint(
                id: "P 2", name: " spaced, \"quoted\"\nand broken ", kinds: .mediation, level: .grid,
                location: GeoCoordinate(longitude: -0.0000004, latitude: -12.5), county: nil),
        ]
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.write("points.csv", csvData(points: points))
        let back = try readServicePoints(contentsOfFile: path, policy: .allOrNothing).points
        var expected = points
        expected[0].location.longitude = 120.123456
        expected[1].location.longitude = 0
        #expect(back == expected)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("id,name,kind,level,lon,lat,county\nP1,西湖区公共法律服务中心,consultation;legal_aid;notary,county,120.123456,30.250000,330106\n"))
        #expect(text.contains("P 2,\" spaced, \"\"quoted\"\"\nand broken \",mediation,grid,0.000000,-12.500000,\n"))
    }

    @Test func residencesRoundTripExactly() throws {
        var table = ResidenceTable()
        table.append(id: "R1", longitude: 120.1, latitude: 30.2, population: 12, county: "330102", zone: .urban)
        table.append(id: "R2", longitude: -179.999999, latitude: -89.5, population: 0.25, county: nil, zone: .island)
        // The largest population a row may have (`InputBounds.population`).
        table.append(id: "R3", longitude: 180, latitude: 90, population: 10_000_000, county: "330106", zone: .mountain)
        let data = csvData(residences: table)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(
            "id,lon,lat,population,county,zone\nR1,120.100000,30.200000,12,330102,urban\nR2,-179.999999,-89.500000,0.25,,island\n"))
        let back = try readResidences(data: data, file: "r.csv", policy: .allOrNothing).residences
        #expect(back == table)
    }

    /// Random coordinates: reading the written text gives the coordinate rounded to 6 decimals, and
    /// writing it again gives the same bytes.
    @Test func writerReaderWriterIsStable() throws {
        var random = SplitMix64(seed: 99)
        var table = ResidenceTable()
        for index in 0..<5_000 {
            table.append(
                id: "R\(index)", longitude: Double.random(in: -180...180, using: &random),
                latitude: Double.random(in: -90...90, using: &random),
                population: Double(Int.random(in: 0...500, using: &random)), county: "330102", zone: .rural)
        }
        let first = csvData(residences: table)
        let back = try readResidences(data: first, file: "r.csv", policy: .allOrNothing).residences
        for index in 0..<table.count {
            #expect(abs(back.longitudes[index] - table.longitudes[index]) <= 5.000001e-7)
            #expect(back.latitudes[index] == Double(String(format: "%.6f", back.latitudes[index])))
        }
        #expect(csvData(residences: back) == first)
    }

    @Test func generatedDataRoundTripsExactly() throws {
        let generated = DemoGenerator(seed: 3).generate(residences: 3_000, points: 150)
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let pointsPath = try folder.write("points.csv", csvData(points: generated.points))
        let residencesPath = try folder.write("residences.csv", csvData(residences: generated.residences))
        #expect(try readServicePoints(contentsOfFile: pointsPath, policy: .allOrNothing).points == generated.points)
        #expect(try readResidences(contentsOfFile: residencesPath, policy: .allOrNothing).residences == generated.residences)
    }

    @Test func unsortedIDsStillFindDuplicates() throws {
        let rows = "R5,1,1,,,urban\nR7,1,1,,,urban\nR6,1,1,,,urban\nR7,1,1,,,urban\nR5,1,1,,,urban\nR8,1,1,,,urban\n"
        let (table, rejects) = try residenceRejects(rows)
        #expect(table.ids == ["R5", "R7", "R6", "R8"])
        #expect(rejects.map(\.reason) == ["duplicate id \"R7\" (first on line 3)", "duplicate id \"R5\" (first on line 2)"])
    }
}
