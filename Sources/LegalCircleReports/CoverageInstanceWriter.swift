import Foundation
import LegalCircle

/// Writes the maximum-coverage instance `suggest --count` solved (`suggest --export-instance`), for an
/// exact solver to check the answer and the bound against (`scripts/compare-exact`).
public enum CoverageInstanceWriter {
    /// One JSON object:
    /// `{"format": "legalcircle-coverage-instance-1", "count", "weights", "residences", "candidates",
    /// "sets", "greedy", "chosen", "greedyCovered", "chosenCovered", "upperBound"}`: `weights[e]` is the
    /// population of element e (an uncovered residence in scope; `residences[e]` its row in the
    /// residences table), `sets[s]` the elements candidate `candidates[s]` would newly cover,
    /// `greedy` and `chosen` set indices, covered weights as the tool sums them, full precision.
    public static func json(_ instance: CoverageInstance, bound: CoverageBound?) -> String {
        let sets = instance.sets
        var text = "{\"format\":\"legalcircle-coverage-instance-1\",\"count\":\(instance.count),\"weights\":["
        text.reserveCapacity(sets.members.count * 7 + sets.elementCount * 12)
        text += sets.weights.map { "\($0)" }.joined(separator: ",")
        text += "],\"residences\":[" + instance.residences.map { String($0) }.joined(separator: ",")
        text += "],\"candidates\":["
        text += instance.candidates.map { candidate in
            "{\"id\":\(quoted(candidate.id)),\"longitude\":\(candidate.location.longitude),"
                + "\"latitude\":\(candidate.location.latitude)}"
        }.joined(separator: ",")
        text += "],\"sets\":["
        for s in 0..<sets.setCount {
            if s > 0 { text += "," }
            text += "[" + sets.members(of: s).map { String($0) }.joined(separator: ",") + "]"
        }
        text += "],\"greedy\":[" + instance.greedy.map { String($0) }.joined(separator: ",")
        text += "],\"chosen\":[" + instance.chosen.map { String($0) }.joined(separator: ",")
        text += "],\"greedyCovered\":\(sets.coveredWeight(instance.greedy)),\"chosenCovered\":\(sets.coveredWeight(instance.chosen))"
        text += ",\"upperBound\":" + (bound.map { "\($0.value)" } ?? "null") + "}\n"
        return text
    }

    private static func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
