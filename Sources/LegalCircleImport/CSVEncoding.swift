import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text encoding a CSV file was read in.
public enum CSVTextEncoding: String, CaseIterable, Sendable, Equatable, CustomStringConvertible {
    /// UTF-8 without a byte-order mark ("CSV UTF-8" from WPS, LibreOffice, most GIS software).
    case utf8
    /// UTF-8 starting with the byte-order mark EF BB BF ("CSV UTF-8" from Excel).
    case utf8WithBOM = "utf8-bom"
    /// GB18030, a superset of GBK and GB2312: what Excel and WPS on Chinese Windows write as plain "CSV".
    case gb18030

    public var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 with BOM"
        case .gb18030: "GB18030"
        }
    }
}

/// Counts over a byte buffer taken as UTF-8: enough to tell UTF-8 from GB18030.
struct UTF8Census: Equatable {
    /// Well-formed sequences of 2 to 4 bytes.
    var multibyteSequences = 0
    /// Bytes that start no well-formed sequence.
    var invalidBytes = 0

    var isASCII: Bool { multibyteSequences == 0 && invalidBytes == 0 }
    var isValid: Bool { invalidBytes == 0 }

    /// Whether text that is not valid UTF-8 should still be read as UTF-8 (damaged here and there) rather
    /// than as GB18030. About 1 GB2312 character in 9 happens to form a valid 2-byte UTF-8 sequence (lead
    /// C2–DF, trail A1–BF) while the rest are invalid, so GB18030 text has about 0.1 valid sequences per
    /// invalid byte; damaged UTF-8 has many more valid sequences than invalid bytes.
    var looksLikeUTF8: Bool { invalidBytes == 0 || multibyteSequences > 4 * invalidBytes }

    /// Counts well-formed multi-byte sequences and invalid bytes (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF).
    /// - Complexity: O(bytes); ASCII runs go 8 bytes at a time.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        while index < count {
            // Skip ASCII a word at a time.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = Self.sequenceLength(base, index, count)
            if length == 0 {
                invalidBytes += 1
                index += 1
            } else {
                multibyteSequences += 1
                index += length
            }
        }
    }

    /// The length of the well-formed sequence starting at `index` (lead byte ≥ 0x80), 0 when none does.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        let lead = base[index]
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < count && (low...high).contains(base[index + offset])
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}

/// A failed call into the system's iconv.
struct TranscodingError: Error, CustomStringConvertible {
    /// The C function that failed and its arguments.
    var function: String
    var message: String

    var description: String { "\(function) failed: \(message)" }
}

/// Whole-buffer conversion between encodings with the C library's iconv (glibc on Linux).
///
/// GB18030 keeps every byte below 0x80 as the same ASCII character, and its multi-byte sequences use
/// only bytes 0x30–0x39 and 0x40–0xFE after the lead byte, never a line break, quote, comma, semicolon
/// or tab. So converting a GB18030 CSV file to UTF-8 keeps each record's line breaks and field
/// boundaries, and every line number stays that of the original file.
enum Transcoder {
    /// What stands in the output for each input byte that starts no valid sequence. 0xFF never occurs in
    /// UTF-8, so a field holding it fails the reader's UTF-8 check and its row is rejected.
    static let invalidUTF8Marker: [UInt8] = [0xFF]

