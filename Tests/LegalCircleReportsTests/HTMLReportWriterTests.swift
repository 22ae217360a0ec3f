import Foundation
import LegalCircle
import LegalCircleReports
import Testing

@Suite struct HTMLReportWriterTests {
    @Test func namesFromTheInputsAreEscapedEverywhere() throws {
        let built = try HTMLReportFixture.build()
        let html = try HTMLReportWriter.render(built.input)
        #expect(!html.contains(HTMLReportFixture.evilName))
        #expect(!html.contains("<b>粗</b>"))
        #expect(!html.contains("alert(2)</script>"))
        // Shown as text: in the map tooltips of every drawn point and in the areas' nearest-point column.
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        #expect(Markup.count(escaped, in: html) >= built.points.count)
        #expect(html.contains("<td class=\"text name\" data-value=\"\(escaped) "))
        #expect(html.contains("上城区&lt;b&gt;粗&lt;/b&gt;"))
        // Only our two script elements: the JSON block and the sorting/toggle script.
        #expect(Markup.count("<script", in: html) == 2)
        #expect(Markup.count("</script>", in: html) == 2)
    }

    @Test func embeddedJSONIsTheReportWriterJSON() throws {
        let built = try HTMLReportFixture.build()
        let html = try HTMLReportWriter.render(built.input)
        let block = try #require(Markup.between(html, "<script type=\"application/json\" id=\"report-json\">\n", "</script>"))
        let json = try ReportWriter.render(built.input.report, run: built.input.run, format: .json)
        // Byte for byte, apart from "<" written as \u003c (the dataset name holds "</script>").
        #expect(block == json.replacingOccurrences(of: "<", with: "\\u003c"))
        let embedded = try JSONSerialization.jsonObject(with: Data(block.utf8)) as! NSDictionary
        let printed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! NSDictionary
        #expect(embedded == printed)
        #expect((embedded["run"] as! [String: Any])["pointsDataset"] as? String == HTMLReportFixture.evilDataset)
    }

    @Test func countyTableCellsHoldTheReportFigures() throws {
        let built = try HTMLReportFixture.build()
        let html = try HTMLReportWriter.render(built.input)
        let json = try ReportWriter.render(built.input.report, run: built.input.run, format: .json)
        let counties = try Markup.jsonCounties(json)

        let table = try #require(Markup.between(html, "<table class=\"sortable\" id=\"county-table\">", "</table>"))
        let keys = Markup.attributeValues("data-key", in: try #require(Markup.between(table, "<thead>", "</thead>")))
        #expect(keys.count == 2 + 3 + Zone.allCases.count + 6)
        let rows = table.components(separatedBy: "<tr data-county=").dropFirst()
        #expect(rows.count == counties.count)
        var checked = 0
        for (row, county) in zip(rows, counties) {
            let values = Markup.attributeValues("data-value", in: row)
            #expect(values.count == keys.count)
            #expect(values[0] == county.county)
            for (key, value) in zip(keys, values).dropFirst(2) {
                let expected = county.value(key)
                #expect(value.isEmpty ? expected == nil : Double(value) == expected, "\(county.county) \(key)")
                checked += 1
            }
        }
        #expect(checked == counties.count * (keys.count - 2))
        // Every header sorts: a number or text type on each, and the script that sorts them.
        #expect(Markup.attributeValues("data-type", in: table).count == keys.count)
        #expect(html.contains("document.querySelectorAll('table.sortable')") && html.contains("addEventListener('click',sort)"))
    }

    @Test func pageFetchesNothing() throws {
        let html = try HTMLReportWriter.render(try HTMLReportFixture.build().input)
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLReportWriter.contentSecurityPolicy)\">"))
        // Links only to sections of the page; no src at all; the one URL is the SVG namespace (a name, not a request).
        #expect(Markup.attributeValues("href", in: html).allSatisfy { $0.hasPrefix("#") })
        #expect(Markup.attributeValues("src", in: html).isEmpty)
        #expect(!html.contains("url(") && !html.contains("@import"))
        let urls = html.components(separatedBy: "://").count - 1
        #expect(urls == Markup.count("xmlns=\"http://www.w3.org/2000/svg\"", in: html))
    }

    @Test func labelsAreChineseByDefaultAndEnglishOnRequest() throws {
        let input = try HTMLReportFixture.build().input
        let chinese = try HTMLReportWriter.render(input)
        let english = try HTMLReportWriter.render(input, language: .en)
        #expect(chinese.contains("<html lang=\"zh-CN\">") && english.contains("<html lang=\"en\">"))
        for label in ["15分钟公共法律服务圈覆盖报告", ">覆盖率 %</th>", ">常住人口</th>", "到最近服务点的估计分钟数", "区县轮廓"] {
            #expect(chinese.contains(label), "zh: \(label)")
            #expect(!english.contains(label), "en: \(label)")
        }
        for label in ["coverage report", ">coverage %</th>", ">residents</th>", "Estimated minutes to the nearest point", "County outline"] {
            #expect(english.contains(label), "en: \(label)")
            #expect(!chinese.contains(label), "zh: \(label)")
        }
        // Every county of the report has a section reachable from the table.
        for county in input.report.counties {
            #expect(chinese.contains("<section class=\"county\" id=\"county-\(county.county)\""))
            #expect(chinese.contains("<a href=\"#county-\(county.county)\">"))
        }
    }

    @Test func otherWritersRefuseHTMLWithAClearMessage() throws {
        let built = try HTMLReportFixture.build()
        let report = #expect(throws: OutputFormatError.self) {
            try ReportWriter.render(built.input.report, run: built.input.run, format: .html)
        }
        #expect(report?.description.contains("HTMLReportWriter") == true)
        let gaps = #expect(throws: OutputFormatError.self) {
            try GapsWriter.render(
                built.analysis.areas, run: built.input.run, frame: built.analysis.frame, cellSize: 500, county: nil, top: nil,
                format: .html)
        }
        #expect(gaps?.description.contains("html is only for the coverage report") == true)
    }
}
