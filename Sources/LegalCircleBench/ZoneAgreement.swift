import LegalCircle

/// How the zones residences carry compare with the density classifier on the same residences.
public struct ZoneAgreement: Sendable, Equatable {
    /// Residences by given zone (row) and classified zone (column), indexed by `Zone.rawValue`.
    public var residences: [[Int]]
    /// The same in residents.
    public var people: [[Double]]
    /// Occupied classifier cells, and those whose majority given zone (by residents) is the majority
    /// classified zone.
    public var cells: Int
    public var agreeingCells: Int

    /// Share of residences whose two zones agree.
    public var residenceShare: Double { share(residences.map { $0.map(Double.init) }) }
    /// Share of residents whose two zones agree.
    public var peopleShare: Double { share(people) }
    public var cellShare: Double { cells == 0 ? 1 : Double(agreeingCells) / Double(cells) }

    private func share(_ matrix: [[Double]]) -> Double {
        let total = matrix.joined().reduce(0, +)
        return total == 0 ? 1 : Zone.allCases.reduce(0) { $0 + matrix[Int($1.rawValue)][Int($1.rawValue)] } / total
    }

    /// The agreement and the confusion table, one line per given zone.
    public var summaryLines: [String] {
        func percent(_ value: Double) -> String { "\(Double(Int((value * 1000).rounded())) / 10) %" }
        var lines = [
            "zone agreement with the density classifier: \(percent(residenceShare)) of residences, "
                + "\(percent(peopleShare)) of residents, \(percent(cellShare)) of \(cells) occupied cells"
        ]
        for zone in Zone.allCases {
            let row = residences[Int(zone.rawValue)]
            let total = row.reduce(0, +)
            guard total > 0 else { continue }
            let classified = Zone.allCases.map { "\($0) \(row[Int($0.rawValue)])" }.joined(separator: ", ")
            lines.append("  generated \(zone): \(total) residences, classified \(classified)")
        }
        return lines
    }

    /// Classifies `residences` as `--classify-zones` does (land masses with the profile's fixed links,
    /// the profile's thresholds, no zone kept) and compares with the zones they carry.
    /// - Throws: projection errors from PROJ.
    /// - Complexity: O(n) expected for n residences (the classifier hashes cells).
    public static func measure(residences: ResidenceTable, boundaries: [Boundary], profile: TravelProfile = .standard) throws
        -> ZoneAgreement
    {
        let frame = try PlanarFrame(longitudes: [residences.longitudes], latitudes: [residences.latitudes])
        let plane = try frame.project(longitudes: residences.longitudes, latitudes: residences.latitudes)
        let masses = IslandRule(boundaries: boundaries, links: profile.links, residences: residences)?.residences
        let classified = ZoneClassifier.classify(
            x: plane.x, y: plane.y, populations: residences.populations, landMasses: masses,
            parameters: profile.zoneClassification)
        let zoneCount = Zone.allCases.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: zoneCount), count: zoneCount)
        var people = [[Double]](repeating: [Double](repeating: 0, count: zoneCount), count: zoneCount)
        struct Cell: Hashable { var column: Int64, row: Int64 }
        var cellPeople: [Cell: [Double]] = [:]
        let side = profile.zoneClassification.cellMetres
        for i in 0..<residences.count {
            let given = Int(residences.zones[i].rawValue), found = Int(classified.zones[i].rawValue)
            counts[given][found] += 1
            people[given][found] += residences.populations[i]
            let cell = Cell(column: Int64((plane.x[i] / side).rounded(.down)), row: Int64((plane.y[i] / side).rounded(.down)))
            // Per cell: residents by given zone, then by classified zone.
            cellPeople[cell, default: [Double](repeating: 0, count: 2 * zoneCount)][given] += residences.populations[i]
            cellPeople[cell, default: []][zoneCount + found] += residences.populations[i]
        }
        var agreeing = 0
        for tally in cellPeople.values {
            let given = (0..<zoneCount).max { tally[$0] < tally[$1] }!
            let found = (0..<zoneCount).max { tally[zoneCount + $0] < tally[zoneCount + $1] }!
            if given == found { agreeing += 1 }
        }
        return ZoneAgreement(residences: counts, people: people, cells: cellPeople.count, agreeingCells: agreeing)
    }
}
