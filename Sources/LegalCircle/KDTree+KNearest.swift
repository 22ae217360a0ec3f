extension KDTree {
    /// The `k` nearest points to (x, y) by planar distance, nearest first, as (original index, squared
    /// distance); fewer when the tree holds fewer. Points equally far as the k-th may be left out: a
    /// caller that needs every tie asks `within` the k-th distance.
    ///
    /// The depth-first search of `search`, keeping the k best in a sorted buffer instead of one: a far
    /// half is revisited only while its bound is below the k-th best so far. The residents' look-up
    /// asked `within` a zone's radius before, which among 40,000 stations collected and sorted
    /// hundreds of points per query (half the service's CPU time, perf).
    /// - Complexity: O(log n + k log n) expected, plus O(k) per insertion into the buffer.
    public func nearest(_ k: Int, x qx: Double, y qy: Double) -> [(index: Int32, distanceSquared: Double)] {
        let k = Swift.min(k, count)
        guard k > 0 else { return [] }
        var bestSlots = [Int](repeating: 0, count: k)
        var bestDistances = [Double](repeating: .infinity, count: k)
        var filled = 0
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                bestSlots.withUnsafeMutableBufferPointer { slots in
                    bestDistances.withUnsafeMutableBufferPointer { distances in
                        // Insertion into the sorted buffer; the k-th entry is the bound (infinity until full).
                        func consider(_ slot: Int) {
                            let dx = xs[slot] - qx
                            let dy = ys[slot] - qy
                            let d = dx * dx + dy * dy
                            guard d < distances[k - 1] else { return }
                            var at = Swift.min(filled, k - 1)
                            while at > 0, distances[at - 1] > d {
                                distances[at] = distances[at - 1]
                                slots[at] = slots[at - 1]
                                at -= 1
                            }
                            distances[at] = d
                            slots[at] = slot
                            filled = Swift.min(filled + 1, k)
                        }
                        // At most one stacked half per level of the path (see `search`).
                        withUnsafeTemporaryAllocation(of: (lo: Int32, hi: Int32, axis: Int32, bound: Double).self, capacity: 32) { stack in
                            var top = 0
                            var lo = 0
                            var hi = xs.count
                            var axis = 0
                            while true {
                                while hi - lo > Self.leafSize {
                                    let mid = (lo + hi) >> 1
                                    consider(mid)
                                    let diff = axis == 0 ? qx - xs[mid] : qy - ys[mid]
                                    let bound = diff * diff
                                    if diff < 0 {
                                        if bound < distances[k - 1] { stack[top] = (Int32(mid + 1), Int32(hi), Int32(1 - axis), bound); top += 1 }
                                        hi = mid
                                    } else {
                                        if bound < distances[k - 1] { stack[top] = (Int32(lo), Int32(mid), Int32(1 - axis), bound); top += 1 }
                                        lo = mid + 1
                                    }
                                    axis = 1 - axis
                                }
                                for i in lo..<hi { consider(i) }
                                repeat {
                                    guard top > 0 else { return }
                                    top -= 1
                                } while stack[top].bound >= distances[k - 1]
                                (lo, hi, axis) = (Int(stack[top].lo), Int(stack[top].hi), Int(stack[top].axis))
                            }
                        }
                    }
                }
            }
        }
        return (0..<filled).map { (originalIndex[bestSlots[$0]], bestDistances[$0]) }
    }
}
