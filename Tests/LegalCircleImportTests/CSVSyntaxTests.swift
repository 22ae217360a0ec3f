import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

@Suite struct CSVSyntaxTests {
    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = pointHeader
            + "P1,\"Office, \"\"Central\"\"\",mediation;legal_aid,county,120.1,30.2,330102\n"
            + "P2,\"two\nlines\",consultation,village,120.2,30.3,\n"
            + "P3,plain,notary,city,120.3,30.4,330106\n"
        let read = try readServicePoints(data: Data(text.utf8), file: "points.csv", policy: .allOrNothing)
        #expect(read.points.map(\.name) == ["Office, \"Central\"", "two\nlines", "plain"])
        #expect(read.points[0].kinds == [.mediation, .legalAid])
        #expect(read.points[1].county == nil)
        // P3 starts on line 5 because P2's name spans lines 3 and 4.
        let (_, rejects) = try pointRejects("P1,a,mediation,village,1,2,\nP2,\"x\ny\",mediation,village,1,2,\nP3,b,none,village,1,2,\n")
        #expect(rejects.map(\.line) == [5])
    }

    @Test func crlfAndLoneCRLineBreaksAndBlankLines() throws {
        let lf = residenceHeader + "R1,120.1,30.1,5,330102,urban\nR2,120.2,30.2,,330102,rural\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try readResidences(data: Data(lf.utf8), file: "a.csv", policy: .allOrNothing).residences
        let b = try readResidences(data: Data(crlf.utf8), file: "b.csv", policy: .allOrNothing).residences
        #expect(a == b)
        #expect(a.count == 2)
        #expect(a.populations == [5, 1])
        let (_, rejects) = try residenceRejects("\r\nR1,120.1,30.1,5,330102,urban\r\rR2,bad,30.2,,,rural\r\n")
        #expect(rejects.map(\.line) == [5])
        #expect(rejects.first?.rawText == "R2,bad,30.2,,,rural")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let text = "\u{FEFF}" + residenceHeader + "R1,120.1,30.1,5,330102,urban\n"
        let read = try readResidences(data: Data(text.utf8), file: "bom.csv", policy: .allOrNothing)
        #expect(read.residences.ids == ["R1"])
        #expect(csvHeaderLine(of: Data(text.utf8)) == "id,lon,lat,population,county,zone")
    }

    @Test func columnsInAnyOrderCaseAndExtrasIgnored() throws {
        let text = "Zone, LAT ,note,lon,id\nisland,30.0,\"a, b\",122.1,R9\n"
        let table = try readResidences(data: Data(text.utf8), file: "r.csv", policy: .allOrNothing).residences
        #expect(table[0] == Residence(id: "R9", location: GeoCoordinate(longitude: 122.1, latitude: 30), population: 1, county: nil, zone: .island))
    }

    @Test func lastFieldMayBeEmptyAtEndOfFile() throws {
        let text = pointHeader + "P1,a,mediation,village,120,30,"
        let points = try readServicePoints(data: Data(text.utf8), file: "p.csv", policy: .allOrNothing).points
        #expect(points.count == 1)
        #expect(points[0].county == nil)
    }
}
