import Foundation

// Fixed-width columns are written and read by copying memory, which is little-endian only here.
#if _endian(big)
#error("ColumnChunk copies values in host byte order; add byte swapping before building on a big-endian host")
#endif

/// The blob layout of `residence_chunks` and `run_residence_chunks`: per-row values stored by column,
/// `capacity` consecutive rows per table row, one BLOB per column.
///
/// A chunk row has `chunk` (0, 1, 2, ...), `first_seq` (the position of its first row in the dataset
/// or run) and `row_count` (1...capacity); element `i` of every blob belongs to row `first_seq + i`.
/// Blobs have no header and no padding; numbers are little-endian:
///
/// | column | bytes per row | type |
/// |---|---|---|
/// | `lon`, `lat` (degrees), `population`, `distance_m`, `minutes` | 8 | IEEE 754 binary64 (`<f8`) |
/// | `county` (index into `dataset_counties.idx`), `nearest_point` (point `seq`) | 4 | Int32 (`<i4`), -1 = none |
/// | `zone` (0 urban, 1 rural, 2 mountain, 3 island: `Zone.rawValue`), `covered` (0/1) | 1 | UInt8 |
/// | `ids` | — | UTF-8 ids joined by one NUL byte (none after the last), so `row_count - 1` NULs |
/// | `names` (residences, "v6-residence-names") | — | as `ids`, "" for a row without a name; NULL when no row has one |
///
/// No eligible point is `nearest_point` -1 with `distance_m` and `minutes` +infinity.
/// In Python: `numpy.frombuffer(lon, '<f8')`, `numpy.frombuffer(county, '<i4')`,
/// `ids.decode('utf-8').split('\0')`.
enum ColumnChunk {
    /// Rows per chunk: 65,536 rows make blobs of 64 KiB to 512 KiB, large enough that SQLite's cost
    /// per table row vanishes (10 million residences are 153 rows) and small enough that encoding
    /// needs little memory. Readers rely on `first_seq` and `row_count`, not on this value.
    static let capacity = 65_536

    /// The row ranges of the chunks of `count` rows, in order: chunk `i` is
    /// `i * capacity ..< min((i + 1) * capacity, count)`.
    static func ranges(count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: capacity).map { $0..<min($0 + capacity, count) }
    }

    /// Calls `body` with the blob of `values[range]`: the values' own memory, no copy.
    static func withBlob<T: BitwiseCopyable, R>(
        _ values: [T], _ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R
    ) rethrows -> R {
        try values[range].withUnsafeBytes(body)
    }

    /// The `count` values of a fixed-width blob, copied with one `memcpy` (the blob need not be
    /// aligned); nil when the blob does not hold exactly `count` values.
    static func values<T: BitwiseCopyable>(_ type: T.Type, in blob: UnsafeRawBufferPointer, count: Int) -> [T]? {
        let stride = MemoryLayout<T>.stride
        // Divides rather than multiplies, so that a damaged row_count cannot overflow.
        guard count >= 0, blob.count % stride == 0, blob.count / stride == count else { return nil }
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: blob)
            initialized = count
        }
    }

    /// A `covered` blob as booleans; nil when its size is not `count` or a byte is not 0 or 1.
    static func flags(in blob: UnsafeRawBufferPointer, count: Int) -> [Bool]? {
        // Bool is one byte holding 0 or 1, so checked bytes copy as they are.
        guard blob.allSatisfy({ $0 <= 1 }) else { return nil }
        return values(Bool.self, in: blob, count: count)
    }

    /// `ids[range]` had an id containing NUL, which would split it in two.
    struct NULInID: Error, Equatable {
        /// The index into `ids`.
        var row: Int
    }

    /// The `ids` blob of `ids[range]`.
    /// - Throws: `NULInID` naming the first id that contains a NUL byte.
    /// - Complexity: O(total UTF-8 length); each id is appended with one copy.
    static func idBlob(_ ids: [String], _ range: Range<Int>) throws(NULInID) -> [UInt8] {
        var blob: [UInt8] = []
        blob.reserveCapacity(range.count * 16)
        for row in range {
            if row != range.lowerBound { blob.append(0) }
            var id = ids[row]
            let clean = id.withUTF8 { utf8 in
                guard !utf8.contains(0) else { return false }
                blob.append(contentsOf: utf8)
                return true
            }
            guard clean else { throw NULInID(row: row) }
        }
        return blob
    }

    /// The `count` ids of an `ids` blob; nil unless it holds exactly `count - 1` NUL bytes.
    static func ids(in blob: UnsafeRawBufferPointer, count: Int) -> [String]? {
        // Each id but the last is followed by a NUL: a damaged row_count is refused before allocating.
        guard count > 0, count - 1 <= blob.count else { return count == 0 && blob.isEmpty ? [] : nil }
        guard let base = blob.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            // An empty blob is one empty id.
            return count == 1 ? [""] : nil
        }
        var ids: [String] = []
        ids.reserveCapacity(count)
        var start = 0
        for _ in 0..<count {
            let rest = blob.count - start
            let end: Int
            if let nul = memchr(base + start, 0, rest) {
                end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(nul))
                // The last id must not be followed by a NUL.
                guard ids.count < count - 1 else { return nil }
            } else {
                // No separator left: only the last id may end the blob.
                guard ids.count == count - 1 else { return nil }
                end = blob.count
            }
            ids.append(String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
            start = end + 1
        }
        return ids
    }
}
