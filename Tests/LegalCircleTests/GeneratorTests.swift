import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@Suite struct GeneratorTests {
    @Test func sameSeedSameDataDifferentSeedDifferentData() {
        let first = DemoGenerator(seed: 42).generate(residences: 3_000, points: 120)
        let again = DemoGenerator(seed: 42).generate(residences: 3_000, points: 120)
        let other = DemoGenerator(seed: 43).generate(residences: 3_000, points: 120)
        #expect(first.points == again.points)
        #expect(first.residences == again.residences)
        #expect(first.points != other.points)
        #expect(first.residences.longitudes != other.residences.longitudes)
    }

    /// A fingerprint of seed 1: the generator uses only integer and basic IEEE arithmetic, so this
    /// holds on every platform. Re-record only when the generator is changed on purpose.
    @Test func fingerprintIsStable() {
        let data = DemoGenerator(seed: 1).generate(residences: 2_000, points: 100)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x100_0000_01B3 }
        for row in 0..<data.residences.count {
            mix(data.residences.longitudes[row].bitPattern)
            mix(data.residences.latitudes[row].bitPattern)
            mix(data.residences.populations[row].bitPattern)
            mix(UInt64(data.residences.zones[row].rawValue))
        }
        for point in data.points {
            mix(point.location.longitude.bitPattern)
            mix(point.location.latitude.bitPattern)
            mix(UInt64(point.kinds.rawValue))
        }
        #expect(data.residences[0].location == GeoCoordinate(longitude: 120.148563, latitude: 30.239794))
        #expect(hash == 14_593_653_407_140_856_862)
    }

    @Test(arguments: [(1, 500, 30), (2, 2_000, 100), (3, 5_000, 300), (4, 60_000, 900)] as [(UInt64, Int, Int)])
    func rowsArePlausible(seed: UInt64, residences: Int, points: Int) {
        let data = DemoGenerator(seed: seed).generate(residences: residences, points: points)
        let table = data.residences
        #expect(table.count == residences)
        #expect(data.points.count == points)
        #expect(Set(table.zones) == Set(Zone.allCases))

        let box = (DemoGenerator.longitudeRange, DemoGenerator.latitudeRange)
        for row in 0..<table.count {
            #expect(box.0.contains(table.longitudes[row]) && box.1.contains(table.latitudes[row]))
            if table.zones[row] == .island { #expect(table.longitudes[row] > DemoGenerator.islandMinimumLongitude) }
            let population = table.populations[row]
            let range: ClosedRange<Double> =
                switch table.zones[row] {
                case .urban: 20...300
                case .rural: 5...80
                case .mountain: 1...30
                case .island: 5...60
                }
            #expect(range.contains(population) && population == population.rounded())
        }
        for point in data.points {
            #expect(box.0.contains(point.location.longitude) && box.1.contains(point.location.latitude))
            #expect(!point.kinds.isEmpty)
        }

        let codes = table.counties.codes
        #expect(codes.count == 4)
        #expect(codes.allSatisfy { $0.count == 6 && $0.hasPrefix("33") && $0.allSatisfy(\.isNumber) })
        #expect(table.countyIndices.allSatisfy { $0 >= 0 })
        #expect(data.points.allSatisfy { $0.county.map(codes.contains) == true })

        #expect(table.ids.first == "R0000001" && table.ids.last == "R" + String(repeating: "0", count: 7 - String(residences).count) + String(residences))
        #expect(data.points.first?.id == "P000001")
        #expect(Set(table.ids).count == residences && Set(data.points.map(\.id)).count == points)
        #expect(data.points.first?.level == .province)
        #expect(Set(data.points.map(\.level)).isSuperset(of: [.province, .city, .county, .township, .village, .grid]))
    }

    /// The demo must show gaps: some residences farther than 6 km (beyond any default 15-minute reach)
    /// from every service point, checked by brute force.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func someResidencesAreFarFromEveryPoint(seed: UInt64) {
        let data = DemoGenerator(seed: seed).generate(residences: 3_000, points: 150)
        var farCount = 0
        for row in 0..<data.residences.count {
            let nearest = data.points.map {
                haversine(
                    data.residences.longitudes[row], data.residences.latitudes[row], $0.location.longitude,
                    $0.location.latitude)
            }.min()!
            if nearest > 6_000 { farCount += 1 }
        }
        #expect(farCount > 10)
        #expect(farCount < data.residences.count / 5)
    }

    @Test func countyCountScalesAndCanBeSet() {
        let many = DemoGenerator(seed: 5, countyCount: 90).generate(residences: 9_000, points: 300)
        #expect(many.residences.counties.codes.count == 90)
        #expect(Set(many.residences.counties.codes).count == 90)
        #expect(Set(many.residences.zones) == Set(Zone.allCases))
        let one = DemoGenerator(seed: 5, countyCount: 1).generate(residences: 100, points: 5)
        #expect(one.residences.counties.codes == ["330102"])
        #expect(DemoGenerator.maximumCountyCount == 90)
    }

    @Test func degenerateSizes() {
        let empty = DemoGenerator(seed: 1).generate(residences: 0, points: 0)
        #expect(empty.residences.isEmpty && empty.points.isEmpty)
        let pointsOnly = DemoGenerator(seed: 1).generate(residences: 0, points: 7)
        #expect(pointsOnly.points.count == 7 && pointsOnly.residences.isEmpty)
        let tiny = DemoGenerator(seed: 1).generate(residences: 1, points: 1)
        #expect(tiny.residences.count == 1 && tiny.points.count == 1)
        let fewPoints = DemoGenerator(seed: 1).generate(residences: 1_000, points: 2)
        #expect(fewPoints.points.map(\.level) == [.province, .county])
    }
}

/// Great-circle distance in metres on a sphere of the mean Earth radius.
private func haversine(_ longitude1: Double, _ latitude1: Double, _ longitude2: Double, _ latitude2: Double) -> Double {
    let radians = Double.pi / 180
    let dLatitude = (latitude2 - latitude1) * radians
    let dLongitude = (longitude2 - longitude1) * radians
    let h = sin(dLatitude / 2) * sin(dLatitude / 2)
        + cos(latitude1 * radians) * cos(latitude2 * radians) * sin(dLongitude / 2) * sin(dLongitude / 2)
    return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
}
