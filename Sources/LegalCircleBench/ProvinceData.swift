import Foundation
import LegalCircle
import LegalCircleImport

/// The real Zhejiang data the province generator stands on, read from `data/zhejiang` (see
/// `data/SOURCES.md` for every file): today's 90 county polygons, the 2020 census allocated to them,
/// the 2016 township seats with their county today and their village-level units, the 2016 county
/// seats, and the coarse elevation sample.
struct ProvinceData: Sendable {
    struct County: Sendable {
        var code: String
        var name: String
        var prefectureCode: String
        var prefectureName: String
        /// 2020 census residents and urban residents (`county_population_2020.csv`).
        var population: Int
        var urbanPopulation: Int
        var boundary: Boundary
    }

    /// A 2016 township (乡, 镇, 街道 or a statistical unit such as a farm or development zone).
    struct Township: Sendable {
        var code: String
        /// Its 2025 name when it still exists under a matching name, else its 2016 name.
        var name: String
        /// Index into `counties`.
        var county: Int
        /// The 2016 seat (WGS84), nil when the 2016 data has no coordinates for it.
        var seat: GeoCoordinate?
        /// Fitted urban residents of its urban-class village units (relative weight).
        var urbanWeight: Double
        /// A 乡, 镇 or 街道 (has a 司法所), not a farm, forest or development zone.
        var isAdministrative: Bool
    }

    /// A 2016 village-level unit (村民委员会 or 居民委员会) with its NBS urban-rural class.
    struct Village: Sendable {
        /// Short display name: `上董村`, `清波门社区`.
        var name: String
        /// Index into `townships`.
        var township: Int
        /// NBS 城乡分类代码: 111…123 urban, 210 and 220 rural.
        var urbanRuralClass: Int
        var location: GeoCoordinate?

        var isRural: Bool { urbanRuralClass >= 200 }
    }

    var counties: [County]
    var townships: [Township]
    var villages: [Village]
    /// The located 2016 county seats by their 2016 code.
    var seats2016: [(code: String, location: GeoCoordinate)]
    var elevation: ElevationGrid
    var countyTable: CountyTable

    /// Reads every input.
    /// - Parameter dataFolder: the repository's `data` folder.
    /// - Throws: `CSVTableError` or `GeoJSONError` naming the file at fault.
    init(dataFolder: URL) throws {
        let folder = dataFolder.appendingPathComponent("zhejiang")
        func table(_ name: String) throws -> CSVTable {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw CSVTableError(source: url.path, line: 0, "cannot be read; it ships in data/zhejiang/\(name)")
            }
            return try CSVTable(text: text, source: url.path)
        }
        let countyCodes = try CountyTableLoader.load(dataFolder: dataFolder)
        countyTable = countyCodes

        let boundaryURL = folder.appendingPathComponent("counties_wgs84.geojson")
        let boundaryData: Data
        do {
            boundaryData = try Data(contentsOf: boundaryURL)
        } catch {
            throw GeoJSONError(file: boundaryURL.path, problem: .unreadable(error.localizedDescription))
        }
        let boundaries = try GeoJSONBoundaryReader.readBoundaries(data: boundaryData, file: boundaryURL.path).boundaries
            .sorted { $0.code < $1.code }

        let census = try table("county_population_2020.csv")
        let (codeColumn, populationColumn, urbanColumn) =
            (try census.column("code"), try census.column("population"), try census.column("urban_population"))
        var people: [String: (Int, Int)] = [:]
        for (row, line) in zip(census.rows, census.lines) {
            guard let total = Int(row[populationColumn]), let urban = Int(row[urbanColumn]), urban <= total, urban >= 0 else {
                throw CSVTableError(
                    source: census.source, line: line, "population and urban_population must be whole numbers, urban ≤ population")
            }
            people[row[codeColumn]] = (total, urban)
        }
        let counties = try boundaries.map { boundary in
            guard let (total, urban) = people[boundary.code], let entry = countyCodes.entry(for: boundary.code) else {
                throw CSVTableError(source: census.source, line: 0, "no census row or county table entry for county \(boundary.code)")
            }
            return County(
                code: boundary.code, name: entry.name, prefectureCode: entry.prefectureCode,
                prefectureName: entry.prefectureName, population: total, urbanPopulation: urban, boundary: boundary)
        }
        self.counties = counties
        let countyIndex = Dictionary(uniqueKeysWithValues: counties.enumerated().map { ($1.code, $0) })

