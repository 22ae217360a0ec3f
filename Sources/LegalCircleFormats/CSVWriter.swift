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
    return Data(writer.bytes)
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
        if county >= 0 { writer.bytes += countyBytes[Int(county)] }
        writer.comma()
        writer.bytes += zoneBytes[Int(residences.zones[row].rawValue)]
        writer.newline()
    }
    return Data(writer.bytes)
}

/// A rejects file: the original header plus a `reason` column, then each rejected record's original
/// text unchanged plus its line, column and reason, quoted.
/// - Parameter header: the input's header line as written, e.g. from `csvHeaderLine(of:)`.
public func writeRejects(_ rejects: [RejectedRow], header: String) -> Data {
    var writer = CSVByteWriter(capacity: rejects.count * 120 + header.utf8.count + 8)
    writer.bytes += header.utf8
    writer.comma()
    writer.line("reason")
    for reject in rejects {
        writer.bytes += reject.rawText.utf8
        writer.comma()
        writer.field(reject.locatedReason)
        writer.newline()
    }
    return Data(writer.bytes)
}

/// Appends CSV text to a byte buffer; numbers are formatted by hand for speed.
struct CSVByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    mutating func line(_ text: String) {
        bytes += text.utf8
        newline()
    }

    /// The field, quoted when it holds a delimiter, quote or line break, or starts or ends with a blank
    /// (the reader trims blanks around unquoted fields).
    mutating func field(_ text: String) {
        if Self.needsQuotes(text) {
            bytes += Self.encoded(text)
        } else {
            bytes += text.utf8
        }
    }

    /// The field's CSV form, quoted when needed.
    static func encoded(_ text: String) -> [UInt8] {
        guard needsQuotes(text) else { return Array(text.utf8) }
        var quoted: [UInt8] = [CSVScanner.quote]
        for byte in text.utf8 {
            if byte == CSVScanner.quote { quoted.append(CSVScanner.quote) }
            quoted.append(byte)
        }
        quoted.append(CSVScanner.quote)
        return quoted
    }

    private static func needsQuotes(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ")
            || last == UInt8(ascii: "\t")
        {
            return true
        }
        return utf8.contains { $0 == UInt8(ascii: ",") || $0 == CSVScanner.quote || $0 == 0x0A || $0 == 0x0D }
    }

    /// `value` with exactly 6 decimals, rounded half away from zero.
    mutating func fixed6(_ value: Double) {
        let scaled = (abs(value) * 1e6).rounded()
        guard value.isFinite, scaled < 9e15 else {
            bytes += String(value).utf8
            return
        }
        let micros = UInt64(scaled)
        if value < 0 && micros != 0 { bytes.append(UInt8(ascii: "-")) }
        digits(micros / 1_000_000, minimumCount: 1)
        bytes.append(UInt8(ascii: "."))
        digits(micros % 1_000_000, minimumCount: 6)
    }

    /// Integral values without decimals; others in Swift's shortest round-trip form.
    mutating func population(_ value: Double) {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            bytes += "\(value)".utf8
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(UInt64(abs(value)), minimumCount: 1)
    }

    /// Decimal digits, left-padded with zeros to `minimumCount`.
    mutating func digits(_ value: UInt64, minimumCount: Int) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &buffer) { scratch in
            var index = scratch.count
            var rest = value
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || scratch.count - index < minimumCount
            bytes += UnsafeRawBufferPointer(rebasing: scratch[index...])
        }
    }
}
