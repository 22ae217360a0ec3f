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

    @Test func emptyTreeHasNoNearest() {
        #expect(KDTree(x: [], y: []).nearest(x: 0, y: 0) == nil)
    }
}