        let crosswalk = try table("townships_2016_crosswalk.csv")
        let t = try ["code_2016", "name_2016", "county_current", "name_2025", "lon_wgs84", "lat_wgs84", "urban_weight"]
            .map { try crosswalk.column($0) }
        let townships = try zip(crosswalk.rows, crosswalk.lines).map { row, line in
            guard let county = countyIndex[row[t[2]]], let weight = Double(row[t[6]]) else {
                throw CSVTableError(source: crosswalk.source, line: line, "unknown county \(row[t[2]]) or urban_weight \(row[t[6]])")
            }
            let name = row[t[3]].isEmpty ? row[t[1]] : row[t[3]]
            let administrative = ["街道", "镇", "乡", "办事处"].contains { row[t[1]].hasSuffix($0) }
            return Township(
                code: row[t[0]], name: name.replacingOccurrences(of: "街道办事处", with: "街道"), county: county,
                seat: Self.coordinate(row[t[4]], row[t[5]]), urbanWeight: weight, isAdministrative: administrative)
        }
        self.townships = townships
        let townshipIndex = Dictionary(uniqueKeysWithValues: townships.enumerated().map { ($1.code, $0) })

        let villageTable = try table("villages_2016_vonng_adcode.csv")
        let v = try ["parent", "name", "ur_code", "lon_wgs84", "lat_wgs84"].map { try villageTable.column($0) }
        villages = try zip(villageTable.rows, villageTable.lines).map { row, line in
            guard let township = townshipIndex[row[v[0]]], let urbanRural = Int(row[v[2]]) else {
                throw CSVTableError(source: villageTable.source, line: line, "unknown township \(row[v[0]]) or ur_code \(row[v[2]])")
            }
            return Village(
                name: Self.shortVillageName(row[v[1]]), township: township, urbanRuralClass: urbanRural,
                location: Self.coordinate(row[v[3]], row[v[4]]))
        }

        let seats = try table("counties_2016_vonng_adcode.csv")
        let s = try ["county_adcode_2016", "lon_wgs84", "lat_wgs84"].map { try seats.column($0) }
        seats2016 = seats.rows.compactMap { row in Self.coordinate(row[s[1]], row[s[2]]).map { (row[s[0]], $0) } }

        elevation = try ElevationGrid(table: try table("dem_0p2deg_cnmaps_sample.csv"))
    }

    private static func coordinate(_ longitude: String, _ latitude: String) -> GeoCoordinate? {
        guard let x = Double(longitude), let y = Double(latitude) else { return nil }
        return GeoCoordinate(longitude: x, latitude: y)
    }

    /// `上董村委会` → `上董村`, `滨江居民委员会` → `滨江社区`; other names as they are.
    static func shortVillageName(_ name: String) -> String {
        for (suffix, replacement) in [("村民委员会", "村"), ("村委会", "村"), ("居民委员会", "社区"), ("居委会", "社区")]
        where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)) + replacement
        }
        return name
    }
}

/// The coarse elevation sample (`dem_0p2deg_cnmaps_sample.csv`: a 0.2° grid of point samples, empty
/// over the sea), interpolated bilinearly; the sea and points off the grid count as 0 m.
struct ElevationGrid: Sendable {
    let minLongitude, minLatitude, step: Double
    let columns, rows: Int
    let metres: [Double]

    init(table: CSVTable) throws {
        let (lon, lat, dem) = (try table.column("lon"), try table.column("lat"), try table.column("dem_m"))
        let samples = table.rows.compactMap { row -> (Double, Double, Double)? in
            guard let x = Double(row[lon]), let y = Double(row[lat]) else { return nil }
            return (x, y, Double(row[dem]) ?? 0)
        }
        guard let first = samples.first else { throw CSVTableError(source: table.source, line: 0, "no elevation samples") }
        step = 0.2
        minLongitude = samples.map(\.0).min() ?? first.0
        minLatitude = samples.map(\.1).min() ?? first.1
        columns = Int(((samples.map(\.0).max() ?? first.0) - minLongitude) / step + 0.5) + 1
        rows = Int(((samples.map(\.1).max() ?? first.1) - minLatitude) / step + 0.5) + 1
        var grid = [Double](repeating: 0, count: columns * rows)
        for (x, y, metres) in samples {
            let column = Int((x - minLongitude) / step + 0.5), row = Int((y - minLatitude) / step + 0.5)
            grid[row * columns + column] = metres
        }
        metres = grid
    }

    /// Metres above sea level at a point, bilinear between the four surrounding samples.
    func elevation(longitude: Double, latitude: Double) -> Double {
        let u = (longitude - minLongitude) / step, v = (latitude - minLatitude) / step
        guard u >= 0, v >= 0, u < Double(columns - 1), v < Double(rows - 1) else { return 0 }
        let column = Int(u), row = Int(v)
        let fu = u - Double(column), fv = v - Double(row)
        func at(_ c: Int, _ r: Int) -> Double { metres[r * columns + c] }
        let bottom = at(column, row) * (1 - fu) + at(column + 1, row) * fu
        let top = at(column, row + 1) * (1 - fu) + at(column + 1, row + 1) * fu
        return bottom * (1 - fv) + top * fv
    }
}
