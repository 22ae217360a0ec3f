import Foundation
import LegalCircle

/// Writes the coverage report as one self-contained HTML page: a map of the counties shaded by
/// coverage, a table of counties sortable by any column, and per county its map, figures, largest
/// uncovered areas and the distribution of minutes to the nearest point.
///
/// Self-contained: inline CSS, inline SVG and a few lines of inline script, and a Content-Security-Policy
/// that forbids every network request, so the page opens offline and a stray request is an error in
/// the browser console. The figures are the exact JSON of `ReportWriter` (`--format json`), embedded
/// as `<script type="application/json" id="report-json">`; every table cell carries its full-precision
/// value in `data-value`. Names from input files are escaped everywhere.
public enum HTMLReportWriter {
    /// Uncovered areas listed per county.
    public static let topAreas = 10
    /// The Content-Security-Policy of the page: nothing may be fetched; inline style and script only.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    /// What the page shows.
    public struct Input: Sendable {
        public var report: CoverageReport
        public var run: RunDescription
        public var areas: [UncoveredArea]
        public var layers: MapLayers
        /// By county code, as `MinuteHistogram.byCounty` returns them.
        public var histograms: [String: MinuteHistogram]
        /// A title for the page, and the source and approval-number lines every map carries.
        public var decorations: MapDecorations = .none
        /// County names for the embedded JSON's `countyName` (as `report --format json` writes them).
        public var names: PlaceNames = .none
        /// The most populous named places of each area by area id: a column of the area tables when not empty.
        public var areaPlaces: [Int: [String]] = [:]
        /// The address of a county's own page by county code, linked from the county table (the service's
        /// pages); nil for a file, whose counties link to their sections only.
        public var countyPage: (@Sendable (String) -> String)?

        public init(
            report: CoverageReport, run: RunDescription, areas: [UncoveredArea], layers: MapLayers,
            histograms: [String: MinuteHistogram]
        ) {
            self.report = report
            self.run = run
            self.areas = areas
            self.layers = layers
            self.histograms = histograms
        }
    }

    /// The bins of the minutes charts: 45 bins of a fifteenth of the target (1 min for 15 min), so the
    /// chart reaches three times the target.
    public static func histogramBins(targetMinutes: Double) -> (width: Double, count: Int) {
        (targetMinutes / 15, 45)
    }

    /// The page. - Throws: `EncodingError` from the JSON encoder.
    public static func render(_ input: Input, language: ReportLanguage = .zh) throws -> String {
        let labels = ReportLabels(language)
        let json = try ReportWriter.render(input.report, run: input.run, format: .json, names: input.names)
        var html = head(title: input.decorations.title ?? labels.title, labels: labels)
        html += header(input, labels: labels)
        html += "<section id=\"overview\"><h2>\(MarkupText.escaped(labels.provinceHeading))</h2>\n"
        html += SVGMap.province(report: input.report, layers: input.layers, labels: labels, title: labels.provinceHeading, linkCounties: true)
        html += "\n</section>\n"
        html += "<section id=\"counties\"><h2>\(MarkupText.escaped(labels.countiesHeading))</h2>\n"
        html += "<p class=\"hint\">\(MarkupText.escaped(labels.sortHint))</p>\n"
        html += countyTable(input, labels: labels)
        html += "</section>\n"
        for figures in input.report.counties {
            html += countySection(figures, input: input, labels: labels)
        }
        html += "<script type=\"application/json\" id=\"report-json\">\n\(MarkupText.scriptSafeJSON(json))</script>\n"
        html += "<script>\(script)</script>\n</body></html>\n"
        return html
    }

