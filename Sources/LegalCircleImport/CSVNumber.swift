/// Decimal number parsing straight from CSV bytes, without a String per field.
enum CSVNumber {
    /// Powers of ten that a Double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of the point) to the
    /// same Double as `Double(String)`; nil for anything else, including hex, `inf`, `nan` and overflow.
    ///
    /// Fast path (Clinger 1990, "How to read floating point numbers accurately"): a mantissa of at most
    /// 2^53 times an exact power of ten up to 10^22 is correctly rounded by one IEEE multiplication or
    /// division. Everything else goes through `Double(String)`, so results always agree with it.
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var index = start
        var isNegative = false
        if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // Up to 19 digits fit a UInt64; longer numbers take the slow path.
        var mantissa: UInt64 = 0
        let integerStart = index
        while index < end, let digit = digitValue(bytes[index]) {
            mantissa = mantissa &* 10 &+ digit
            index += 1
        }
        var digitCount = index - integerStart
        var fractionDigits = 0
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, let digit = digitValue(bytes[index]) {
                mantissa = mantissa &* 10 &+ digit
                index += 1
            }
            fractionDigits = index - fractionStart
            digitCount += fractionDigits
        }
        guard digitCount > 0 else { return nil }
        var exponent = -fractionDigits
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentIsNegative = false
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentIsNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var explicitExponent = 0
            let exponentStart = index
            while index < end, let digit = digitValue(bytes[index]) {
                // Clamped: beyond this the value is 0 or infinite anyway.
                explicitExponent = min(explicitExponent * 10 + Int(digit), 100_000)
                index += 1
            }
            guard index > exponentStart else { return nil }
            exponent += exponentIsNegative ? -explicitExponent : explicitExponent
        }
        guard index == end else { return nil }

        if digitCount <= 19 {
            if mantissa == 0 { return isNegative ? -0.0 : 0.0 }
            if mantissa <= 1 << 53 && (-22...22).contains(exponent) {
                let value = Double(mantissa)
                let scaled = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
                return isNegative ? -scaled : scaled
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    @inline(__always)
    private static func digitValue(_ byte: UInt8) -> UInt64? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? UInt64(digit) : nil
    }
}
