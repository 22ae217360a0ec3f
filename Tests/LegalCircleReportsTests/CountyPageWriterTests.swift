import LegalCircle
import LegalCircleReports
import Testing

/// `HTMLReportWriter.countyPage`: one county's section of the report as a page of its own.
@Suite struct CountyPageWriterTests {
    @Test func aCountyPageIsItsSectionWithPlacesAndNoOutlineItDoesNotHave() throws {
        let built = try HTMLReportFixture.build()
        let code = try #require(built.input.report.counties.map(\.county).first { $0 != built.boundaryCounty && !$0.isEmpty })
        var input = built.input
        let area = try #require(input.areas.first { $0.county == code })
        input.areaPlaces = [area.id: ["青柯村", "锦城街道"]]
        let page = try #require(HTMLReportWriter.countyPage(input, county: code, language: .en))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLReportWriter.contentSecurityPolicy)\">"))
        #expect(page.contains("data-county=\"\(code)\""))
        #expect(page.contains("main places") && page.contains("青柯村, 锦城街道"))
        #expect(page.contains("cells holding its residences"))
        // Without the county's footprint (a county page does not read the residences), no legend claims one.
        input.layers.counties[code] = nil
        let bare = try #require(HTMLReportWriter.countyPage(input, county: code, language: .en))
        #expect(!bare.contains("cells holding its residences"))
        #expect(HTMLReportWriter.countyPage(input, county: "no such county") == nil)
    }
}
