import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

@Suite struct CSVNumberTests {
    private func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CSVNumber.parseDouble($0, 0, $0.count) }
    }

    @Test func acceptsDecimalsAndRejectsTheRest() {
        for text in ["0", "-0", "+1", "1.", ".5", "120.123456", "-33.5e2", "1E+05", "00012.50", "5e-324"] {
            #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["", "-", ".", "e5", "1e", "1e+", "0x10", "inf", "nan", "1_0", "1.2.3", "12a", "1e400", " 1"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    /// Random decimal strings of every shape compared bit for bit with `Double(String)`.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func matchesDoubleFromString(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        for _ in 0..<20_000 {
            var text = ["", "-", "+"].randomElement(using: &random)!
            let integerDigits = Int.random(in: 0...(Bool.random(using: &random) ? 4 : 25), using: &random)
            let fractionDigits = Int.random(in: 0...(Bool.random(using: &random) ? 8 : 25), using: &random)
            text += digits(integerDigits)
            if fractionDigits > 0 || Bool.random(using: &random) { text += "." + digits(fractionDigits) }
            if integerDigits + fractionDigits == 0 { text += "7" }
            if Int.random(in: 0..<4, using: &random) == 0 {
                text += ["e", "E"].randomElement(using: &random)! + ["", "-", "+"].randomElement(using: &random)!
                text += String(Int.random(in: 0...330, using: &random))
            }
            let expected = Double(text)
            let parsed = parse(text)
            if let expected, expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
        // Coordinates as files carry them: up to 15 significant digits.
        for _ in 0..<20_000 {
            let value = Double.random(in: -180...180, using: &random)
            for text in [String(value), String(format: "%.6f", value), String(format: "%.9f", value)] {
                #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
    }
}
