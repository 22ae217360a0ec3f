/// Everything the solvers share: the run in its projection, the candidates, and the ledger.
struct SuggestionContext {
    /// The existing points and the sites added so far.
    var points: [ServicePoint]
    let parameters: CoverageParameters
    /// The engine's island rule for these residences; nil without boundaries.
    let islandRule: IslandRule?
    let residences: ResidenceTable
    let plane: PlacedColumns
    let radius: [Double]
    let frame: PlanarFrame
    /// The box of the residences and eligible points (with the sites added so far).
    var extent: FrameExtent
    /// The usable candidates and their columns, in the same order.
    let candidates: [SiteCandidate]
    let sites: PlacedColumns
    let maximumScale: Double
    var ledger: CoverageLedger
    /// The roads a run by network travel measures minutes over; nil for the straight-line estimate.
    let roads: (any RoadTravel)?

    /// The coverage run of these inputs, as `report` computes it, and the island rule it applied (built
    /// once here by the engine's own `IslandRule`, for the recomputations after sites are added).
    static func analyse(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters, boundaries: [Boundary]?,
        roads: (any RoadTravel)? = nil
    ) throws -> (CoverageAnalysis, IslandRule?) {
        let rule = IslandRule(boundaries: boundaries, links: parameters.profile.links, residences: residences)
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: parameters, islandRule: rule, roads: roads)
        return (analysis, rule)
    }

    /// The candidates, one per location, with empty counties taken from the boundaries when known.
    static func located(_ candidates: [SiteCandidate], countyIndex: CountyIndex?) throws -> [SiteCandidate] {
        var list = CandidateGenerator.deduplicated(candidates)
        if let countyIndex {
            for i in list.indices where list[i].county?.isEmpty ?? true {
                list[i].county = countyIndex.code(longitude: list[i].location.longitude, latitude: list[i].location.latitude)
            }
        }
        return list
    }

    /// - Parameters:
    ///   - analysis: the engine's run of `points` (see `analyse`).
    ///   - candidates: from `located`, or nil to make them from the gaps of `county` (all when nil).
    ///   - roads: the roads `analysis` was computed over (nil for the straight-line estimate).
    init(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters, analysis: CoverageAnalysis,
        islandRule: IslandRule?, candidates given: [SiteCandidate]?, county: String?, roads: (any RoadTravel)? = nil
    ) throws {
        precondition((roads == nil) == (analysis.network == nil), "the analysis must be by the roads planned over")
        self.points = points
        self.roads = roads
        self.parameters = parameters
        self.islandRule = islandRule
        self.residences = residences
        radius = parameters.profile.zoneTable.radius
        frame = analysis.frame
        let eligible = parameters.eligibleIndices(of: points)
        let pointLongitudes = eligible.map { points[$0].location.longitude }
        let pointLatitudes = eligible.map { points[$0].location.latitude }
        extent = FrameExtent(longitudes: [residences.longitudes, pointLongitudes], latitudes: [residences.latitudes, pointLatitudes])
        plane = try PlacedColumns(
            longitudes: residences.longitudes, latitudes: residences.latitudes, frame: frame,
            landMass: islandRule?.residences ?? [])
        let pointPlane = try frame.project(longitudes: pointLongitudes, latitudes: pointLatitudes)

        // The squared planar distance the engine found from each residence to its chosen point (by the
        // straight-line estimate, which residences off the roads keep in a network run).
        var slotOfPoint = [Int](repeating: -1, count: points.count)
        for (slot, index) in eligible.enumerated() { slotOfPoint[index] = slot }
        let result = analysis.result
        let straight = analysis.network?.straightLine ?? result
        var nearestSquared = [Double](repeating: .infinity, count: residences.count)
        for r in 0..<residences.count where straight.nearestPoint[r] >= 0 {
            let slot = slotOfPoint[Int(straight.nearestPoint[r])]
            let dx = pointPlane.x[slot] - plane.columns.x[r]
            let dy = pointPlane.y[slot] - plane.columns.y[r]
            nearestSquared[r] = dx * dx + dy * dy
        }

        var list: [SiteCandidate]
        if let given {
            list = given
        } else {
            let scope = county.flatMap { residences.counties.index(of: $0) }
            let universe = (0..<residences.count).filter {
                !result.covered[$0] && residences.populations[$0] > 0 && (scope == nil || residences.countyIndices[$0] == scope!)
            }.map { Int32($0) }
            let areas = county.map { code in analysis.areas.filter { $0.county == code } } ?? analysis.areas
            list = CandidateGenerator.deduplicated(
                CandidateGenerator.generate(universe: universe, residences: residences, plane: plane, radius: radius, areas: areas))
            // An area's candidate is labelled with the area's most populous named places, as in `gaps`.
            let places = try UncoveredPlaces.areaNames(
                areas: areas, residences: residences, result: result, frame: frame, cellSize: parameters.areaCellSize)
            for i in list.indices {
                if case .area(let id) = list[i].origin, let names = places[id], !names.isEmpty {
                    list[i].place = names.joined(separator: "、")
                }
            }
        }
        let longitudes = list.map(\.location.longitude)
        let latitudes = list.map(\.location.latitude)
        sites = try PlacedColumns(
            longitudes: longitudes, latitudes: latitudes, frame: frame,
            landMass: islandRule?.landMasses(longitudes: longitudes, latitudes: latitudes) ?? [])
        // A candidate still without a county takes the nearest residence's.
        if list.contains(where: { $0.county?.isEmpty ?? true }) {
            let tree = KDTree(x: plane.columns.x, y: plane.columns.y)
            for i in list.indices where list[i].county?.isEmpty ?? true {
                if let (nearest, _) = tree.nearest(x: sites.columns.x[i], y: sites.columns.y[i]) { list[i].county = residences.county(at: Int(nearest)) }
            }
        }
        candidates = list

        let scales = [plane.columns.scale, pointPlane.scale, sites.columns.scale].joined()
        let scaleRange = (scales.min() ?? 1)...(scales.max() ?? 1)
        maximumScale = scaleRange.upperBound
        ledger = CoverageLedger(
            residences: residences, plane: plane, radius: radius, result: result, nearestSquared: nearestSquared,
            report: analysis.report, scaleRange: scaleRange, network: analysis.network, targetMinutes: parameters.profile.minutes)
    }

    /// Whether adding a station at `location` keeps the projection a recomputation would use.
    func keepsFrame(adding location: GeoCoordinate) -> Bool {
        var wider = extent
        wider.include(location)
        return wider.centres(frame)
    }

    /// The context after adding a station, by a full engine run in the projection it gives (over the
    /// roads in a network run, exactly as `report` computes it).
    func adding(_ station: ServicePoint) throws -> SuggestionContext {
        let all = points + [station]
        let analysis = try CoverageEngine.analyse(
            points: all, residences: residences, parameters: parameters, islandRule: islandRule, roads: roads)
        return try SuggestionContext(
            points: all, residences: residences, parameters: parameters, analysis: analysis, islandRule: islandRule,
            candidates: candidates, county: nil, roads: roads)
    }
}