    /// Everything up to `<body>`: the policy, the title and the style, shared by the report and the county pages.
    static func head(title: String, labels: ReportLabels) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"\(labels.htmlLanguage)\"><head><meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        return html + "<title>\(MarkupText.escaped(title))</title>\n<style>\(css(zones: Zone.allCases))</style></head>\n<body>\n"
    }

    private static func header(_ input: Input, labels: ReportLabels) -> String {
        var html = "<header><h1>\(MarkupText.escaped(input.decorations.title ?? labels.title))</h1>\n"
        html += "<p class=\"run\">\(MarkupText.escaped(labels.runSummary(input.run)))</p>\n"
        for line in input.decorations.lines(labels) { html += "<p class=\"run\">\(MarkupText.escaped(line))</p>\n" }
        for warning in input.run.warningLines {
            html += "<p class=\"run\"><strong>\(MarkupText.escaped(warning))</strong></p>\n"
        }
        // Times in China Standard Time with the zone; the projection's PROJ definition in a details line.
        let sources = [input.run.pointsDataset, input.run.residencesDataset, input.run.createdAt.map(labels.localTime)].compactMap { $0 }
        if !sources.isEmpty { html += "<p class=\"run\">\(sources.map(MarkupText.escaped).joined(separator: " · "))</p>\n" }
        html += "<details class=\"run\"><summary>\(MarkupText.escaped(labels.pick("投影定义", "Projection definition")))</summary>"
            + "<p class=\"run\"><code>\(MarkupText.escaped(input.layers.projection))</code></p></details>\n"
        html += "<nav><strong>\(MarkupText.escaped(labels.contents))</strong> "
        html += "<a href=\"#overview\">\(MarkupText.escaped(labels.provinceHeading))</a> · "
        html += "<a href=\"#counties\">\(MarkupText.escaped(labels.countiesHeading))</a>"
        for figures in input.report.counties {
            let name = SVGMap.countyTitle(figures.county, layers: input.layers, labels: labels)
            html += " · <a href=\"#\(MarkupText.countyAnchor(figures.county))\">\(MarkupText.escaped(name))</a>"
        }
        return html + "</nav></header>\n"
    }

    // MARK: - Style and script

    private static func css(zones: [Zone]) -> String {
        let hide = (zones.map { "reach-\($0.name)" } + ["points", "areas"]).map { ".hide-\($0) .\($0)" }.joined(separator: ",")
        return """
            body{font-family:\(SVGStyle.fontFamily);max-width:1180px;margin:0 auto;padding:12px 18px;color:#222;background:#fff;font-size:14px}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px;margin:18px 0 6px}
            p.run,p.hint{color:#444;margin:4px 0}nav{margin:10px 0;line-height:1.8}
            .table-wrap{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:6px 0}
            th,td{border-bottom:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}
            th{background:#f2f2f2;cursor:pointer;user-select:none}th.text,td.text{text-align:left}
            th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
            tfoot td{font-weight:bold;border-top:2px solid #999}td.name{white-space:normal;max-width:260px}
            section.county{border-top:2px solid #bbb;margin-top:30px}svg{max-width:100%;height:auto;display:block}
            .toggles{margin:4px 0}.toggles label{margin-right:14px}
            \(hide){display:none}
            """
    }

    /// Sorting by any header (numbers by `data-value`, missing values last) and the layer switches.
    static let script = """
        (function(){
        document.querySelectorAll('table.sortable').forEach(function(table){
          var headers=table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers,function(th,column){
            th.tabIndex=0;
            function sort(){
              var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
              var numeric=th.getAttribute('data-type')==='number';
              var direction=th.getAttribute('aria-sort')==='ascending'?-1:1;
              Array.prototype.forEach.call(headers,function(h){h.removeAttribute('aria-sort');});
              th.setAttribute('aria-sort',direction===1?'ascending':'descending');
              rows.sort(function(a,b){
                var x=a.cells[column].getAttribute('data-value'),y=b.cells[column].getAttribute('data-value');
                if(x===''||y===''){return x===y?0:(x===''?1:-1);}
                return numeric?(parseFloat(x)-parseFloat(y))*direction:x.localeCompare(y)*direction;
              });
              rows.forEach(function(row){body.appendChild(row);});
            }
            th.addEventListener('click',sort);
            th.addEventListener('keydown',function(event){if(event.key==='Enter'||event.key===' '){event.preventDefault();sort();}});
          });
        });
        document.querySelectorAll('.toggles input').forEach(function(box){
          box.addEventListener('change',function(){
            box.closest('figure').classList.toggle('hide-'+box.getAttribute('data-layer'),!box.checked);
          });
        });
        })();
        """
}
