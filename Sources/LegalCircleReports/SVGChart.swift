import LegalCircle

/// The bar chart of a county's minutes to the nearest point: share of residents per bin, one bar for
/// times past the last bin and one for residents with no eligible point, and the target as a line.
enum SVGChart {
    static let width = 640
    static let height = 250
    private static let left = 52.0
    private static let right = 12.0
    private static let top = 22.0
    private static let bottom = 40.0

    static func minutes(_ histogram: MinuteHistogram, target: Double, labels: ReportLabels) -> String {
        let total = histogram.total
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"\(SVGStyle.fontFamily)\" font-size=\"11\" role=\"img\">"
            + "<title>\(MarkupText.escaped(labels.chartHeading))</title><rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>"
        guard total > 0 else {
            return svg + "<text x=\"\(Int(left))\" y=\"\(height / 2)\">\(MarkupText.escaped(labels.noResidents))</text></svg>"
        }
        let bins = histogram.population.count
        // The bins, a gap, then "beyond" and "no eligible point".
        let slots = Double(bins + 3)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let slot = plotWidth / slots
        let shares = histogram.population.map { $0 / total * 100 }
        let extras = [histogram.beyond / total * 100, histogram.unreachable / total * 100]
        let axisMax = niceCeiling(max(shares.max() ?? 0, extras.max() ?? 0))
        func barY(_ share: Double) -> Double { top + plotHeight * (1 - share / axisMax) }

        // Horizontal grid and the share axis.
        for step in 0...4 {
            let share = axisMax * Double(step) / 4
            let y = MarkupText.number(barY(share))
            svg += "<path d=\"M\(Int(left)) \(y)H\(MarkupText.number(left + plotWidth))\" stroke=\"#e5e5e5\"/>"
                + "<text x=\"\(Int(left) - 4)\" y=\"\(y)\" dy=\"4\" text-anchor=\"end\">\(MarkupText.number(share))</text>"
        }
        svg += "<text transform=\"translate(12 \(MarkupText.number(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">"
            + "\(MarkupText.escaped(labels.shareAxis))</text>"

        let unit = labels.minutesWord
        for (index, share) in shares.enumerated() where histogram.population[index] > 0 {
            let from = Double(index) * histogram.binWidth
            let colour = from < target ? "#2b8cbe" : "#e34a33"
            let tip = "\(MarkupText.number(from, decimals: 2))–\(MarkupText.number(from + histogram.binWidth, decimals: 2)) \(unit): "
                + "\(TextTable.grouped(histogram.population[index])) \(labels.residentsWord) (\(TextTable.fixed(share, decimals: 1)) %)"
            svg += bar(x: left + Double(index) * slot, width: slot, y: barY(share), bottom: top + plotHeight, colour: colour, tip: tip)
        }
        let limit = MarkupText.number(histogram.upperLimit, decimals: 2)
        let extraLabels = ["> \(limit)", labels.unreachable]
        let extraPopulation = [histogram.beyond, histogram.unreachable]
        for index in 0..<2 {
            let x = left + Double(bins + 1 + index) * slot
            if extraPopulation[index] > 0 {
                let tip = "\(extraLabels[index]): \(TextTable.grouped(extraPopulation[index])) \(labels.residentsWord) "
                    + "(\(TextTable.fixed(extras[index], decimals: 1)) %)"
                svg += bar(x: x, width: slot, y: barY(extras[index]), bottom: top + plotHeight, colour: index == 0 ? "#b30000" : "#525252", tip: tip)
            }
        }

        // Minute axis: ticks every few bins, then the two extra bars' names.
        let baseline = MarkupText.number(top + plotHeight)
        svg += "<path d=\"M\(Int(left)) \(baseline)H\(MarkupText.number(left + plotWidth))\" stroke=\"#333\"/>"
        let every = max(1, Int((Double(bins) / 9).rounded(.up)))
        // Up to the last bin's start: its end is the "beyond" bar's name.
        for index in stride(from: 0, to: bins, by: every) {
            let x = MarkupText.number(left + Double(index) * slot)
            svg += "<path d=\"M\(x) \(baseline)v4\" stroke=\"#333\"/><text x=\"\(x)\" y=\"\(MarkupText.number(top + plotHeight + 16))\" "
                + "text-anchor=\"middle\">\(MarkupText.number(Double(index) * histogram.binWidth, decimals: 2))</text>"
        }
        svg += "<text x=\"\(MarkupText.number(left + plotWidth / 2))\" y=\"\(height - 4)\" text-anchor=\"middle\">\(MarkupText.escaped(labels.minutesAxis))</text>"
        for index in 0..<2 where extraPopulation[index] > 0 {
            let x = left + (Double(bins + 1 + index) + 0.5) * slot
            svg += "<text x=\"\(MarkupText.number(x))\" y=\"\(MarkupText.number(top + plotHeight + 16 + Double(index) * 12))\" "
                + "text-anchor=\"middle\" font-size=\"10\">\(MarkupText.escaped(extraLabels[index]))</text>"
        }

        // The target line.
        let targetX = MarkupText.number(left + min(target / histogram.upperLimit, 1) * Double(bins) * slot)
        svg += "<path d=\"M\(targetX) \(Int(top) - 6)V\(baseline)\" stroke=\"#111\" stroke-dasharray=\"4 3\"/>"
            + "<text x=\"\(targetX)\" y=\"\(Int(top) - 9)\" text-anchor=\"middle\">\(MarkupText.escaped(labels.target(target)))</text>"
        return svg + "</svg>"
    }

    private static func bar(x: Double, width: Double, y: Double, bottom: Double, colour: String, tip: String) -> String {
        "<rect x=\"\(MarkupText.number(x + 0.5))\" y=\"\(MarkupText.number(y))\" width=\"\(MarkupText.number(max(width - 1, 1)))\" "
            + "height=\"\(MarkupText.number(max(bottom - y, 0.5)))\" fill=\"\(colour)\"><title>\(MarkupText.escaped(tip))</title></rect>"
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (at least 1).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 < value { magnitude *= 10 }
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }
}
