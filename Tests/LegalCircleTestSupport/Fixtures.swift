import Foundation
import LegalCircle

/// Small hand-made service points and residences with every edge case, shared by the test targets.
public enum Fixtures {
    public static let hangzhou = GeoCoordinate(longitude: 120.1551, latitude: 30.2741)

    public static func coordinate(_ dLon: Double, _ dLat: Double) -> GeoCoordinate {
        GeoCoordinate(longitude: hangzhou.longitude + dLon, latitude: hangzhou.latitude + dLat)
    }

    public static let points: [ServicePoint] = [
        ServicePoint(
            id: "P1", name: "西湖区公共法律服务中心", kinds: [.mediation, .legalAid, .consultation], level: .county,
            location: coordinate(0.001, 0.002), county: "330106"),
        ServicePoint(
            id: "P2", name: "村调解室", kinds: .mediation, level: .village, location: coordinate(-0.03, 0.01),
            county: nil),
        ServicePoint(
            id: "P0", name: "公证处", kinds: [], level: .city, location: coordinate(0.05, -0.02), county: ""),
    ]

    /// Ids out of order, fractional and zero populations, nil county, every zone.
    public static var residences: ResidenceTable {
        ResidenceTable([
            Residence(id: "R9", location: coordinate(0.002, 0.001), population: 3, county: "330106", zone: .urban),
            Residence(id: "R1", location: coordinate(-0.2, 0.1), population: 0.37, county: nil, zone: .rural),
            Residence(id: "R5", location: coordinate(0.01, -0.03), population: 12.5, county: "330102", zone: .mountain),
            Residence(id: "R3", location: coordinate(0.3, 0.2), population: 0, county: "330106", zone: .island),
        ])
    }

    /// An analysis from the engine with hand-made results put in, so every edge case is present:
    /// no eligible point (infinities), nil percents, an infinite p90, the "" county, nil area fields.
    public static func analysis(points: [ServicePoint], residences: ResidenceTable) throws -> CoverageAnalysis {
        let parameters = CoverageParameters(
            profile: TravelProfile.standard.with(minutes: 20), kinds: [.mediation, .legalAid], areaCellSize: 250)
        var analysis = try CoverageEngine.analyse(points: points, residences: residences, parameters: parameters)
        let n = residences.count
        let noPoint = (0..<n).map { $0 % 2 == 1 }
        let nearest: [Int32] = (0..<n).map { noPoint[$0] ? -1 : Int32($0 % points.count) }
        let distance: [Double] = (0..<n).map { noPoint[$0] ? .infinity : 120.5 + Double($0) * 1000.125 }
        let minutes: [Double] = (0..<n).map { noPoint[$0] ? .infinity : 1.0 / 3.0 + Double($0) }
        let covered: [Bool] = (0..<n).map { $0 % 4 == 0 }
        analysis.result = CoverageResult(nearestPoint: nearest, distance: distance, minutes: minutes, covered: covered)
        var unknown = CountyFigures(
            county: "", residents: 0.37, covered: 0,
            zones: [ZoneFigures(zone: .rural, residents: 0.37, covered: 0), ZoneFigures(zone: .urban, residents: 0, covered: 0)],
            servicePoints: 1, medianMinutes: nil, p90Minutes: .infinity, uncoveredAreas: 1)
        unknown.pointsPer10k = nil
        let xihu = CountyFigures(
            county: "330106", residents: 3, covered: 3,
            zones: Zone.allCases.map { zone -> ZoneFigures in
                let residents: Double = zone == .urban ? 3 : 0
                return ZoneFigures(zone: zone, residents: residents, covered: residents)
            },
            servicePoints: 2, medianMinutes: 0.1 + 0.2, p90Minutes: 4.75, uncoveredAreas: 0)
        let empty = CountyFigures(
            county: "330102", residents: 0, covered: 0, zones: [], servicePoints: 0, medianMinutes: nil,
            p90Minutes: nil, uncoveredAreas: 0)
        let total = CountyFigures(
            county: CountyFigures.totalKey, residents: 3.37, covered: 3,
            zones: [ZoneFigures(zone: .urban, residents: 3, covered: 3), ZoneFigures(zone: .rural, residents: 0.37, covered: 0)],
            servicePoints: 3, medianMinutes: 1.25, p90Minutes: .infinity, uncoveredAreas: 2)
        analysis.report = CoverageReport(counties: [unknown, empty, xihu], total: total)
        analysis.areas = [
            UncoveredArea(
                id: 1, county: nil, dominantZone: .rural, population: 0.37, residenceCount: 1,
                centroid: coordinate(-0.2, 0.1), minLongitude: 119.9, minLatitude: 30.3, maxLongitude: 120.0,
                maxLatitude: 30.4, nearestPointID: nil, nearestPointName: nil, nearestDistance: nil,
                nearestMinutes: nil, minutesBeyondTarget: nil,
                cells: [GridCell(column: -3, row: 7), GridCell(column: Int32.min, row: Int32.max)]),
            UncoveredArea(
                id: 2, county: "", dominantZone: .island, population: 0, residenceCount: 2,
                centroid: coordinate(0.3, 0.2), minLongitude: 120.4, minLatitude: 30.4, maxLongitude: 120.5,
                maxLatitude: 30.5, nearestPointID: "P1", nearestPointName: "西湖区公共法律服务中心",
                nearestDistance: 31_234.567, nearestMinutes: 87.1, minutesBeyondTarget: 67.1, cells: []),
        ]
        analysis.timings.projection = 0.001
        analysis.timings.coverage = 1.5
        return analysis
    }
}

