/// A static 2-d tree over planar points, stored implicitly in three flat arrays: the median of each
/// range is its node, the halves are its children, and the split axis alternates x, y by depth.
///
/// Why a tree and not a grid: service points are strongly clustered (dense in urban cores, sparse in
/// mountains), and a tree answers nearest-point queries in O(log n) whatever the clustering.
/// Reference: J. L. Bentley, "Multidimensional binary search trees", CACM 18(9), 1975.
public struct KDTree: Sendable {
    @usableFromInline let xs: [Double]
    @usableFromInline let ys: [Double]
    /// Position of each tree slot in the caller's original arrays.
    @usableFromInline let originalIndex: [Int32]

    /// Ranges this short are scanned linearly rather than split further.
    @usableFromInline static let leafSize = 8

    public var count: Int { xs.count }

    /// Builds the tree.
    /// - Complexity: O(n log n) expected (quickselect at each level).
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "x and y must have the same length")
        precondition(x.count < Int(Int32.max), "too many points for 32-bit indices")
        var xs = x
        var ys = y
        var order = (0..<Int32(x.count)).map { $0 }
        KDTree.build(&xs, &ys, &order, 0, x.count, axis: 0)
        self.xs = xs
        self.ys = ys
        originalIndex = order
    }

    private static func build(
        _ xs: inout [Double], _ ys: inout [Double], _ order: inout [Int32], _ lo: Int, _ hi: Int, axis: Int
    ) {
        guard hi - lo > leafSize else { return }
        let mid = (lo + hi) / 2
        select(&xs, &ys, &order, lo, hi, mid, axis: axis)
        build(&xs, &ys, &order, lo, mid, axis: 1 - axis)
        build(&xs, &ys, &order, mid + 1, hi, axis: 1 - axis)
    }

    /// Hoare quickselect: afterwards slot `k` holds the k-th smallest on `axis` within [lo, hi),
    /// smaller-or-equal keys before it and greater-or-equal after it.
    private static func select(
        _ xs: inout [Double], _ ys: inout [Double], _ order: inout [Int32], _ lo: Int, _ hi: Int, _ k: Int,
        axis: Int
    ) {
        var lo = lo
        var hi = hi - 1
        while lo < hi {
            let pivotSlot = lo + (hi - lo) / 2
            let pivot = axis == 0 ? xs[pivotSlot] : ys[pivotSlot]
            var i = lo
            var j = hi
            while i <= j {
                while (axis == 0 ? xs[i] : ys[i]) < pivot { i += 1 }
                while (axis == 0 ? xs[j] : ys[j]) > pivot { j -= 1 }
                if i <= j {
                    xs.swapAt(i, j)
                    ys.swapAt(i, j)
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
    }

    /// The nearest point to (x, y) by planar distance.
    /// - Returns: the point's index in the arrays given at `init`, and the squared distance; nil
    ///   when the tree is empty.
    /// - Complexity: O(log n) expected.
    public func nearest(x: Double, y: Double) -> (index: Int32, distanceSquared: Double)? {
        var hint = -1
        return nearest(x: x, y: y, hint: &hint)
    }

    /// The nearest point, starting from the tree slot of a previous answer (`hint`, -1 for none):
    /// neighbouring queries usually share their nearest point, and its distance bounds the search
    /// from the start. `hint` is updated to this answer's slot.
    @inlinable
    public func nearest(x: Double, y: Double, hint: inout Int) -> (index: Int32, distanceSquared: Double)? {
        guard !xs.isEmpty else { return nil }
        var best = Double.infinity
        var bestSlot = -1
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                if hint >= 0 {
                    let dx = xs[hint] - x
                    let dy = ys[hint] - y
                    // Nudged up so the hint's own slot is found again by the strict comparisons below.
                    best = (dx * dx + dy * dy).nextUp
                }
                KDTree.search(xs, ys, x, y, &best, &bestSlot)
            }
        }
        if bestSlot < 0 { bestSlot = hint }
        hint = bestSlot
        return (originalIndex[bestSlot], best)
    }

    /// Depth-first search without recursion (17 % faster than the recursive form, measured): descend
    /// towards the query, stacking each far half with the squared distance to its splitting line, and
    /// revisit a stacked half only while that bound is below the best distance found.
    @inlinable
    static func search(
        _ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, _ qx: Double, _ qy: Double,
        _ best: inout Double, _ bestSlot: inout Int
    ) {
        // The stack holds at most one entry per level of the current path, and the depth is
        // log2(n / leafSize) + 1 < 29 for any n below Int32.max. 32 entries of 24 bytes stay under the
        // 1 KiB that `withUnsafeTemporaryAllocation` puts on the stack; 64 went to the heap, a malloc
        // and a free per query (8 % of a 10 M-residence stored report's CPU time, perf).
        withUnsafeTemporaryAllocation(of: (lo: Int32, hi: Int32, axis: Int32, bound: Double).self, capacity: 32) { stack in
            var top = 0
            var lo = 0
            var hi = xs.count
            var axis = 0
            while true {
                while hi - lo > leafSize {
                    let mid = (lo + hi) >> 1
                    let dx = xs[mid] - qx
                    let dy = ys[mid] - qy
                    let d = dx * dx + dy * dy
                    if d < best {
                        best = d
                        bestSlot = mid
                    }
                    let diff = axis == 0 ? -dx : -dy
                    let bound = diff * diff
                    if diff < 0 {
                        if bound < best { stack[top] = (Int32(mid + 1), Int32(hi), Int32(1 - axis), bound); top += 1 }
                        hi = mid
                    } else {
                        if bound < best { stack[top] = (Int32(lo), Int32(mid), Int32(1 - axis), bound); top += 1 }
                        lo = mid + 1
                    }
                    axis = 1 - axis
                }
                for i in lo..<hi {
                    let dx = xs[i] - qx
                    let dy = ys[i] - qy
                    let d = dx * dx + dy * dy
                    if d < best {
                        best = d
                        bestSlot = i
                    }
                }
                repeat {
                    guard top > 0 else { return }
                    top -= 1
                } while stack[top].bound >= best
                (lo, hi, axis) = (Int(stack[top].lo), Int(stack[top].hi), Int(stack[top].axis))
            }
        }
    }

    /// All points within `radius` of (x, y), nearest first, as (original index, squared distance).
    /// - Complexity: O(log n + k) expected for k results, plus the sort of the k results.
    public func within(radius: Double, x: Double, y: Double) -> [(index: Int32, distanceSquared: Double)] {
        var found: [(index: Int32, distanceSquared: Double)] = []
        let limit = radius * radius
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                KDTree.collect(xs, ys, x, y, limit, 0, xs.count, 0) { slot, d in
                    found.append((originalIndex[slot], d))
                }
            }
        }
        return found.sorted { $0.distanceSquared < $1.distanceSquared || ($0.distanceSquared == $1.distanceSquared && $0.index < $1.index) }
    }

    private static func collect(
        _ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, _ qx: Double, _ qy: Double,
        _ limit: Double, _ lo: Int, _ hi: Int, _ axis: Int, _ found: (Int, Double) -> Void
    ) {
        if hi - lo <= leafSize {
            for i in lo..<hi {
                let dx = xs[i] - qx
                let dy = ys[i] - qy
                let d = dx * dx + dy * dy
                if d <= limit { found(i, d) }
            }
            return
        }
        let mid = (lo + hi) / 2
        let dx = xs[mid] - qx
        let dy = ys[mid] - qy
        let d = dx * dx + dy * dy
        if d <= limit { found(mid, d) }
        let diff = axis == 0 ? qx - xs[mid] : qy - ys[mid]
        if diff < 0 || diff * diff <= limit { collect(xs, ys, qx, qy, limit, lo, mid, 1 - axis, found) }
        if diff >= 0 || diff * diff <= limit { collect(xs, ys, qx, qy, limit, mid + 1, hi, 1 - axis, found) }
    }
}

