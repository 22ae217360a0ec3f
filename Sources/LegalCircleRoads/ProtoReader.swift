/// A Protocol Buffers reader over a byte buffer in the protozero style: no generated types, just
/// fields (number and wire type) and varints read in place, so that a PBF block is decoded without
/// copying. Wire format: https://protobuf.dev/programming-guides/encoding/.
///
/// Not `Sendable`: it points into a buffer that its creator owns and must keep alive while reading.
struct ProtoReader {
    private(set) var position: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; point at a static byte instead.
        let base = buffer.baseAddress ?? ProtoReader.emptyByte
        position = base
        end = base + buffer.count
    }

    // Written once, at first use, and only read afterwards.
    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32),
    /// or nil at the end.
    @inline(__always)
    mutating func nextField() throws(ProtoError) -> (number: Int, wireType: Int)? {
        guard position < end else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    /// A base-128 varint (at most ten bytes).
    @inline(__always)
    mutating func varint() throws(ProtoError) -> UInt64 {
        // Fast path: one byte.
        if position < end, position.pointee < 0x80 {
            let value = UInt64(position.pointee)
            position += 1
            return value
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = position.pointee
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift >= 70 { throw ProtoError("a varint is longer than ten bytes") }
        }
        throw ProtoError("a varint runs past the end of its message")
    }

    /// A zigzag-encoded signed varint (`sint32`/`sint64`).
    @inline(__always)
    mutating func signedVarint() throws(ProtoError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// The bytes of a length-delimited field (sub-message, string or packed array).
    @inline(__always)
    mutating func bytes() throws(ProtoError) -> UnsafeBufferPointer<UInt8> {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw ProtoError("a field of \(length) bytes runs past the end of its message") }
        let buffer = UnsafeBufferPointer(start: position, count: Int(length))
        position += Int(length)
        return buffer
    }

    /// Skips a field's value of `wireType`.
    mutating func skip(wireType: Int) throws(ProtoError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try bytes()
        case 5: try advance(4)
        default: throw ProtoError("unsupported wire type \(wireType)")
        }
    }

    private mutating func advance(_ count: Int) throws(ProtoError) {
        guard end - position >= count else { throw ProtoError("a fixed-size field runs past the end of its message") }
        position += count
    }
}

/// A malformed Protocol Buffers message.
struct ProtoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes spell `text` (ASCII).
    @inline(__always)
    func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        let other = text.utf8Start
        for i in 0..<count where self[i] != other[i] { return false }
        return true
    }
}
