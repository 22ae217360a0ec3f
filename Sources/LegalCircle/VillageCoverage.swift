/// Coverage the way bureaus are assessed: the share of villages and communities (村/社区) covered,
/// beside the share of population, per county or per township, with targets.
///
/// A residence is a village or community when its id is a 12-digit NBS statistical code
/// (统计用区划代码): digits 1–6 are the county, 1–9 the township (乡/镇/街道).
public enum VillageCoverage {
    public enum Level: String, Sendable, CaseIterable, Codable {
        case county, township
    }

    /// One county or township.
    public struct Row: Sendable, Equatable, Codable {
        /// 6-digit county or 9-digit township code; "" for residences without one.
        public var code: String
        public var county: String
        public var villages: Int
        public var coveredVillages: Int
        /// nil without villages.
        public var villageCoveragePercent: Double?
        public var residents: Double
        public var covered: Double
        public var populationCoveragePercent: Double?
        /// nil when no target was set.
        public var meetsVillageTarget: Bool?
        public var meetsPopulationTarget: Bool?
        /// Percentage points missing to the targets (the larger of the two), 0 when both are met.
        public var shortfall: Double
    }

    public struct Targets: Sendable, Equatable, Codable {
        public var villagesPercent: Double?
        public var populationPercent: Double?
        public init(villagesPercent: Double? = nil, populationPercent: Double? = nil) {
            self.villagesPercent = villagesPercent
            self.populationPercent = populationPercent
        }
    }

    public struct Table: Sendable, Equatable, Codable {
        public var level: Level
        public var targets: Targets
        /// Rows that miss a target first, by shortfall (largest first), then by code.
        public var rows: [Row]
        public var total: Row
        /// How many rows meet each target (nil when that target was not set).
        public var meetingVillageTarget: Int?
        public var meetingPopulationTarget: Int?
        /// Villages whose code's county differs from the county they were given or located in.
        public var codeCountyMismatches: Int
    }

    /// Whether an id is a 12-digit statistical code.
    public static func isVillageCode(_ id: String) -> Bool {
        id.utf8.count == 12 && id.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// - Complexity: O(n) for n residences.
    public static func table(
        residences: ResidenceTable, result: CoverageResult, level: Level, targets: Targets = Targets()
    ) -> Table {
        struct Sums {
            var county = ""
            var villages = 0
            var coveredVillages = 0
            var residents = 0.0
            var covered = 0.0
        }
        var sums: [String: Sums] = [:]
        var total = Sums()
        var mismatches = 0
        for i in 0..<residences.count {
            let id = residences.ids[i]
            let isVillage = isVillageCode(id)
            let given = residences.county(at: i)
            // The county comes from the data (given or located); else from the code.
            let county = given ?? (isVillage ? String(id.prefix(6)) : "")
            if isVillage, let given, given != String(id.prefix(6)) { mismatches += 1 }
            let key: String
            switch level {
            case .county: key = county
            // Residences without a village code are listed under their county.
            case .township: key = isVillage ? String(id.prefix(9)) : county
            }
            var entry = sums[key] ?? Sums(county: county)
            let population = residences.populations[i]
            let covered = result.covered[i]
            entry.residents += population
            total.residents += population
            if covered {
                entry.covered += population
                total.covered += population
            }
            if isVillage {
                entry.villages += 1
                total.villages += 1
                if covered {
                    entry.coveredVillages += 1
                    total.coveredVillages += 1
                }
            }
            sums[key] = entry
        }
        func row(_ code: String, _ s: Sums) -> Row {
            let villageShare = s.villages > 0 ? Double(s.coveredVillages) / Double(s.villages) * 100 : nil
            let populationShare = s.residents > 0 ? s.covered / s.residents * 100 : nil
            var shortfall = 0.0
            var meetsVillages: Bool?
            var meetsPopulation: Bool?
            if let target = targets.villagesPercent {
                meetsVillages = (villageShare ?? 0) >= target
                shortfall = max(shortfall, target - (villageShare ?? 0))
            }
            if let target = targets.populationPercent {
                meetsPopulation = (populationShare ?? 0) >= target
                shortfall = max(shortfall, target - (populationShare ?? 0))
            }
            return Row(
                code: code, county: s.county, villages: s.villages, coveredVillages: s.coveredVillages,
                villageCoveragePercent: villageShare, residents: s.residents, covered: s.covered,
                populationCoveragePercent: populationShare, meetsVillageTarget: meetsVillages,
                meetsPopulationTarget: meetsPopulation, shortfall: max(0, shortfall))
        }
        let rows = sums.map { row($0.key, $0.value) }.sorted {
            $0.shortfall != $1.shortfall ? $0.shortfall > $1.shortfall : $0.code < $1.code
        }
        return Table(
            level: level, targets: targets, rows: rows, total: row(CountyFigures.totalKey, total),
            meetingVillageTarget: targets.villagesPercent.map { _ in rows.filter { $0.meetsVillageTarget == true }.count },
            meetingPopulationTarget: targets.populationPercent.map { _ in rows.filter { $0.meetsPopulationTarget == true }.count },
            codeCountyMismatches: mismatches)
    }
}
