import CProj

/// A coordinate operation between two CRSs, with longitude/latitude in that order on both sides.
///
/// Owns a `PJ_CONTEXT*` and a `PJ*` and frees them in `deinit`. Not `Sendable`: a PROJ context and
/// the objects made in it must not be used from two threads at once; make one transformer per thread.
public final class Transformer {
    private let context: OpaquePointer
    private let operation: OpaquePointer
    private let log: ProjLog
    /// The CRS definitions this transformer was made from, as given.
    public let source: String
    public let target: String

    /// Creates the operation with `proj_create_crs_to_crs` and normalises axis order with
    /// `proj_normalize_for_visualization`, so geographic coordinates are always (longitude, latitude).
    /// - Parameters: any CRS string PROJ accepts: `EPSG:4326`, a PROJ string, WKT.
    /// - Throws: `ProjError` with PROJ's own message (an unknown CRS, a bad PROJ string).
    public init(from source: String, to target: String) throws {
        guard let context = proj_context_create() else {
            throw ProjError(function: "proj_context_create", code: 0, message: "could not create a PROJ context")
        }
        let log = ProjLog()
        log.install(on: context)
        self.source = source
        self.target = target
        self.log = log
        self.context = context
        // proj_create_crs_to_crs returns NULL for an unknown or malformed CRS; the log holds why.
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let error = Transformer.error(context, log, "proj_create_crs_to_crs")
            proj_context_destroy(context)
            throw error
        }
        // proj_normalize_for_visualization returns NULL on failure too.
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            let error = Transformer.error(context, log, "proj_normalize_for_visualization")
            proj_destroy(raw)
            proj_context_destroy(context)
            throw error
        }
        proj_destroy(raw)
        self.operation = normalized
    }

    deinit {
        proj_destroy(operation)
        proj_context_destroy(context)
    }

    /// Transforms coordinate pairs in place (`proj_trans_generic`), forward or inverse.
    /// - Complexity: O(n), one C call for the whole batch.
    /// - Throws: `ProjError` when PROJ reports an error for the batch (`proj_errno` non-zero), or when
    ///   any coordinate comes out infinite (PROJ's mark for a point it could not transform).
    public func transform(x: inout [Double], y: inout [Double], inverse: Bool = false) throws {
        precondition(x.count == y.count, "x and y must have the same length")
        let count = x.count
        guard count > 0 else { return }
        proj_errno_reset(operation)
        let stride = MemoryLayout<Double>.stride
        let done = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                proj_trans_generic(
                    operation, inverse ? PJ_INV : PJ_FWD,
                    xs.baseAddress, stride, count,
                    ys.baseAddress, stride, count,
                    nil, 0, 0, nil, 0, 0)
            }
        }
        let code = proj_errno(operation)
        if code != 0 || done != count {
            throw Transformer.error(context, log, "proj_trans_generic", code: code)
        }
        for i in 0..<count where !x[i].isFinite || !y[i].isFinite {
            throw ProjError(
                function: "proj_trans_generic", code: 0,
                message: "coordinate \(i) could not be transformed between \(source) and \(target)")
        }
    }

    /// Transforms one coordinate pair (`proj_trans`).
    /// - Throws: `ProjError` when PROJ cannot transform it.
    public func transform(x: Double, y: Double, inverse: Bool = false) throws -> (x: Double, y: Double) {
        var xs = [x]
        var ys = [y]
        try transform(x: &xs, y: &ys, inverse: inverse)
        return (xs[0], ys[0])
    }

    private static func error(
        _ context: OpaquePointer, _ log: ProjLog, _ function: String, code: Int32? = nil
    ) -> ProjError {
        let number = code ?? proj_context_errno(context)
        var message = log.drain().joined(separator: "; ")
        if message.isEmpty, number != 0, let text = proj_context_errno_string(context, number) {
            message = String(cString: text)
        }
        return ProjError(function: function, code: number, message: message.isEmpty ? "unknown error" : message)
    }
}
