import Dispatch
import Projection

/// Computes the 15-minute coverage: for every residence the nearest eligible service point, the
/// estimated minutes to it, and whether it lies within the zone's radius; then the uncovered areas
/// and the per-county report.
public enum CoverageEngine {
    /// Runs every phase and times each.
    /// - Throws: `EngineError.noResidences`, projection errors.
    /// - Parameter landMasses: the land mass of every residence and point; when given, a residence is
    ///   served only by points on its own land mass (or linked to it).
    /// - Parameter progress: counts residences through the nearest-point search, the long phase.
    public static func analyse(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters,
        landMasses: LandMassAssignment? = nil, progress: ProgressSink? = nil
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

        let eligible = points.indices.filter { !points[$0].kinds.isDisjoint(with: parameters.kinds) }
        let pointLongitudes = eligible.map { points[$0].location.longitude }
        let pointLatitudes = eligible.map { points[$0].location.latitude }
        let frame = try PlanarFrame(
            longitudes: [residences.longitudes, pointLongitudes], latitudes: [residences.latitudes, pointLatitudes])
        let residencePlane = try frame.project(longitudes: residences.longitudes, latitudes: residences.latitudes)
        let pointPlane = try frame.project(longitudes: pointLongitudes, latitudes: pointLatitudes)
        timings.projection = lap()

        let tree = KDTree(x: pointPlane.x, y: pointPlane.y)
        timings.indexBuild = lap()

        let pointColumns = (pointLongitudes, pointLatitudes, pointPlane.scale, eligible.map { Int32($0) })
        let counter = progress?.begin("coverage", total: residences.count, unit: "residences")
        var result = nearestPoints(
            residences: residences, plane: residencePlane, tree: tree, points: pointColumns,
            profile: parameters.profile, progress: counter)
        counter?.finish()
        var acrossWater: [Bool] = []
        if let landMasses {
            acrossWater = restrict(
                &result, to: landMasses, residences: residences, plane: residencePlane, points: pointColumns,
                pointPlane: pointPlane, profile: parameters.profile)
        }
        timings.coverage = lap()

        let areas = try UncoveredAreaFinder(
            frame: frame, cellSize: parameters.areaCellSize, targetMinutes: parameters.profile.minutes
        ).areas(residences: residences, plane: residencePlane, result: result, points: points, acrossWater: acrossWater)
        timings.areas = lap()

        let report = ReportBuilder.build(
            residences: residences, result: result, points: points, eligible: eligible, areas: areas)
        timings.report = lap()

        return CoverageAnalysis(
            parameters: parameters, frame: frame, result: result, areas: areas,
            report: report, timings: timings)
    }

    /// The nearest eligible point of every residence, in parallel chunks over the residences.
    /// - Complexity: O(n log m) for n residences and m eligible points.
    static func nearestPoints(
        residences: ResidenceTable, plane: (x: [Double], y: [Double], scale: [Double]), tree: KDTree,
        points: (longitudes: [Double], latitudes: [Double], scale: [Double], index: [Int32]), profile: TravelProfile,
        progress: ProgressCounter? = nil
    ) -> CoverageResult {
        let count = residences.count
        guard tree.count > 0 else {
            return CoverageResult(
                nearestPoint: [Int32](repeating: -1, count: count), distance: [Double](repeating: .infinity, count: count),
                minutes: [Double](repeating: .infinity, count: count), covered: [Bool](repeating: false, count: count))
        }
        let table = profile.zoneTable
        let chunkSize = 16_384
        let chunks = (count + chunkSize - 1) / chunkSize
        // Left uninitialised and filled by the workers: every slot is written once, and the pages are
        // first touched in parallel rather than zeroed by one thread beforehand.
        var distance: [Double] = []
        var minutes: [Double] = []
        var covered: [Bool] = []
        let nearest = [Int32](unsafeUninitializedCapacity: count) { nearestBuffer, nearestCount in
            distance = [Double](unsafeUninitializedCapacity: count) { distanceBuffer, distanceCount in
                minutes = [Double](unsafeUninitializedCapacity: count) { minutesBuffer, minutesCount in
                    covered = [Bool](unsafeUninitializedCapacity: count) { coveredBuffer, coveredCount in
                        nonisolated(unsafe) let nearestOut = nearestBuffer
                        nonisolated(unsafe) let distanceOut = distanceBuffer
                        nonisolated(unsafe) let minutesOut = minutesBuffer
                        nonisolated(unsafe) let coveredOut = coveredBuffer
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            var hint = -1
                            let rows = chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)
                            defer { progress?.advance(by: rows.count) }
                            for i in rows {
                                let (slot, squared) = tree.nearest(x: plane.x[i], y: plane.y[i], hint: &hint)!
                                let metres = CoverageEngine.distance(
                                    residence: i, slot: Int(slot), squared: squared, residences: residences,
                                    plane: plane, points: points)
                                let zone = Int(residences.zones[i].rawValue)
                                // The tree answers in positions of the eligible subset; keep indices into `points`.
                                nearestOut[i] = points.index[Int(slot)]
                                distanceOut[i] = metres
                                minutesOut[i] = metres * table.minutesPerMetre[zone]
                                coveredOut[i] = metres <= table.radius[zone]
                            }
                        }
                        coveredCount = count
                    }
                    minutesCount = count
                }
                distanceCount = count
            }
            nearestCount = count
        }
        return CoverageResult(nearestPoint: nearest, distance: distance, minutes: minutes, covered: covered)
    }

    /// Ellipsoidal metres from residence `i` to the eligible point in `slot`, given their squared
    /// planar distance. The scale correction is exact to millimetres up to 20 km; the rare farther
    /// residence gets the geodesic itself.
    @inline(__always)
    static func distance(
        residence i: Int, slot: Int, squared: Double, residences: ResidenceTable,
        plane: (x: [Double], y: [Double], scale: [Double]),
        points: (longitudes: [Double], latitudes: [Double], scale: [Double], index: [Int32])
    ) -> Double {
        let metres = PlanarFrame.ellipsoidalDistance(
            planar: squared.squareRoot(), scale1: plane.scale[i], scale2: points.scale[slot])
        guard metres > PlanarFrame.correctedRange else { return metres }
        return Geodesic.wgs84.distance(
            longitude1: residences.longitudes[i], latitude1: residences.latitudes[i],
            longitude2: points.longitudes[slot], latitude2: points.latitudes[slot])
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
