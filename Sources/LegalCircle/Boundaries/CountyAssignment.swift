/// A point that lies inside no county polygon.
public struct OutsidePoint: Sendable, Hashable {
    public var id: String
    public var location: GeoCoordinate
    /// The county the input gave, kept as it was; nil when empty.
    public var givenCounty: String?

    public init(id: String, location: GeoCoordinate, givenCounty: String?) {
        self.id = id
        self.location = location
        self.givenCounty = givenCounty
    }
}

/// A point whose given county differs from the county polygon containing it.
public struct CountyContradiction: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var location: GeoCoordinate
    /// The code in the input; it is kept.
    public var given: String
    /// The code of the polygon that contains the point.
    public var polygon: String

    public init(id: String, location: GeoCoordinate, given: String, polygon: String) {
        self.id = id
        self.location = location
        self.given = given
        self.polygon = polygon
    }

    public var description: String {
        "\(id) at \(location.longitude), \(location.latitude): county given as \(given) but it lies in \(polygon)"
    }
}

/// What `CountyAssignment` did, with examples for the warnings.
public struct CountyAssignmentReport: Sendable, Hashable {
    /// Rows looked at.
    public var total = 0
    /// Rows with an empty county that got the county of their polygon.
    public var filled = 0
    /// Rows whose given county equals their polygon's.
    public var confirmed = 0
    /// Rows inside no polygon, whatever their given county.
    public var outside = 0
    /// Of those, the rows left with an empty county (reported under "outside boundaries").
    public var outsideWithoutCounty = 0
    public var outsideExamples: [OutsidePoint] = []
    /// Rows whose given county differs from their polygon's; the given county is kept.
    public var contradictions = 0
    public var contradictionExamples: [CountyContradiction] = []

    public init() {}

    /// Warning lines for a planner: counts and up to the kept examples.
    public var warnings: [String] {
        var lines: [String] = []
        if outside > 0 {
            lines.append(
                "\(outside) point\(outside == 1 ? "" : "s") lie inside no county boundary"
                    + (outsideWithoutCounty > 0 ? " (\(outsideWithoutCounty) left without a county, reported as outside boundaries)" : "")
                    + ": " + outsideExamples.map { "\($0.id) (\($0.location.longitude), \($0.location.latitude))" }
                    .joined(separator: ", ") + (outside > outsideExamples.count ? ", …" : ""))
        }
        if contradictions > 0 {
            lines.append(
                "\(contradictions) point\(contradictions == 1 ? "" : "s") have a county code that contradicts the boundaries (the given code is kept): "
                    + contradictionExamples.map { "\($0.id) given \($0.given), inside \($0.polygon)" }.joined(separator: "; ")
                    + (contradictions > contradictionExamples.count ? "; …" : ""))
        }
        return lines
    }
}

/// Fills empty counties from the county polygons and checks the given ones.
public enum CountyAssignment {
    /// The county code of each point: the given code when there is one (checked against the
    /// polygon), else the polygon's code, else nil.
    /// - Parameters:
    ///   - given: the input code of each point; nil or "" for empty.
    ///   - exampleLimit: how many outside points and contradictions to keep as examples.
    /// - Complexity: O(n), the lookups in parallel.
    public static func assign(
        ids: [String], longitudes: [Double], latitudes: [Double], given: [String?], index: CountyIndex,
        exampleLimit: Int = 10
    ) -> (counties: [String?], report: CountyAssignmentReport) {
        precondition(ids.count == longitudes.count && ids.count == latitudes.count && ids.count == given.count)
        let located = index.locate(longitudes: longitudes, latitudes: latitudes)
        var report = CountyAssignmentReport()
        report.total = ids.count
        var counties = [String?](repeating: nil, count: ids.count)
        for i in ids.indices {
            let givenCode = given[i].flatMap { $0.isEmpty ? nil : $0 }
            let polygonCode = located[i] >= 0 ? index.boundaries[Int(located[i])].code : nil
            let location = GeoCoordinate(longitude: longitudes[i], latitude: latitudes[i])
            switch (givenCode, polygonCode) {
            case (nil, let code?):
                counties[i] = code
                report.filled += 1
            case (let code?, let polygon?):
                counties[i] = code
                if code == polygon {
                    report.confirmed += 1
                } else {
                    report.contradictions += 1
                    if report.contradictionExamples.count < exampleLimit {
                        report.contradictionExamples.append(
                            CountyContradiction(id: ids[i], location: location, given: code, polygon: polygon))
                    }
                }
            case (let code, nil):
                counties[i] = code
                report.outside += 1
                if code == nil { report.outsideWithoutCounty += 1 }
                if report.outsideExamples.count < exampleLimit {
                    report.outsideExamples.append(OutsidePoint(id: ids[i], location: location, givenCounty: code))
                }
            }
        }
        return (counties, report)
    }

    /// Fills the empty counties of `residences` in place and reports.
    /// - Complexity: O(n).
    public static func assign(
        residences: inout ResidenceTable, index: CountyIndex, exampleLimit: Int = 10
    ) -> CountyAssignmentReport {
        let given = (0..<residences.count).map { residences.county(at: $0) }
        let (counties, report) = assign(
            ids: residences.ids, longitudes: residences.longitudes, latitudes: residences.latitudes, given: given,
            index: index, exampleLimit: exampleLimit)
        if report.filled > 0 { residences = residences.replacing(county: { counties[$0] }) }
        return report
    }

    /// Fills the empty counties of `points` in place and reports.
    public static func assign(points: inout [ServicePoint], index: CountyIndex, exampleLimit: Int = 10) -> CountyAssignmentReport {
        let (counties, report) = assign(
            ids: points.map(\.id), longitudes: points.map(\.location.longitude),
            latitudes: points.map(\.location.latitude), given: points.map(\.county), index: index,
            exampleLimit: exampleLimit)
        for i in points.indices { points[i].county = counties[i] }
        return report
    }
}
