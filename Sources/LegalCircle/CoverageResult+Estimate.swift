extension CoverageResult {
    /// The straight-line result whose minutes and coverage follow from each residence's distance and
    /// zone (`ZoneTable.estimate`): how the store reads back a run it kept as distances.
    /// - Precondition: the three columns have equal lengths.
    public init(nearestPoint: [Int32], distance: [Double], zones: [Zone], table: ZoneTable) {
        precondition(nearestPoint.count == distance.count && distance.count == zones.count)
        var minutes = [Double](repeating: 0, count: distance.count)
        var covered = [Bool](repeating: false, count: distance.count)
        for i in distance.indices {
            (minutes[i], covered[i]) = table.estimate(metres: distance[i], zone: zones[i])
        }
        self.init(nearestPoint: nearestPoint, distance: distance, minutes: minutes, covered: covered)
    }

    /// Whether every residence's minutes and coverage are, to the bit, the estimate from its distance
    /// and zone: true for a straight-line run, false when travel over the roads replaced any of them.
    public func isEstimate(zones: [Zone], table: ZoneTable) -> Bool {
        guard zones.count == count, distance.count == count, minutes.count == count else { return false }
        for i in 0..<count {
            let (estimate, within) = table.estimate(metres: distance[i], zone: zones[i])
            guard minutes[i].bitPattern == estimate.bitPattern, covered[i] == within else { return false }
        }
        return true
    }
}
