import LegalCircle
import LegalCircleBench
import Testing

@Suite struct KDTreeTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func nearestAndWithinMatchBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        // Clustered points with duplicates, as service points are.
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<2_000 {
            let cluster = Double(i % 7) * 10_000
            xs.append(cluster + .random(in: -500...500, using: &rng).rounded())
            ys.append(.random(in: -3_000...3_000, using: &rng).rounded())
        }
        let tree = KDTree(x: xs, y: ys)
        for _ in 0..<500 {
            let qx = Double.random(in: -20_000...90_000, using: &rng)
            let qy = Double.random(in: -20_000...20_000, using: &rng)
            let brute = xs.indices.map { (xs[$0] - qx) * (xs[$0] - qx) + (ys[$0] - qy) * (ys[$0] - qy) }
            let found = tree.nearest(x: qx, y: qy)!
            #expect(found.distanceSquared == brute.min()!)
            // A warm start from any earlier answer finds the same distance.
            var hint = Int.random(in: -1..<xs.count, using: &rng)
            let warm = tree.nearest(x: qx, y: qy, hint: &hint)!
            #expect(warm.distanceSquared == found.distanceSquared)
            #expect(brute[Int(found.index)] == found.distanceSquared)
            let radius = Double.random(in: 0...2_000, using: &rng)
            let within = tree.within(radius: radius, x: qx, y: qy).map(\.index).sorted()
            #expect(within == xs.indices.filter { brute[$0] <= radius * radius }.map { Int32($0) })
        }
    }

    /// The k nearest equal a sort of every point's distance (clustered, with duplicates), for k from 1
    /// to more than the tree holds.
    @Test(arguments: [UInt64(4), 5])
    func kNearestMatchBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<1_500 {
            let cluster = Double(i % 5) * 8_000
            xs.append(cluster + .random(in: -400...400, using: &rng).rounded())
            ys.append(.random(in: -2_000...2_000, using: &rng).rounded())
        }
        let tree = KDTree(x: xs, y: ys)
        for query in 0..<400 {
            let qx = Double.random(in: -20_000...60_000, using: &rng)
            let qy = Double.random(in: -10_000...10_000, using: &rng)
            let k = query % 10 == 0 ? 1_600 : Int.random(in: 1...60, using: &rng)
            let brute = xs.indices.map { (xs[$0] - qx) * (xs[$0] - qx) + (ys[$0] - qy) * (ys[$0] - qy) }
            let found = tree.nearest(k, x: qx, y: qy)
            #expect(found.map(\.distanceSquared) == Array(brute.sorted().prefix(k)))
            #expect(found.allSatisfy { brute[Int($0.index)] == $0.distanceSquared })
            #expect(Set(found.map(\.index)).count == found.count)
        }
        #expect(KDTree(x: [], y: []).nearest(3, x: 0, y: 0).isEmpty)
    }

    @Test func emptyTreeHasNoNearest() {
        #expect(KDTree(x: [], y: []).nearest(x: 0, y: 0) == nil)
    }
}
