import Foundation
import LegalCircle

/// Service points as CSV with the header `id,name,kind,level,lon,lat,county`, coordinates with
/// 6 decimals; `readServicePoints` reads it back to the same points (coordinates to 6 decimals).
public func csvData(points: [ServicePoint]) -> Data {
    var writer = CSVByteWriter(capacity: points.count * 96)
    writer.line("id,name,kind,level,lon,lat,county")
    for point in points {
        writer.field(point.id)
        writer.comma()
        writer.field(point.name)
        writer.comma()
        writer.field(point.kinds.list)
        writer.comma()
        writer.field(point.level.rawValue)
        writer.comma()
        writer.fixed6(point.location.longitude)
        writer.comma()
        writer.fixed6(point.location.latitude)
        writer.comma()
        writer.field(point.county ?? "")
        writer.newline()
    }
    return writer.data()
}

/// Residences as CSV with the header `id,lon,lat,population,county,zone`, coordinates with 6 decimals
/// and integral populations without decimals; `readResidences` reads it back to the same table
/// (coordinates to 6 decimals).
/// - Complexity: O(rows); no String is built per row except for fractional populations.
public func csvData(residences: ResidenceTable) -> Data {
    var writer = CSVByteWriter(capacity: residences.count * 52)
    writer.line("id,lon,lat,population,county,zone")
    // Each county code and zone name is quoted once, not once per row.
    let countyBytes = residences.counties.codes.map { CSVByteWriter.encoded($0) }
    let zoneBytes = Zone.allCases.map { CSVByteWriter.encoded($0.name) }
    for row in 0..<residences.count {
        writer.field(residences.ids[row])
        writer.comma()
        writer.fixed6(residences.longitudes[row])
        writer.comma()
        writer.fixed6(residences.latitudes[row])
        writer.comma()
        writer.population(residences.populations[row])
        writer.comma()
        let county = residences.countyIndices[row]
        if county >= 0 { writer.append(countyBytes[Int(county)]) }
        writer.comma()
        writer.append(zoneBytes[Int(residences.zones[row].rawValue)])
        writer.newline()
    }
    return writer.data()
}

/// A rejects file: the original header plus a `reason` column, then each rejected record's original
/// text unchanged plus its line, column and reason, quoted.
/// - Parameter header: the input's header line as written, e.g. from `csvHeaderLine(of:)`.
public func writeRejects(_ rejects: [RejectedRow], header: String) -> Data {
    writeRejects(rejects, header: header, delimiter: .comma, encoding: .utf8)
}

/// A rejects file like `writeRejects(_:header:)` in the input's delimiter and encoding, so that it opens
/// like the input: `;` or tab before the reason, a UTF-8 byte-order mark, or GB18030 bytes (Excel on
/// Chinese Windows reads a CSV file without a BOM as GB18030). Falls back to UTF-8 with a BOM if the
/// system cannot encode GB18030.
/// - Parameter header: the input's header line as UTF-8, e.g. `CSVReadResult.headerLine`.
public func writeRejects(
    _ rejects: [RejectedRow], header: String, delimiter: CSVDelimiter, encoding: CSVTextEncoding,
    language: Language = .en
) -> Data {
    var writer = CSVByteWriter(capacity: rejects.count * 120 + header.utf8.count + 8)
    if encoding == .utf8WithBOM { writer.append(CSVInput.utf8BOM) }
    writer.append(neutralisedRecord(header, delimiter: delimiter))
    writer.append(delimiter.byte)
    writer.line("reason")
    for reject in rejects {
        writer.append(neutralisedRecord(reject.rawText, delimiter: delimiter))
        writer.append(delimiter.byte)
        writer.field(reject.locatedReason(language), delimiter: delimiter.byte)
        writer.newline()
    }
    let utf8 = writer.data()
    guard encoding == .gb18030 else { return utf8 }
    let converted = utf8.withUnsafeBytes { raw in
        Result { () throws(TranscodingError) in try Transcoder.gb18030(fromUTF8: raw.bindMemory(to: UInt8.self)) }
    }
    return (try? converted.get()) ?? Data(CSVInput.utf8BOM) + utf8
}

