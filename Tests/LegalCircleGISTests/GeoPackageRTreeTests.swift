import Foundation
import GRDB
@testable import LegalCircleGIS
import Testing

/// The packed R*Tree against SQLite's own checker (`rtreecheck`) and against brute force, for trees of
/// one to four levels, and SQLite's own inserts and deletes on top of it.
@Suite struct GeoPackageRTreeTests {
    /// SplitMix64: a repeatable generator for the random boxes.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    struct Box {
        var id: Int64
        var minX, maxX, minY, maxY: Double
    }

    static func boxes(count: Int, seed: UInt64, points: Bool) -> [Box] {
        var random = Random(state: seed)
        return (0..<count).map { index in
            let x = 119 + 3 * random.next()
            let y = 28 + 3 * random.next()
            let (w, h) = points ? (0.0, 0.0) : (0.05 * random.next(), 0.05 * random.next())
            // Ids with gaps, as features without geometry leave.
            return Box(id: Int64(index * 2 + 1), minX: x, maxX: x + w, minY: y, maxY: y + h)
        }
    }

    func load(_ boxes: [Box]) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
            var packer = RTreeBulkLoad()
            for box in boxes { packer.append(id: box.id, minX: box.minX, maxX: box.maxX, minY: box.minY, maxY: box.maxY) }
            try packer.write(db, rtree: "r")
        }
        return queue
    }

    @Test(arguments: [(1, true), (51, true), (52, false), (2_700, true), (140_000, true), (9_000, false)])
    func packedTreeIsValidAndAnswersLikeBruteForce(count: Int, points: Bool) throws {
        let boxes = Self.boxes(count: count, seed: UInt64(count), points: points)
        let queue = try load(boxes)
        try queue.read { db in
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('r')") == "ok")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM r") == count)
            // The root's first two bytes: the depth, big-endian.
            let depth = try String.fetchOne(db, sql: "SELECT hex(substr(data, 1, 2)) FROM r_node WHERE nodeno = 1")
            let levels = count <= 51 ? 0 : count <= 51 * 51 ? 1 : count <= 51 * 51 * 51 ? 2 : 3
            #expect(depth == "000\(levels)", "a full packing needs \(levels + 1) levels")
            // Every stored box contains the double-precision box.
            let stored = try Row.fetchAll(db, sql: "SELECT * FROM r ORDER BY id").map { row in
                Box(id: row["id"], minX: row["minx"], maxX: row["maxx"], minY: row["miny"], maxY: row["maxy"])
            }
            #expect(zip(boxes, stored).allSatisfy { box, float in
                float.id == box.id && float.minX <= box.minX && box.maxX <= float.maxX && float.minY <= box.minY && box.maxY <= float.maxY
            })
            // Window queries through the index against a scan of the same float boxes.
            var random = Random(state: 99)
            for _ in 0..<20 {
                let x = 119 + 3 * random.next(), y = 28 + 3 * random.next(), size = 0.4 * random.next()
                let found = try Int64.fetchAll(
                    db, sql: "SELECT id FROM r WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id",
                    arguments: [x, x + size, y, y + size])
                let expected = stored.filter { $0.maxX >= x && $0.minX <= x + size && $0.maxY >= y && $0.minY <= y + size }.map(\.id)
                #expect(found == expected)
            }
        }
        // SQLite's own R*-tree code keeps working on the packed tree.
        try queue.write { db in
            try db.execute(sql: "DELETE FROM r WHERE id % 3 = 0")
            try db.execute(sql: "INSERT INTO r VALUES (2, 120, 120.5, 30, 30.5), (4, 121, 121, 29, 29)")
            #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('r')") == "ok")
            #expect(try Int64.fetchAll(db, sql: "SELECT id FROM r WHERE minx <= 121 AND maxx >= 121 AND miny <= 29 AND maxy >= 29").contains(4))
        }
    }

    @Test func boxesRoundOutwardsToFloat() {
        let value = 120.123456789
        #expect(Double(RTreeBulkLoad.down(value)) <= value && value <= Double(RTreeBulkLoad.up(value)))
        #expect(RTreeBulkLoad.down(30.5) == 30.5 && RTreeBulkLoad.up(30.5) == 30.5, "exact floats stay")
        #expect(RTreeBulkLoad.up(value) == RTreeBulkLoad.down(value).nextUp)
    }

    @Test func anEmptyTreeKeepsItsEmptyRoot() throws {
        let queue = try load([])
        let (check, nodes) = try queue.read { db in
            (try String.fetchOne(db, sql: "SELECT rtreecheck('r')"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM r_node"))
        }
        #expect(check == "ok" && nodes == 1)
    }
}
