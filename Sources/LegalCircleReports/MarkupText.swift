import Foundation

/// Text for HTML and SVG: every name from an input file goes through `escaped` before it reaches
/// markup, so a station called `<script>alert(1)</script>` is shown as those characters.
/// Package-wide: the web service's pages escape with it too.
package enum MarkupText {
    /// `&`, `<`, `>`, `"` and `'` as character references (valid in HTML text, attribute values and
    /// XML 1.0), and characters XML 1.0 forbids (C0 controls other than tab and line breaks, U+FFFE,
    /// U+FFFF, lone surrogates cannot occur in a Swift String) as U+FFFD, so a standalone SVG parses.
    package static func escaped(_ text: String) -> String {
        xmlEscaped(text, apostrophe: true, forbidden: .replaced)
    }

    /// What becomes of a character XML 1.0 forbids.
    enum Forbidden {
        /// Shown as U+FFFD (HTML and SVG: the reader sees that something was there).
        case replaced
        /// Left out (the cells of an Excel workbook).
        case dropped
    }

    /// The one XML escaping rule, for markup and for `XLSXWriter`: `&`, `<`, `>`, `"` (and `'` when
    /// `apostrophe`) as character references; tab, line feed and carriage return kept; the characters
    /// XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) replaced or dropped as `forbidden` says.
    static func xmlEscaped(_ text: String, apostrophe: Bool, forbidden: Forbidden) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'" where apostrophe: result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    if forbidden == .replaced { result += "\u{FFFD}" }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// JSON placed inside `<script type="application/json">`: every `<` becomes `\u003c`, so no
    /// `</script>` or `<!--` inside a string can end the element early. JSON only has `<` inside strings,
    /// where `\u003c` decodes to the same character, so `JSON.parse` gives back identical values.
    static func scriptSafeJSON(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// A fragment identifier for a county section: `county-` and the code with anything other than ASCII
    /// letters, digits, `-` and `_` spelled as `.XX` hex bytes; the empty code (no county) is `county-none`.
    static func countyAnchor(_ code: String) -> String {
        guard !code.isEmpty else { return "county-none" }
        var result = "county-"
        for byte in code.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "." + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// A number for an attribute: integers without a fraction, others with up to `decimals` decimals.
    static func number(_ value: Double, decimals: Int = 1) -> String {
        let scale = pow10(decimals)
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}
