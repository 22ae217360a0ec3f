import LegalCircle
import Testing

@Suite struct CellOutlineTests {
    private func cells(_ pairs: [(Int32, Int32)]) -> [GridCell] { pairs.map { GridCell(column: $0.0, row: $0.1) } }
    private func ring(_ pairs: [(Int, Int)]) -> [GridVertex] { pairs.map { GridVertex(column: $0.0, row: $0.1) } }

    @Test func singleCell() {
        #expect(CellOutline.polygons(cells: cells([(3, -2)])) == [[ring([(3, -2), (4, -2), (4, -1), (3, -1), (3, -2)])]])
    }

    @Test func lShapeDropsCollinearVertices() {
        let result = CellOutline.polygons(cells: cells([(0, 0), (1, 0), (2, 0), (0, 1)]))
        #expect(result == [[ring([(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (0, 2), (0, 0)])]])
    }

    @Test func squareWithHole() {
        let all = (0..<3).flatMap { c in (0..<3).map { r in (Int32(c), Int32(r)) } }.filter { $0 != (1, 1) }
        let result = CellOutline.polygons(cells: cells(all))
        #expect(result == [[
            ring([(0, 0), (3, 0), (3, 3), (0, 3), (0, 0)]),
            ring([(1, 1), (1, 2), (2, 2), (2, 1), (1, 1)]),
        ]])
    }

    @Test func cellsTouchingAtACornerAreSeparatePolygons() {
        let result = CellOutline.polygons(cells: cells([(0, 0), (1, 1)]))
        #expect(result == [
            [ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])],
            [ring([(1, 1), (2, 1), (2, 2), (1, 2), (1, 1)])],
        ])
    }

    /// A ring of cells closed only through a corner: one exterior whose hole touches it at (1, 1).
    @Test func holeTouchingItsExteriorAtACorner() {
        let result = CellOutline.polygons(cells: cells([(1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (0, 1)]))
        #expect(result.count == 1)
        #expect(result[0].count == 2)
        checkValid(result, cellSet: Set(cells([(1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (0, 1)])))
    }

    @Test func duplicateCellsAreIgnored() {
        #expect(CellOutline.polygons(cells: cells([(0, 0), (0, 0)])).count == 1)
        #expect(CellOutline.polygons(cells: []).isEmpty)
    }

    @Test(arguments: 0..<40 as Range<UInt64>)
    func randomCellSetsGiveValidPolygons(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let side = Int32.random(in: 2...12, using: &generator)
        let density = Double.random(in: 0.2...0.8, using: &generator)
        var set = Set<GridCell>()
        for c in 0..<side {
            for r in 0..<side where Double.random(in: 0..<1, using: &generator) < density {
                set.insert(GridCell(column: c - 5, row: r + 7))
            }
        }
        let result = CellOutline.polygons(cells: Array(set))
        let total = result.joined().reduce(0) { $0 + twiceArea($1) }
        #expect(total == 2 * set.count, "seed \(seed)")
        checkValid(result, cellSet: set)
    }

    @Test func geoPolygonsAreCounterClockwiseInLongitudeLatitude() throws {
        let frame = try PlanarFrame(centralMeridian: 120.15, originLatitude: 30.25)
        let result = try CellOutline.geoPolygons(cells: cells([(0, 0), (1, 0), (0, 1)]), cellSize: 500, frame: frame)
        let exterior = result[0][0]
        #expect(exterior.count == 7)
        #expect(exterior.first == exterior.last)
        #expect(abs(exterior[0].longitude - 120.15) < 1e-9 && abs(exterior[0].latitude - 30.25) < 1e-9)
        let twice = zip(exterior, exterior.dropFirst()).reduce(0.0) {
            $0 + $1.0.longitude * $1.1.latitude - $1.1.longitude * $1.0.latitude
        }
        #expect(twice > 0)
    }

    // MARK: - Checks

    private func twiceArea(_ ring: [GridVertex]) -> Int {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.column * $1.1.row - $1.1.column * $1.0.row }
    }

    /// Closed, simple, oriented rings, and exactly the given cells inside (cell centres tested).
    private func checkValid(_ polygons: [[[GridVertex]]], cellSet: Set<GridCell>) {
        for polygon in polygons {
            for (index, ring) in polygon.enumerated() {
                #expect(ring.count >= 5 && ring.first == ring.last)
                #expect(Set(ring.dropLast()).count == ring.count - 1, "ring repeats a vertex: \(ring)")
                #expect(index == 0 ? twiceArea(ring) > 0 : twiceArea(ring) < 0)
            }
        }
        let columns = cellSet.map { Int($0.column) }, rows = cellSet.map { Int($0.row) }
        guard let minColumn = columns.min(), let maxColumn = columns.max(), let minRow = rows.min(),
            let maxRow = rows.max()
        else { return }
        for c in minColumn - 1...maxColumn + 1 {
            for r in minRow - 1...maxRow + 1 {
                let centre = (x: Double(c) + 0.5, y: Double(r) + 0.5)
                let covering = polygons.filter { polygon in
                    contains(polygon[0], centre) && !polygon.dropFirst().contains { contains($0, centre) }
                }.count
                #expect(covering == (cellSet.contains(GridCell(column: Int32(c), row: Int32(r))) ? 1 : 0))
            }
        }
    }

    private func contains(_ ring: [GridVertex], _ point: (x: Double, y: Double)) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) where (Double(a.row) > point.y) != (Double(b.row) > point.y) {
            let x = Double(a.column) + (point.y - Double(a.row)) / Double(b.row - a.row) * Double(b.column - a.column)
            if x > point.x { inside.toggle() }
        }
        return inside
    }
}
