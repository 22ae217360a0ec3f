/// Finds ids seen before among accepted rows.
///
/// While ids arrive in strictly increasing order (exported and generated files usually are sorted) a
/// comparison with the previous id proves each one new, with no hashing. At the first id out of order
/// every id so far goes into an open-addressing table of 64-bit hashes of the id bytes, preallocated
/// for the expected row count, which handles the rest. A `Dictionary<String, Int>` did the same
/// at 10 million shuffled ids with 45 % of the whole run spent growing, rehashing and hashing it.
struct CSVUniqueIDs {
    private var previous: String?
    private var table: IDHashTable?
    /// The line of each accepted row, for "first on line N".
    private var lines: [Int32] = []
    private let expectedCount: Int

    init(expectedCount: Int) {
        self.expectedCount = expectedCount
        lines.reserveCapacity(expectedCount)
    }

    /// Records `id` for a row accepted at `line`; returns the line where it appeared first, or nil
    /// when it is new. `ids` are the ids accepted so far, in row order.
    mutating func firstLine<IDs: RandomAccessCollection<String>>(of id: String, line: Int, ids: IDs) -> Int? {
        if table == nil {
            if let previous, !(previous < id) {
                var built = IDHashTable(capacityFor: max(expectedCount, ids.count + 1))
                for (row, known) in ids.enumerated() { built.insert(known, row: row, ids: ids) }
                table = built
            } else {
                previous = id
                lines.append(Int32(clamping: line))
                return nil
            }
        }
        if let row = table!.insert(id, row: lines.count, ids: ids) { return Int(lines[row]) }
        lines.append(Int32(clamping: line))
        return nil
    }
}

/// Row numbers of ids by a 64-bit hash of their UTF-8 bytes: each slot holds the hash's top 32 bits
/// (the tag, which also picks the first slot) and the row + 1 (0 is empty); linear probing; equal
/// tags are confirmed by comparing the ids.
struct IDHashTable {
    private var slots: [UInt64]
    private var mask: Int
    private var count = 0

    /// Room for `count` ids at a load of at most 3/4 before it grows (10 million ids: 128 MiB).
    init(capacityFor count: Int) {
        var capacity = 16
        while 3 * capacity < 4 * count { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Adds `id` as row `row` unless an equal id is present; returns that id's row, or nil when added.
    mutating func insert<IDs: RandomAccessCollection<String>>(_ id: String, row: Int, ids: IDs) -> Int? {
        insert(id, hash: Self.hash(id), row: row, ids: ids)
    }

    /// `insert(_:row:ids:)` with the id's `hash(_:)` already computed.
    mutating func insert<IDs: RandomAccessCollection<String>>(_ id: String, hash: UInt64, row: Int, ids: IDs) -> Int? {
        if 4 * (count + 1) > 3 * slots.count { grow() }
        let tag = hash >> 32
        var slot = Int(tag) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 {
                slots[slot] = tag << 32 | UInt64(row + 1)
                count += 1
                return nil
            }
            if entry >> 32 == tag {
                let other = Int(entry & 0xFFFF_FFFF) - 1
                if ids[ids.index(ids.startIndex, offsetBy: other)] == id { return other }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the slots, moving entries by their tags (no id is hashed again). The readers size the
    /// table from the line count, so this only runs when that estimate was low.
    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        for entry in old where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        // splitmix64's finaliser.
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over the UTF-8 bytes, then mixed so that the top bits (the tag) depend on every byte.
    static func hash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return mix(hash)
        }
    }
}
