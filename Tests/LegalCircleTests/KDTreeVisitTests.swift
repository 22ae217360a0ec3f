import LegalCircle
import Testing

@Suite struct KDTreeVisitTests {
    /// The non-allocating visit finds exactly what `within(radius:x:y:)` finds, with the same squared
    /// distances, on clustered random points.
    @Test func visitingFindsWhatWithinFinds() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<20 {
            let count = Int.random(in: 1...2_000, using: &random)
            let x = (0..<count).map { _ in Double.random(in: 0..<10_000, using: &random).rounded() }
            let y = (0..<count).map { _ in Double.random(in: 0..<10_000, using: &random).rounded() }
            let tree = KDTree(x: x, y: y)
            for _ in 0..<50 {
                let qx = Double.random(in: -500..<10_500, using: &random)
                let qy = Double.random(in: -500..<10_500, using: &random)
                let radius = Double.random(in: 0..<1_500, using: &random)
                var visited: [(Int32, Double)] = []
                tree.forEach(within: radius, x: qx, y: qy) { visited.append(($0, $1)) }
                let expected = tree.within(radius: radius, x: qx, y: qy)
                #expect(visited.sorted { $0.0 < $1.0 }.map(\.0) == expected.map(\.index).sorted())
                for (index, squared) in visited {
                    let dx = x[Int(index)] - qx, dy = y[Int(index)] - qy
                    #expect(squared == dx * dx + dy * dy && squared <= radius * radius)
                }
            }
        }
    }
}