    /// Converts `input` from `source` to `target` (iconv names such as "GB18030", "UTF-8").
    ///
    /// Calls `iconv_open`, then `iconv` until the input is consumed, then `iconv_close`. Where `iconv`
    /// fails with EILSEQ (an invalid sequence) or EINVAL (a sequence cut off at the end), each offending
    /// byte becomes `replacement` and conversion goes on with the next byte.
    /// - Throws: `TranscodingError` naming `iconv_open` when the system lacks the conversion, or `iconv`
    ///   for any other failure.
    /// - Complexity: O(bytes).
    static func convert(
        _ input: UnsafeBufferPointer<UInt8>, from source: String, to target: String, replacement: [UInt8]
    ) throws(TranscodingError) -> Data {
        let descriptor = iconv_open(target, source)
        // iconv_open returns (iconv_t)-1 on failure.
        guard let descriptor, Int(bitPattern: descriptor) != -1 else {
            throw TranscodingError(
                function: "iconv_open(\"\(target)\", \"\(source)\")", message: String(cString: strerror(errno)))
        }
        defer { iconv_close(descriptor) }

        var capacity = max(64, input.count + input.count / 2 + 16)
        var output = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        var written = 0
        var inputLeft = input.count
        var inputCursor = UnsafeMutablePointer(mutating: input.baseAddress).map {
            UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
        }

        func grow(_ extra: Int) {
            capacity = max(capacity * 2, written + extra)
            output = realloc(output, capacity)!.assumingMemoryBound(to: UInt8.self)
        }
        func emitReplacement() {
            if written + replacement.count > capacity { grow(replacement.count) }
            for byte in replacement {
                output[written] = byte
                written += 1
            }
        }

        while inputLeft > 0 {
            var outputCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output + written)
                .assumingMemoryBound(to: CChar.self)
            var outputLeft = capacity - written
            // iconv returns (size_t)-1 on failure, with errno saying why.
            let result = iconv(descriptor, &inputCursor, &inputLeft, &outputCursor, &outputLeft)
            written = capacity - outputLeft
            if result != -1 { break }
            switch errno {
            case E2BIG:
                grow(max(64, inputLeft * 2))
            case EILSEQ:
                emitReplacement()
                inputCursor = inputCursor.map { $0 + 1 }
                inputLeft -= 1
            case EINVAL:
                // A sequence cut off by the end of the input.
                for _ in 0..<inputLeft { emitReplacement() }
                inputLeft = 0
            default:
                let message = String(cString: strerror(errno))
                free(output)
                throw TranscodingError(function: "iconv(\(source) → \(target))", message: message)
            }
        }
        return Data(bytesNoCopy: output, count: written, deallocator: .free)
    }

    /// GB18030 bytes as UTF-8; invalid bytes become `invalidUTF8Marker`.
    static func utf8(fromGB18030 input: UnsafeBufferPointer<UInt8>) throws(TranscodingError) -> Data {
        try convert(input, from: "GB18030", to: "UTF-8", replacement: invalidUTF8Marker)
    }

    /// UTF-8 text as GB18030 (which encodes every Unicode character); invalid UTF-8 bytes become `?`.
    static func gb18030(fromUTF8 input: UnsafeBufferPointer<UInt8>) throws(TranscodingError) -> Data {
        try convert(input, from: "UTF-8", to: "GB18030", replacement: [UInt8(ascii: "?")])
    }
}

extension Transcoder {
    /// `text` as GB18030 bytes.
    static func gb18030(_ text: String) throws(TranscodingError) -> Data {
        var text = text
        return try text.withUTF8 { utf8 in Result { () throws(TranscodingError) in try gb18030(fromUTF8: utf8) } }.get()
    }
}

/// Lines of a byte buffer classified by the encodings they fit, to choose one for a whole file and to
/// find the first line that does not fit it (a file assembled from two sources).
///
/// A line with bytes above 0x7F is *UTF-8* when it is valid UTF-8 with at least `clearSequences`
/// multi-byte sequences, *not UTF-8* (so GB18030/GBK) when it has an invalid byte, and undecided
/// otherwise: GB18030 text forms a valid UTF-8 sequence for about one character in nine, so a short
/// GB18030 line may pass as UTF-8 by chance, but three characters in a row almost never do.
struct LineCensus: Equatable {
    static let clearSequences = 3

    var utf8Lines = 0
    var otherLines = 0
    /// 1-based physical line numbers of the first line of each kind.
    var firstUTF8Line: Int?
    var firstOtherLine: Int?

    /// Which encoding the lines favour: UTF-8 unless more lines are not UTF-8 than are.
    var favoursUTF8: Bool { otherLines <= utf8Lines }

    /// - Complexity: O(bytes); ASCII runs go 8 bytes at a time.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        var line = 1
        var sequences = 0
        var invalid = false
        func endLine() {
            if invalid {
                otherLines += 1
                if firstOtherLine == nil { firstOtherLine = line }
            } else if sequences >= Self.clearSequences {
                utf8Lines += 1
                if firstUTF8Line == nil { firstUTF8Line = line }
            }
            sequences = 0
            invalid = false
        }
        while index < count {
            // Skip ASCII without line feeds a word at a time (a byte equal to 0x0A makes a zero byte
            // in word ^ 0x0A0A…, found with the has-zero-byte test).
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let feeds = word ^ 0x0A0A_0A0A_0A0A_0A0A
                let hasFeed = (feeds &- 0x0101_0101_0101_0101) & ~feeds & 0x8080_8080_8080_8080
                if word & 0x8080_8080_8080_8080 != 0 || hasFeed != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let byte = base[index]
            if byte == 0x0A {
                endLine()
                line += 1
                index += 1
            } else if byte < 0x80 {
                index += 1
            } else {
                let length = UTF8Census.sequenceLength(base, index, count)
                if length == 0 {
                    invalid = true
                    index += 1
                } else {
                    sequences += 1
                    index += length
                }
            }
        }
        endLine()
    }
}