extension Fixtures {
    /// More rows than one multi-row INSERT takes, with every kind of value.
    public static func randomResidences(count: Int, seed: UInt64) -> ResidenceTable {
        var random = SplitMix64(seed: seed)
        let counties: [String?] = [nil, "330102", "330106", "330329", ""]
        var table = ResidenceTable()
        for i in 0..<count {
            table.append(
                id: "R-\(i)-\(random.next() % 1000)", longitude: 118 + Double.random(in: 0..<5, using: &random),
                latitude: 27 + Double.random(in: 0..<4, using: &random),
                population: Double.random(in: 0..<40, using: &random), county: counties.randomElement(using: &random)!,
                zone: Zone.allCases.randomElement(using: &random)!)
        }
        return table
    }

    public static func randomPoints(count: Int, seed: UInt64) -> [ServicePoint] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { i in
            ServicePoint(
                id: "P\(i)", name: "点 \(i)", kinds: ServiceKinds(rawValue: UInt16(random.next() % 256)),
                level: ServiceLevel.allCases.randomElement(using: &random)!,
                location: GeoCoordinate(
                    longitude: 118 + Double.random(in: 0..<5, using: &random),
                    latitude: 27 + Double.random(in: 0..<4, using: &random)),
                county: i % 7 == 0 ? nil : "3301\(i % 10)0")
        }
    }

    public static func randomAreas(count: Int, seed: UInt64) -> [UncoveredArea] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let reached = i % 3 != 0
            return UncoveredArea(
                id: count - i, county: i % 5 == 0 ? nil : "330106", dominantZone: Zone.allCases[i % 4],
                population: Double.random(in: 0..<500, using: &random), residenceCount: i + 1,
                centroid: GeoCoordinate(longitude: 120 + Double(i) * 1e-4, latitude: 30),
                minLongitude: 119.9, minLatitude: 29.9, maxLongitude: 120.1, maxLatitude: 30.1,
                nearestPointID: reached ? "P\(i)" : nil, nearestPointName: reached ? "点 \(i)" : nil,
                nearestDistance: reached ? Double.random(in: 0..<9000, using: &random) : nil,
                nearestMinutes: reached ? 15.5 : nil, minutesBeyondTarget: reached ? 0.5 : nil,
                cells: (0..<(i % 6)).map { GridCell(column: Int32(i) - 100, row: Int32($0)) })
        }
    }
}
