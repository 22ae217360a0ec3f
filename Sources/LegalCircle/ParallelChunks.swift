import Dispatch

/// Indices `0..<count` cut into chunks of consecutive indices that run concurrently, each writing only
/// its own range of the outputs: the one place the package writes shared memory from several threads.
///
/// Why this is safe, argued once for every parallel loop:
/// - The chunks' ranges are disjoint and together cover `0..<count`. A chunk writes an output only
///   through the `ChunkOutput` it is handed, which accepts only indices of that chunk's range (checked
///   in debug builds), and a `ChunkOutput` is not `Sendable`, so it cannot be handed to another
///   thread. `map` gives each chunk one slot of its own. No element is written by two threads.
/// - `DispatchQueue.concurrentPerform` returns only after every chunk has finished, which orders all
///   the writes before the caller reads the arrays.
/// - `fill` allocates its outputs uninitialised, so their pages are first touched by the workers
///   rather than zeroed by one thread beforehand. Its elements are `BitwiseCopyable`, so assigning
///   into uninitialised memory is valid, and an element a chunk leaves unwritten (when it gives up on
///   an error, and the caller then discards the outputs unread) holds an unspecified value, nothing
///   that needs destroying. Otherwise every chunk writes every index of its range.
/// - The work closures are `@Sendable`: what they capture must be safe to share between threads.
package struct ParallelChunks: Sendable {
    package let count: Int
    /// Number of chunks.
    package let chunks: Int
    /// Indices per chunk, or nil for `chunks` chunks of near-equal size.
    private let size: Int?

    /// Chunks of `size` consecutive indices, the last one shorter.
    package init(count: Int, size: Int) {
        precondition(size > 0, "chunk size must be positive")
        self.count = count
        self.size = size
        chunks = (count + size - 1) / size
    }

    /// `parts` chunks of near-equal size: chunk k is `count·k/parts ..< count·(k+1)/parts`.
    package init(count: Int, parts: Int) {
        precondition(parts > 0, "there must be at least one chunk")
        self.count = count
        size = nil
        chunks = parts
    }

    /// The indices of chunk `chunk`.
    @inline(__always)
    package func range(_ chunk: Int) -> Range<Int> {
        if let size { return chunk * size..<min(count, (chunk + 1) * size) }
        return count * chunk / chunks..<count * (chunk + 1) / chunks
    }

    /// One value per chunk, computed concurrently, in chunk order.
    package func map<T: Sendable>(_ transform: @Sendable (_ chunk: Int, _ range: Range<Int>) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: chunks) { buffer, initialised in
            let slots = SharedBuffer(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                (slots.buffer.baseAddress! + chunk).initialize(to: transform(chunk, range(chunk)))
            }
            initialised = chunks
        }
    }

    /// An array of `count` elements, each chunk writing its own range.
    package func fill<A: BitwiseCopyable>(_ body: @Sendable (Range<Int>, ChunkOutput<A>) -> Void) -> [A] {
        Self.uninitialised(count) { a in
            run { range in body(range, ChunkOutput(a, range)) }
        }
    }

    /// Two arrays of `count` elements, each chunk writing its own range of both.
    package func fill<A: BitwiseCopyable, B: BitwiseCopyable>(
        _ body: @Sendable (Range<Int>, ChunkOutput<A>, ChunkOutput<B>) -> Void
    ) -> ([A], [B]) {
        var second: [B] = []
        let first = Self.uninitialised(count) { (a: SharedBuffer<A>) in
            second = Self.uninitialised(count) { b in
                run { range in body(range, ChunkOutput(a, range), ChunkOutput(b, range)) }
            }
        }
        return (first, second)
    }

    /// Three arrays of `count` elements, each chunk writing its own range of all three.
    package func fill<A: BitwiseCopyable, B: BitwiseCopyable, C: BitwiseCopyable>(
        _ body: @Sendable (Range<Int>, ChunkOutput<A>, ChunkOutput<B>, ChunkOutput<C>) -> Void
    ) -> ([A], [B], [C]) {
        var second: [B] = []
        var third: [C] = []
        let first = Self.uninitialised(count) { (a: SharedBuffer<A>) in
            second = Self.uninitialised(count) { b in
                third = Self.uninitialised(count) { c in
                    run { range in body(range, ChunkOutput(a, range), ChunkOutput(b, range), ChunkOutput(c, range)) }
                }
            }
        }
        return (first, second, third)
    }

    /// Four arrays of `count` elements, each chunk writing its own range of all four.
    package func fill<A: BitwiseCopyable, B: BitwiseCopyable, C: BitwiseCopyable, D: BitwiseCopyable>(
        _ body: @Sendable (Range<Int>, ChunkOutput<A>, ChunkOutput<B>, ChunkOutput<C>, ChunkOutput<D>) -> Void
    ) -> ([A], [B], [C], [D]) {
        var second: [B] = []
        var third: [C] = []
        var fourth: [D] = []
        let first = Self.uninitialised(count) { (a: SharedBuffer<A>) in
            second = Self.uninitialised(count) { b in
                third = Self.uninitialised(count) { c in
                    fourth = Self.uninitialised(count) { d in
                        run { range in
                            body(range, ChunkOutput(a, range), ChunkOutput(b, range), ChunkOutput(c, range), ChunkOutput(d, range))
                        }
                    }
                }
            }
        }
        return (first, second, third, fourth)
    }

    /// Runs `body` on every chunk's range concurrently.
    private func run(_ body: @Sendable (Range<Int>) -> Void) {
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in body(range(chunk)) }
    }

    /// An array of `count` elements whose storage `write` fills.
    private static func uninitialised<T: BitwiseCopyable>(_ count: Int, _ write: (SharedBuffer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            write(SharedBuffer(buffer: buffer))
            initialised = count
        }
    }
}

/// The storage of one output, shared by all the chunks; each writes only its range (see `ParallelChunks`).
struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}

/// Where one chunk of `ParallelChunks.fill` writes one output: the indices of its own range only.
package struct ChunkOutput<Element: BitwiseCopyable> {
    private let buffer: UnsafeMutableBufferPointer<Element>
    package let range: Range<Int>

    init(_ shared: SharedBuffer<Element>, _ range: Range<Int>) {
        buffer = shared.buffer
        self.range = range
    }

    /// The element at `i`, which must be in the chunk's range; read only what the chunk has written.
    @inline(__always)
    package subscript(i: Int) -> Element {
        get {
            assert(range.contains(i), "index \(i) is outside this chunk's range \(range)")
            return buffer[i]
        }
        nonmutating set {
            assert(range.contains(i), "index \(i) is outside this chunk's range \(range)")
            buffer[i] = newValue
        }
    }
}

// A chunk's window must not travel to another thread.
@available(*, unavailable)
extension ChunkOutput: Sendable {}
