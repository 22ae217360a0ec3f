import Projection

/// Computes the 15-minute coverage: for every residence the nearest eligible service point, the
/// estimated minutes to it, and whether it lies within the zone's radius; then the uncovered areas
/// and the per-county report.
public enum CoverageEngine {
    /// Runs every phase and times each.
    /// - Throws: `EngineError.noResidences`, projection errors.
    /// - Parameter boundaries: the county polygons; when given, a residence is served only by points on
    ///   its own land mass or one joined to it by the profile's links (`IslandRule`). Nil: no such rule.
    /// - Parameter progress: counts residences through the nearest-point search, the long phase.
    /// - Parameter roads: when given, minutes and coverage come from travel over the roads for every
    ///   residence attached to a road of its mode (`networkResult`); the others keep the straight-line
    ///   estimate and are counted (`CoverageAnalysis.network`). Nil: the straight-line estimate alone.
    public static func analyse(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters,
        boundaries: [Boundary]? = nil, roads: (any RoadTravel)? = nil, progress: ProgressSink? = nil
    ) throws -> CoverageAnalysis {
        guard !residences.isEmpty else { throw EngineError.noResidences }
        let islandRule = IslandRule(boundaries: boundaries, links: parameters.profile.links, residences: residences)
        return try analyse(
            points: points, residences: residences, parameters: parameters, islandRule: islandRule, roads: roads,
            progress: progress)
    }

    /// `analyse` with the island rule already built, so planning builds it once for many runs.
    static func analyse(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters, islandRule: IslandRule?,
        roads: (any RoadTravel)? = nil, progress: ProgressSink? = nil
    ) throws -> CoverageAnalysis {
        guard !residences.isEmpty else { throw EngineError.noResidences }
        var timings = PhaseTimings()
        let clock = ContinuousClock()
        var start = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { start = now }
            return (now - start).seconds
        }

        let eligible = parameters.eligibleIndices(of: points)
        let pointLongitudes = eligible.map { points[$0].location.longitude }
        let pointLatitudes = eligible.map { points[$0].location.latitude }
        let frame = try PlanarFrame(
            longitudes: [residences.longitudes, pointLongitudes], latitudes: [residences.latitudes, pointLatitudes])
        let residencePlane = try frame.project(longitudes: residences.longitudes, latitudes: residences.latitudes)
        let pointPlane = try frame.project(longitudes: pointLongitudes, latitudes: pointLatitudes)
        timings.projection = lap()

        let tree = KDTree(x: pointPlane.x, y: pointPlane.y)
        timings.indexBuild = lap()

        let pointIndex = eligible.map { Int32($0) }
        let counter = progress?.begin("coverage", total: residences.count, unit: "residences")
        var result = nearestPoints(
            residences: residences, plane: residencePlane, tree: tree, points: pointPlane, pointIndex: pointIndex,
            profile: parameters.profile, progress: counter)
        counter?.finish()
        var acrossWater: [Bool] = []
        if let islandRule {
            acrossWater = restrict(
                &result, to: islandRule.assignment(points: points), residences: residences, plane: residencePlane,
                points: pointPlane, pointIndex: pointIndex, profile: parameters.profile)
        }
        var network: NetworkOutcome?
        if let roads {
            let profile = parameters.profile
            let travel = roads.travel(
                pointLongitudes: points.map(\.location.longitude), pointLatitudes: points.map(\.location.latitude),
                stations: pointIndex, residenceLongitudes: residences.longitudes, residenceLatitudes: residences.latitudes,
                modes: residences.zones.map { profile.zoneModes[$0]! })
            let straight = result
            result = networkResult(
                straight: straight, travel: travel, residences: residencePlane, points: pointPlane, pointIndex: pointIndex,
                pointCount: points.count, targetMinutes: profile.minutes)
            network = NetworkOutcome(
                modelName: roads.modelName, straightLine: straight, travel: travel,
                fallbackCount: travel.attached.lazy.filter { !$0 }.count)
        }
        timings.coverage = lap()

        let areas = try UncoveredAreaFinder(
            frame: frame, cellSize: parameters.areaCellSize, targetMinutes: parameters.profile.minutes
        ).areas(residences: residences, plane: residencePlane, result: result, points: points, acrossWater: acrossWater)
        timings.areas = lap()

        var report = ReportBuilder.build(
            residences: residences, result: result, points: points, eligible: eligible, areas: areas)
        if let network { ReportBuilder.addComparison(to: &report, residences: residences, network: result, outcome: network) }
        timings.report = lap()

        var analysis = CoverageAnalysis(
            parameters: parameters, frame: frame, result: result, areas: areas,
            report: report, timings: timings)
        analysis.network = network
        analysis.residenceZones = residences.zones
        return analysis
    }

    /// The nearest eligible point of every residence, in parallel chunks over the residences.
    /// - Parameters:
    ///   - points: the eligible points, projected; the tree answers positions in them.
    ///   - pointIndex: for each eligible point, its index in the engine's point array.
    /// - Complexity: O(n log m) for n residences and m eligible points.
    static func nearestPoints(
        residences: ResidenceTable, plane: ProjectedColumns, tree: KDTree, points: ProjectedColumns,
        pointIndex: [Int32], profile: TravelProfile, progress: ProgressCounter? = nil
    ) -> CoverageResult {
        let count = residences.count
        guard tree.count > 0 else {
            return CoverageResult(
                nearestPoint: [Int32](repeating: -1, count: count), distance: [Double](repeating: .infinity, count: count),
                minutes: [Double](repeating: .infinity, count: count), covered: [Bool](repeating: false, count: count))
        }
        let table = profile.zoneTable
        // Filled by the workers: the pages are first touched in parallel rather than zeroed beforehand.
        let columns: ([Int32], [Double], [Double], [Bool]) = ParallelChunks(count: count, size: 16_384).fill {
            rows, nearestOut, distanceOut, minutesOut, coveredOut in
            var hint = -1
            defer { progress?.advance(by: rows.count) }
            for i in rows {
                let (slot, squared) = tree.nearest(x: plane.x[i], y: plane.y[i], hint: &hint)!
                let metres = Self.distance(squared: squared, from: i, of: plane, to: Int(slot), of: points)
                // The tree answers in positions of the eligible subset; keep indices into `points`.
                nearestOut[i] = pointIndex[Int(slot)]
                distanceOut[i] = metres
                (minutesOut[i], coveredOut[i]) = table.estimate(metres: metres, zone: residences.zones[i])
            }
        }
        return CoverageResult(nearestPoint: columns.0, distance: columns.1, minutes: columns.2, covered: columns.3)
    }

    /// The distance rule, for coverage and planning alike: ellipsoidal metres from residence `r` to
    /// station `s`, given their squared planar distance. The scale correction
    /// (`PlanarFrame.ellipsoidalDistance`) is exact to millimetres up to `PlanarFrame.correctedRange`;
    /// the rare farther pair gets the geodesic itself (`Geodesic`, Karney's algorithm).
    @inline(__always)
    static func distance(
        squared: Double, from r: Int, of residences: ProjectedColumns, to s: Int, of stations: ProjectedColumns
    ) -> Double {
        let metres = PlanarFrame.ellipsoidalDistance(
            planar: squared.squareRoot(), scale1: residences.scale[r], scale2: stations.scale[s])
        guard metres > PlanarFrame.correctedRange else { return metres }
        return Geodesic.wgs84.distance(
            longitude1: residences.longitudes[r], latitude1: residences.latitudes[r],
            longitude2: stations.longitudes[s], latitude2: stations.latitudes[s])
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