/// A record's raw text with a `'` inserted before every field a spreadsheet would run as a formula
/// (`SpreadsheetCell`): at the first character inside the quotes, or after the leading blanks of an
/// unquoted field, where the reader (which trims those blanks) removes it again. Everything else stays
/// byte for byte.
/// - Complexity: O(length of the record).
func neutralisedRecord(_ raw: String, delimiter: CSVDelimiter) -> String {
    var raw = raw
    return raw.withUTF8 { bytes in
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter.byte)
        var fields = CSVFieldList()
        var insertions: [Int] = []
        while scanner.nextRecord(into: &fields) != nil {
            for index in fields.indices {
                let span = fields[index]
                var start = span.start
                var end = span.end
                if !span.isQuoted {
                    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                }
                guard start < end, SpreadsheetCell.isTrigger(bytes[start]),
                    !SpreadsheetCell.isDecimalNumber(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                else { continue }
                insertions.append(start)
            }
        }
        guard !insertions.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + insertions.count)
        var next = 0
        for (offset, byte) in bytes.enumerated() {
            if next < insertions.count, insertions[next] == offset {
                output.append(SpreadsheetCell.apostrophe)
                next += 1
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Appends CSV text to a growable buffer in malloc'd memory that `data()` hands to `Data` without a
/// copy; numbers are formatted by hand, without a String per value.
struct CSVByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// The bytes written, as `Data` that frees the buffer when released.
    consuming func data() -> Data {
        let data = Data(bytesNoCopy: base, count: count, deallocator: .free)
        discard self
        return data
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity {
            capacity = max(capacity * 2, count + extra)
            base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
        }
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// The text's UTF-8 bytes, unquoted.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func comma() { append(UInt8(ascii: ",")) }
    mutating func newline() { append(UInt8(ascii: "\n")) }

    mutating func line(_ text: String) {
        append(text)
        newline()
    }

    /// The field, with a leading `'` when a spreadsheet would run it as a formula (`SpreadsheetCell`),
    /// quoted when it holds the delimiter, a quote or a line break, or starts or ends with a blank (the
    /// reader trims blanks around unquoted fields).
    mutating func field(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        let text = SpreadsheetCell.neutralised(text)
        if Self.needsQuotes(text, delimiter: delimiter) {
            append(Self.encoded(text, delimiter: delimiter))
        } else {
            append(text)
        }
    }

    /// The field's CSV form, neutralised and quoted when needed.
    static func encoded(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> [UInt8] {
        let text = SpreadsheetCell.neutralised(text)
        guard needsQuotes(text, delimiter: delimiter) else { return Array(text.utf8) }
        var quoted: [UInt8] = [CSVScanner.quote]
        for byte in text.utf8 {
            if byte == CSVScanner.quote { quoted.append(CSVScanner.quote) }
            quoted.append(byte)
        }
        quoted.append(CSVScanner.quote)
        return quoted
    }

    private static func needsQuotes(_ text: String, delimiter: UInt8) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ")
            || last == UInt8(ascii: "\t")
        {
            return true
        }
        return utf8.contains { $0 == delimiter || $0 == CSVScanner.quote || $0 == 0x0A || $0 == 0x0D }
    }

    /// `value` with exactly 6 decimals, rounded half away from zero.
    mutating func fixed6(_ value: Double) {
        let scaled = (abs(value) * 1e6).rounded()
        guard value.isFinite, scaled < 9e15 else {
            append(String(value))
            return
        }
        let micros = UInt64(scaled)
        if value < 0 && micros != 0 { append(UInt8(ascii: "-")) }
        digits(micros / 1_000_000, minimumCount: 1)
        append(UInt8(ascii: "."))
        digits(micros % 1_000_000, minimumCount: 6)
    }

    /// Integral values without decimals; others in Swift's shortest round-trip form.
    mutating func population(_ value: Double) {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            append("\(value)")
            return
        }
        if value < 0 { append(UInt8(ascii: "-")) }
        digits(UInt64(abs(value)), minimumCount: 1)
    }

    /// Decimal digits, left-padded with zeros to `minimumCount`.
    mutating func digits(_ value: UInt64, minimumCount: Int) {
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        length = max(length, minimumCount)
        reserve(length)
        rest = value
        for index in stride(from: count + length - 1, through: count, by: -1) {
            base[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += length
    }
}
