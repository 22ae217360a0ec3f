import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleSession

extension RunCatalogue {
    /// `GET /runs/{id}/counties/{county}`: one county's page, drawn from the saved run without its
    /// residences (`CoverageSession.countyPage`), so even the first view of a 10 M-residence run is quick.
    /// - Parameter county: a county code or name of the run's report, percent-encoded or not.
    /// - Returns: the page, and the county's code for the links around it.
    func countyPage(_ id: String?, county: String?, language: Language) throws -> (page: String, code: String) {
        let session = session()
        let run = try run(id, in: session)
        let code = try countyCode(county, of: run, in: session)
        let input = try session.countyPage(run, county: code)
        guard let page = HTMLReportWriter.countyPage(input, county: code, language: language) else {
            throw APIError.notFound("no county \"\(code)\" in run \(run.description.runID ?? 0)")
        }
        return (page, code)
    }

    /// The code of the county a path names: a code of the run's report as given, else a county name
    /// (西湖区, or 西湖) that one county of the run has; 404 naming the run's counties otherwise.
    func countyCode(_ text: String?, of run: CoverageRun, in session: CoverageSession) throws(APIError) -> String {
        // Hummingbird hands path parameters over still percent-encoded.
        let text = (text.flatMap { $0.removingPercentEncoding } ?? text ?? "").trimmingCharacters(in: .whitespaces)
        let codes = Set(run.report.counties.map(\.county).filter { !$0.isEmpty })
        if codes.contains(text) { return text }
        let runID = run.description.runID ?? 0
        if let code = try? session.countyCode(text, among: codes), codes.contains(code) { return code }
        let names = session.placeNames(for: codes)
        let known = codes.sorted().map { code in names.county(code).map { "\(code) \($0)" } ?? code }
        throw .notFound(
            "no county \"\(text)\" in run \(runID); its counties are \(known.joined(separator: ", ")) (a code or a name will do)")
    }
}
