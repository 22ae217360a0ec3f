/// Accepted spellings of a value, canonical first.
struct Vocabulary<Value: Sendable>: Sendable {
    let spellings: [[UInt8]]
    let values: [Value]
    /// `urban (城区, 城市), rural (乡村, 农村)`.
    let accepted: String

    /// - Parameter aliases: further spellings, accepted but not listed in `accepted`.
    init(_ entries: [(canonical: String, synonyms: [String], value: Value)], aliases: [(spelling: String, value: Value)] = [], note: String = "") {
        spellings = entries.flatMap { entry in ([entry.canonical] + entry.synonyms).map { Array($0.utf8) } }
            + aliases.map { Array($0.spelling.utf8) }
        values = entries.flatMap { entry in Array(repeating: entry.value, count: 1 + entry.synonyms.count) } + aliases.map(\.value)
        accepted = entries.map { entry in
            entry.synonyms.isEmpty ? entry.canonical : "\(entry.canonical) (\(entry.synonyms.joined(separator: ", ")))"
        }.joined(separator: ", ") + note
    }

    func value(_ text: Substring) -> Value? {
        let bytes = Array(text.utf8)
        return spellings.firstIndex(of: bytes).map { values[$0] }
    }
}
