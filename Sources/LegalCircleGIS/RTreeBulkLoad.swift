import GRDB
import SQLiteBulk

/// Fills a new, empty SQLite R*Tree virtual table (2D, 32-bit float coordinates) in bulk by writing its
/// `_node`, `_parent` and `_rowid` tables directly, packed with Sort-Tile-Recursive (S. Leutenegger,
/// M. Lopez, J. Edgington, "STR: A Simple and Efficient Algorithm for R-Tree Packing", ICDE 1997).
///
/// Why: SQLite inserts one box at a time with R*-tree splits and forced reinsertion, 15-40 µs per box
/// here, minutes for ten million residences. Packing sorts once and writes every node once (GDAL
/// builds its GeoPackage indexes the same way). The node format is SQLite's (`ext/rtree/rtree.c`): a
/// big-endian 16-bit depth (read from the root, node 1, only), a 16-bit cell count, then cells of a
/// 64-bit id (rowid in leaves, child node number above) and minX, maxX, minY, maxY as big-endian
/// 32-bit floats, zero-padded to the node size SQLite chose when it created the table.
/// `SELECT rtreecheck('name')` verifies the result.
struct RTreeBulkLoad {
    private var ids: [Int64] = []
    /// minX, maxX, minY, maxY, rounded outwards to 32-bit floats as SQLite does.
    private var boxes: [SIMD4<Float>] = []

    var count: Int { ids.count }

    mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        boxes.reserveCapacity(capacity)
    }

    /// Adds a box; ids must be unique and, for the `_rowid` table to fill in key order, increasing.
    mutating func append(id: Int64, minX: Double, maxX: Double, minY: Double, maxY: Double) {
        ids.append(id)
        boxes.append(SIMD4(Self.down(minX), Self.up(maxX), Self.down(minY), Self.up(maxY)))
    }

    /// The largest float not above `value`.
    static func down(_ value: Double) -> Float {
        let rounded = Float(value)
        return Double(rounded) > value ? rounded.nextDown : rounded
    }

    /// The smallest float not below `value`.
    static func up(_ value: Double) -> Float {
        let rounded = Float(value)
        return Double(rounded) < value ? rounded.nextUp : rounded
    }

    /// One level of the tree: its entries, the order STR put them in, and each node's range of that order.
    private struct Level {
        /// Positions into `boxes` in node order; at the leaves also into `ids`, above the index of the
        /// child node in the level below.
        var order: [Int32]
        var boxes: [SIMD4<Float>]
        var nodes: [Range<Int>]

        init(boxes: [SIMD4<Float>], capacity: Int) {
            (order, nodes) = RTreeBulkLoad.tile(boxes, capacity: capacity)
            self.boxes = boxes
        }

        /// The box around each node, in node order: the entries of the level above.
        var nodeBoxes: [SIMD4<Float>] {
            nodes.map { range in
                order[range].dropFirst().reduce(boxes[Int(order[range.lowerBound])]) { RTreeBulkLoad.union($0, boxes[Int($1)]) }
            }
        }
    }

    /// Writes the packed tree into the shadow tables of the R*Tree `name`, created empty in this
    /// transaction (its root, node 1, is replaced).
    /// - Complexity: O(n log n) for n boxes (the sorts); one node row per 51 boxes, one `_rowid` row
    ///   per box.
    func write(_ db: Database, rtree name: String) throws {
        guard !ids.isEmpty else { return }
        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \((name + "_node").quotedDatabaseIdentifier) WHERE nodeno = 1")
        guard let nodeSize, nodeSize >= 4 + 2 * 24 else {
            throw DatabaseError(message: "R*Tree \(name) has no root node to replace")
        }
        let capacity = (nodeSize - 4) / 24

        // Leaves, then one level per 51-fold reduction up to a single root.
        var levels = [Level(boxes: boxes, capacity: capacity)]
        while levels[levels.count - 1].nodes.count > 1 {
            levels.append(Level(boxes: levels[levels.count - 1].nodeBoxes, capacity: capacity))
        }

        // Node numbers top-down: the root is 1, then each level in turn.
        let top = levels.count - 1
        var firstNumber = [Int64](repeating: 0, count: levels.count)
        var next: Int64 = 1
        for level in stride(from: top, through: 0, by: -1) {
            firstNumber[level] = next
            next += Int64(levels[level].nodes.count)
        }

        let nodeTable = (name + "_node").quotedDatabaseIdentifier
        let insertNode = try RawStatement(db, sql: "INSERT OR REPLACE INTO \(nodeTable) (nodeno, data) VALUES (?, ?)")
        let insertParent = try RawStatement(
            db, sql: "INSERT INTO \((name + "_parent").quotedDatabaseIdentifier) (nodeno, parentnode) VALUES (?, ?)")
        var blob = [UInt8](repeating: 0, count: nodeSize)
        for (levelIndex, level) in levels.enumerated() {
            for (nodeIndex, range) in level.nodes.enumerated() {
                let number = firstNumber[levelIndex] + Int64(nodeIndex)
                for i in blob.indices { blob[i] = 0 }
                Self.put(UInt16(levelIndex == top ? top : 0), at: 0, in: &blob)
                Self.put(UInt16(range.count), at: 2, in: &blob)
                for (cell, position) in range.enumerated() {
                    let offset = 4 + 24 * cell
                    let entry = Int(level.order[position])
                    let child = levelIndex == 0 ? ids[entry] : firstNumber[levelIndex - 1] + Int64(entry)
                    Self.put(UInt64(bitPattern: child), at: offset, in: &blob)
                    let box = level.boxes[entry]
                    for k in 0..<4 { Self.put(box[k].bitPattern, at: offset + 8 + 4 * k, in: &blob) }
                    if levelIndex > 0 {
                        insertParent.bind(child, at: 1)
                        insertParent.bind(number, at: 2)
                        try insertParent.execute()
                    }
                }
                insertNode.bind(number, at: 1)
                blob.withUnsafeBytes { insertNode.bind($0, at: 2) }
                try insertNode.execute()
            }
        }

        // _rowid in key order: the leaf of each box, by input position.
        var leafOfInput = [Int32](repeating: 0, count: ids.count)
        for (nodeIndex, range) in levels[0].nodes.enumerated() {
            for position in range { leafOfInput[Int(levels[0].order[position])] = Int32(nodeIndex) }
        }
        let leafBase = firstNumber[0]
        try BatchInsert.run(
            db, table: (name + "_rowid").quotedDatabaseIdentifier, columns: ["rowid", "nodeno"], rows: ids.count
        ) { insert, input, base in
            insert.bind(ids[input], at: base + 1)
            insert.bind(leafBase + Int64(leafOfInput[input]), at: base + 2)
        } rejected: { input, error in
            DatabaseError(resultCode: error.resultCode, message: "R*Tree \(name): id \(ids[input]) twice")
        }
    }

    /// STR for one level: sorted by x-centre into √P vertical slices of √P·M entries, each slice sorted
    /// by y-centre and cut into nodes of M = `capacity` entries.
    /// - Returns: the entry order (indices into `boxes`) and each node's range within it.
    private static func tile(_ boxes: [SIMD4<Float>], capacity: Int) -> (order: [Int32], nodes: [Range<Int>]) {
        let count = boxes.count
        let nodeCount = (count + capacity - 1) / capacity
        let sliceCount = Int(Double(nodeCount).squareRoot().rounded(.up))
        let sliceSize = sliceCount * capacity
        var order = [Int32](0..<Int32(count))
        var nodes: [Range<Int>] = []
        nodes.reserveCapacity(nodeCount + sliceCount)
        boxes.withUnsafeBufferPointer { box in
            // Twice the centre: minX + maxX, minY + maxY.
            order.sort { box[Int($0)][0] + box[Int($0)][1] < box[Int($1)][0] + box[Int($1)][1] }
            for start in stride(from: 0, to: count, by: sliceSize) {
                let slice = start..<min(start + sliceSize, count)
                order[slice].sort { box[Int($0)][2] + box[Int($0)][3] < box[Int($1)][2] + box[Int($1)][3] }
                for nodeStart in stride(from: slice.lowerBound, to: slice.upperBound, by: capacity) {
                    nodes.append(nodeStart..<min(nodeStart + capacity, slice.upperBound))
                }
            }
        }
        return (order, nodes)
    }

    private static func union(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> {
        SIMD4(min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
    }

    private static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in blob: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes in
            for (k, byte) in bytes.enumerated() { blob[offset + k] = byte }
        }
    }
}
