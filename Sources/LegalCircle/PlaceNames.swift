/// Names of the places that reports give by code: counties (6-digit administrative codes) and townships
/// (9-digit codes, the first 9 digits of a 12-digit NBS statistical code).
///
/// Filled from the shipped county and township tables and the loaded county boundaries; empty when
/// nothing is known, and then reports show codes only, as before.
public struct PlaceNames: Sendable, Equatable {
    /// County name by 6-digit code.
    public var counties: [String: String]
    /// Township name by 9-digit code.
    public var townships: [String: String]

    public init(counties: [String: String] = [:], townships: [String: String] = [:]) {
        self.counties = counties
        self.townships = townships
    }

    /// No names: reports show codes only.
    public static let none = PlaceNames()

    public var isEmpty: Bool { counties.isEmpty && townships.isEmpty }

    /// The county's name, nil when unknown or `code` is nil or empty.
    public func county(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        return counties[code]
    }

    /// The township's name by its 9-digit code, or the first 9 digits of a longer statistical code.
    public func township(_ code: String?) -> String? {
        guard let code, code.utf8.count >= 9 else { return nil }
        return townships[String(code.prefix(9))]
    }

    /// The name of a county (6 digits) or township (9 or 12 digits) code.
    public func place(_ code: String?) -> String? {
        guard let code else { return nil }
        return code.utf8.count == 6 ? county(code) : township(code)
    }

    /// True when at least one of `codes` has a county name: a table then gets a name column.
    public func hasCounties(_ codes: some Sequence<String>) -> Bool {
        !counties.isEmpty && codes.contains { counties[$0] != nil }
    }

    /// True when at least one of `codes` has a name (county or township by length).
    public func hasPlaces(_ codes: some Sequence<String>) -> Bool {
        !isEmpty && codes.contains { place($0) != nil }
    }

    /// These names, with `other`'s filling the codes these lack (a code named in both keeps this one's).
    public func filling(from other: PlaceNames) -> PlaceNames {
        PlaceNames(
            counties: counties.merging(other.counties) { mine, _ in mine },
            townships: townships.merging(other.townships) { mine, _ in mine })
    }

    /// The code of a county whose name is `name` ("西湖区", or without its suffix "西湖"), when exactly one
    /// county has it; `candidates` are the codes to choose among (all named counties when nil).
    /// - Returns: `.found(code)`, `.ambiguous(codes)` or `.unknown`.
    public func countyCode(named name: String, among candidates: Set<String>? = nil) -> NameLookup {
        let wanted = name.trimmingCharacters(in: " ")
        let pool = counties.filter { candidates == nil || candidates!.contains($0.key) }
        var matches = pool.filter { $0.value == wanted }.map(\.key)
        if matches.isEmpty {
            matches = pool.filter { Self.stem($0.value) == Self.stem(wanted) && !Self.stem(wanted).isEmpty }.map(\.key)
        }
        switch matches.count {
        case 0: return .unknown
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.sorted())
        }
    }

    /// A lookup of a place by name.
    public enum NameLookup: Sendable, Equatable {
        case found(String)
        case ambiguous([String])
        case unknown
    }

    /// A county name without its administrative suffix: 西湖区 → 西湖, 淳安县 → 淳安, 义乌市 → 义乌.
    static func stem(_ name: String) -> String {
        for suffix in ["自治县", "区", "县", "市"] where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        Substring(self).trimmingCharacters(in: character)
    }
}
