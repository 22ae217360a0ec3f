/// LSD radix sort of 64-bit keys carrying a 32-bit payload, 11 bits per pass over the bits the keys
/// actually use (keys are offset by their minimum), so node ids up to 2^33 take 3 passes.
enum RadixSort {
    /// Sorts `keys` ascending and applies the same permutation to `payload`; stable.
    /// - Complexity: O(n · passes), passes = ⌈bits of (max − min) / 11⌉.
    static func sort(keys: inout ContiguousArray<Int64>, payload: inout ContiguousArray<Int32>) {
        let count = keys.count
        precondition(payload.count == count)
        guard count > 1, let low = keys.min(), let high = keys.max(), high > low else { return }
        let range = UInt64(bitPattern: high &- low)
        let bits = 64 - range.leadingZeroBitCount
        let radixBits = 11
        let buckets = 1 << radixBits
        let mask = UInt64(buckets - 1)
        var otherKeys = ContiguousArray<Int64>(repeating: 0, count: count)
        var otherPayload = ContiguousArray<Int32>(repeating: 0, count: count)
        var shift = 0
        while shift < bits {
            var counts = [Int](repeating: 0, count: buckets + 1)
            keys.withUnsafeBufferPointer { keys in
                for key in keys { counts[Int((UInt64(bitPattern: key &- low) >> UInt64(shift)) & mask) + 1] += 1 }
            }
            for b in 1...buckets { counts[b] += counts[b - 1] }
            keys.withUnsafeBufferPointer { keys in
                payload.withUnsafeBufferPointer { payload in
                    otherKeys.withUnsafeMutableBufferPointer { outKeys in
                        otherPayload.withUnsafeMutableBufferPointer { outPayload in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for i in 0..<count {
                                    let key = keys[i]
                                    let bucket = Int((UInt64(bitPattern: key &- low) >> UInt64(shift)) & mask)
                                    let to = counts[bucket]
                                    counts[bucket] = to + 1
                                    outKeys[to] = key
                                    outPayload[to] = payload[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&payload, &otherPayload)
            shift += radixBits
        }
    }
}
