extension KDTree {
    /// Calls `body` with every point within `radius` of (x, y), in tree order, as (original index,
    /// squared distance). Unlike `within(radius:x:y:)` it neither allocates nor sorts, for hot loops
    /// that filter the answers further. The squared distance is computed exactly as `nearest` does,
    /// `(xᵢ − x)² + (yᵢ − y)²`, so it can be compared with distances the engine found.
    /// - Complexity: O(log n + k) expected for k answers.
    @inlinable
    public func forEach(within radius: Double, x: Double, y: Double, _ body: (Int32, Double) -> Void) {
        let limit = radius * radius
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                originalIndex.withUnsafeBufferPointer { original in
                    KDTree.visit(xs, ys, original, x, y, limit, 0, xs.count, 0, body)
                }
            }
        }
    }

    @usableFromInline
    static func visit(
        _ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>, _ original: UnsafeBufferPointer<Int32>,
        _ qx: Double, _ qy: Double, _ limit: Double, _ lo: Int, _ hi: Int, _ axis: Int, _ body: (Int32, Double) -> Void
    ) {
        if hi - lo <= leafSize {
            for i in lo..<hi {
                let dx = xs[i] - qx
                let dy = ys[i] - qy
                let d = dx * dx + dy * dy
                if d <= limit { body(original[i], d) }
            }
            return
        }
        let mid = (lo + hi) / 2
        let dx = xs[mid] - qx
        let dy = ys[mid] - qy
        let d = dx * dx + dy * dy
        if d <= limit { body(original[mid], d) }
        let diff = axis == 0 ? qx - xs[mid] : qy - ys[mid]
        if diff < 0 || diff * diff <= limit { visit(xs, ys, original, qx, qy, limit, lo, mid, 1 - axis, body) }
        if diff >= 0 || diff * diff <= limit { visit(xs, ys, original, qx, qy, limit, mid + 1, hi, 1 - axis, body) }
    }
}
