import LegalCircle
import Testing

@Suite struct CountyTableTests {
    static let header = "code,name,prefecture_code,prefecture_name,status,successors_2016,successors_2020,note"

    /// A small table with every status: a rename, a merge, a split, a statistical unit, a grouping row,
    /// and current codes whose area changed between the vintages.
    static let sample = """
        \(header)
        330101,市辖区,330100,杭州市,virtual,,,"a grouping row, not an area"
        330102,上城区,330100,杭州市,current,330102,330102,took part of 江干区
        330103,下城区,330100,杭州市,merged,330105,330105,merged into 拱墅区
        330104,江干区,330100,杭州市,split,330114;330102,330102;330114,split
        330105,拱墅区,330100,杭州市,current,330105,330105,
        330110,余杭区,330100,杭州市,current,330110;330113,330110;330113,gave 临平区
        330113,临平区,330100,杭州市,current,,,new in 2021
        330114,钱塘区,330100,杭州市,current,,,new in 2021
        330185,临安市,330100,杭州市,renamed,330112,,renamed
        330112,临安区,330100,杭州市,current,,330112,formerly 临安市
        330212,鄞州区,330200,宁波市,current,330203;330212,330212,changed in 2016
        330203,海曙区,330200,宁波市,current,330203,330203,
        330303,龙湾区,330300,温州市,current,330303,330303,
        330371,温州经济技术开发区,330300,温州市,statistical,,330303,inside 龙湾区

        """

    @Test func answersNamesPrefecturesAndStatuses() throws {
        let table = try CountyTable(csv: Self.sample)
        #expect(table.entries.count == 14)
        #expect(table.currentCodes == ["330102", "330105", "330110", "330113", "330114", "330112", "330212", "330203", "330303"])
        #expect(table.name(of: "330104") == "江干区")
        #expect(table.name(of: "999999") == nil)
        #expect(table.prefecture(of: "330212")?.code == "330200" && table.prefecture(of: "330212")?.name == "宁波市")
        #expect(table.status(of: "330371") == .statistical && table.status(of: "330101") == .virtual)
        #expect(table.entry(for: "330101")?.note == "a grouping row, not an area")
        // Successor lists are kept sorted.
        #expect(table.entry(for: "330104")?.successors2016 == ["330102", "330114"])
    }

    @Test func crosswalkWithoutVintage() throws {
        let table = try CountyTable(csv: Self.sample)
        #expect(table.successor(of: "330102") == .same)
        #expect(table.successor(of: "330110") == .same, "a current code needs no crosswalk")
        #expect(table.successor(of: "330185") == .renamedOrMerged("330112"))
        #expect(table.successor(of: "330103") == .renamedOrMerged("330105"))
        #expect(table.successor(of: "330371") == .renamedOrMerged("330303"))
        #expect(table.successor(of: "330104") == .split(["330102", "330114"]))
        #expect(table.successor(of: "330101") == .unknown)
        #expect(table.successor(of: "999999") == .unknown)
    }

    @Test func crosswalkByVintage() throws {
        let table = try CountyTable(csv: Self.sample)
        #expect(table.successor(of: "330110", in: .census2020) == .split(["330110", "330113"]))
        #expect(table.successor(of: "330110", in: .nbs2016) == .split(["330110", "330113"]))
        #expect(table.successor(of: "330212", in: .nbs2016) == .split(["330203", "330212"]))
        #expect(table.successor(of: "330212", in: .census2020) == .same)
        #expect(table.successor(of: "330185", in: .nbs2016) == .renamedOrMerged("330112"))
        #expect(table.successor(of: "330185", in: .census2020) == .unknown, "临安市 is not a 2020 code")
        #expect(table.successor(of: "330112", in: .census2020) == .same)
        #expect(table.successor(of: "330113", in: .census2020) == .unknown, "临平区 did not exist in 2020")
        #expect(table.successor(of: "330371", in: .census2020) == .renamedOrMerged("330303"))
        #expect(table.successor(of: "330104", in: .census2020) == .split(["330102", "330114"]))
    }

    @Test(arguments: [
        ("330102,上城区,330100,杭州市,current,330102,330102,\n330102,上城区,330100,杭州市,current,330102,330102,", 3, nil, "listed twice"),
        ("330103,下城区,330100,杭州市,gone,330105,330105,", 2, 5, "unknown status \"gone\""),
        ("33010,下城区,330100,杭州市,merged,330105,330105,", 2, 1, "not a 6-digit county code"),
        ("330103,,330100,杭州市,merged,330105,330105,", 2, 2, "has no name"),
        ("330103,下城区,330100,杭州市,merged,330105;abc,330105,", 2, 6, "not a ;-separated list"),
        ("330103,下城区,330100,杭州市,merged,330199,,", 2, nil, "successor 330199 is not a current code"),
        ("330104,江干区,330100,杭州市,split,330105,,", 2, nil, "at least two other successors"),
        ("330103,下城区,330100,杭州市,merged,330105;330106,,", 2, nil, "exactly one other successor"),
        ("330107,新区,330100,杭州市,current,330105,,", 2, nil, "among its own successors"),
        ("330101,市辖区,330100,杭州市,virtual,330105,,", 2, nil, "no successors"),
        ("330103,下城区,330100,杭州市,merged,330105,330106,", 2, nil, "same successors in both vintages"),
        ("330103,下城区,330100,杭州市,merged,330105", 2, nil, "6 fields where the header has 8"),
    ] as [(String, Int, Int?, String)])
    func rejectsInconsistentRowsNamingTheLine(rows: String, line: Int, column: Int?, message: String) {
        let current = "\n330105,拱墅区,330100,杭州市,current,330105,330105,\n330106,西湖区,330100,杭州市,current,330106,330106,"
        do {
            _ = try CountyTable(csv: Self.header + "\n" + rows + current, source: "t.csv")
            Issue.record("accepted: \(rows)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("t.csv:\(line)"))
        }
    }

    @Test func missingColumnIsNamed() {
        #expect(throws: CSVTableError.self) { try CountyTable(csv: "code,name\n330102,上城区\n") }
        do {
            _ = try CountyTable(csv: "code,name\n330102,上城区\n", source: "t.csv")
        } catch {
            #expect(error.message.contains("no column \"prefecture_code\"") && error.message.contains("\"code\", \"name\""))
        }
    }
}

@Suite struct CSVTableTests {
    @Test func readsQuotesLineEndsAndByteOrderMark() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\n\"multi\nline\",,\"\"\n4,5,6"
        let table = try CSVTable(text: text, source: "t.csv")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows == [["1", "x, \"y\"", "3"], ["multi\nline", "", ""], ["4", "5", "6"]])
        #expect(table.lines == [2, 4, 6])
        #expect(try table.column("c") == 2)
    }

    @Test(arguments: [
        ("a,b\n1,\"open\n", 2, "not closed"),
        ("a,b\n1,x\"y\n", 2, "quote inside an unquoted field"),
        ("a,b\n1,\"x\"y\n", 2, "text after the closing quote"),
        ("a,b\n1,2,3\n", 2, "3 fields where the header has 2"),
        ("a,a\n1,2\n", 1, "names \"a\" twice"),
        ("", 1, "empty"),
    ] as [(String, Int, String)])
    func rejectsMalformedText(text: String, line: Int, message: String) {
        do {
            _ = try CSVTable(text: text, source: "t.csv")
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.line == line && error.message.contains(message), "\(error)")
        }
    }
}
