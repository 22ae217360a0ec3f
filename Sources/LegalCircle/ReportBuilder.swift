/// Aggregates per-residence results into the per-county report and its total row.
enum ReportBuilder {
    /// - Parameters:
    ///   - eligible: indices into `points` of the points of the requested kinds; these are the
    ///     service points counted per county.
    /// - Complexity: O(n log n) for the sorts behind the minute percentiles.
    static func build(
        residences: ResidenceTable, result: CoverageResult, points: [ServicePoint], eligible: [Int],
        areas: [UncoveredArea]
    ) -> CoverageReport {
        var pointsByCounty: [String: Int] = [:]
        for index in eligible { pointsByCounty[points[index].county ?? "", default: 0] += 1 }
        var areasByCounty: [String: Int] = [:]
        for area in areas { areasByCounty[area.county ?? "", default: 0] += 1 }

        // Residence indices grouped by county index (slot 0 holds the unknown county, -1).
        let groupCount = residences.counties.codes.count + 1
        var members = [[Int]](repeating: [], count: groupCount)
        for i in 0..<residences.count { members[Int(residences.countyIndices[i]) + 1].append(i) }

        var rows: [CountyFigures] = []
        var seen = Set<String>()
        for group in 0..<groupCount {
            let code = group == 0 ? "" : residences.counties.codes[group - 1]
            guard !members[group].isEmpty || pointsByCounty[code] != nil else { continue }
            seen.insert(code)
            rows.append(
                figures(
                    county: code, members: members[group], residences: residences, result: result,
                    servicePoints: pointsByCounty[code] ?? 0, uncoveredAreas: areasByCounty[code] ?? 0))
        }
        for (code, count) in pointsByCounty where !seen.contains(code) {
            rows.append(
                figures(
                    county: code, members: [], residences: residences, result: result, servicePoints: count,
                    uncoveredAreas: 0))
        }
        rows.sort { $0.county < $1.county }
        let total = figures(
            county: CountyFigures.totalKey, members: Array(0..<residences.count), residences: residences,
            result: result, servicePoints: eligible.count, uncoveredAreas: areas.count)
        return CoverageReport(counties: rows, total: total)
    }

    private static func figures(
        county: String, members: [Int], residences: ResidenceTable, result: CoverageResult, servicePoints: Int,
        uncoveredAreas: Int
    ) -> CountyFigures {
        var zoneResidents = [Double](repeating: 0, count: Zone.allCases.count)
        var zoneCovered = [Double](repeating: 0, count: Zone.allCases.count)
        for i in members {
            let zone = Int(residences.zones[i].rawValue)
            zoneResidents[zone] += residences.populations[i]
            if result.covered[i] { zoneCovered[zone] += residences.populations[i] }
        }
        let zones = Zone.allCases.map {
            ZoneFigures(zone: $0, residents: zoneResidents[Int($0.rawValue)], covered: zoneCovered[Int($0.rawValue)])
        }
        let quantiles = weightedQuantiles(
            [0.5, 0.9], values: members.map { result.minutes[$0] }, weights: members.map { residences.populations[$0] })
        return CountyFigures(
            county: county, residents: zoneResidents.reduce(0, +), covered: zoneCovered.reduce(0, +), zones: zones,
            servicePoints: servicePoints, medianMinutes: quantiles[0], p90Minutes: quantiles[1],
            uncoveredAreas: uncoveredAreas)
    }

    /// Population-weighted quantiles: for each q the smallest value v such that the weight of values
    /// ≤ v reaches q of the total weight. nil when the total weight is 0 or the value is infinite
    /// (no eligible service point at all).
    static func weightedQuantiles(_ qs: [Double], values: [Double], weights: [Double]) -> [Double?] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return qs.map { _ in nil } }
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        return qs.map { q in
            var cumulative = 0.0
            for index in order {
                cumulative += weights[index]
                if cumulative >= q * total { return values[index].isFinite ? values[index] : nil }
            }
            return nil
        }
    }
}
