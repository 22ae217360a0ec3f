/// The accepted spellings of service kinds, levels and zones, canonical first: one list for the CSV and
/// xlsx readers and every command-line option that takes these values, so that whatever a file accepts
/// an option accepts too (and the Chinese words the reports print read back).
public enum DomainVocabulary {
    public typealias Entry<Value> = (canonical: String, synonyms: [String], value: Value)

    /// Service kinds: `legal_aid` (法律援助), `mediation` (调解, 人民调解), ...
    public static let kinds: [Entry<ServiceKinds>] = [
        ("consultation", ["法律咨询"], .consultation), ("legal_aid", ["法律援助"], .legalAid),
        ("mediation", ["调解", "人民调解"], .mediation), ("notary", ["公证"], .notary), ("lawyer", ["律师"], .lawyer),
        ("forensic", ["司法鉴定"], .forensic), ("arbitration", ["仲裁"], .arbitration),
        ("publicity", ["法治宣传", "普法"], .publicity),
    ]

    /// Levels.
    public static let levels: [Entry<ServiceLevel>] = [
        ("province", ["省", "省级"], .province), ("city", ["市", "市级"], .city), ("county", ["县", "区", "县级"], .county),
        ("township", ["乡镇", "街道", "乡", "镇", "乡镇级"], .township), ("village", ["村", "社区", "村级"], .village),
        ("grid", ["网格"], .grid),
    ]

    /// Spellings of levels accepted besides `levels` but not listed in messages (they restate it): the
    /// README's `乡镇/街道` and `村/社区`, and the Chinese tables' `乡镇（街道）` and `村（社区）`.
    public static let levelAliases: [(spelling: String, value: ServiceLevel)] = [
        ("乡镇/街道", .township), ("乡镇（街道）", .township), ("乡镇(街道)", .township), ("街道/乡镇", .township),
        ("村/社区", .village), ("村（社区）", .village), ("村(社区)", .village), ("社区/村", .village),
    ]

    /// Zones, and the NBS urban-rural classification codes (统计用区划代码和城乡划分代码): the first digit
    /// is 1 for 城镇 (111 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域) and 2 for 乡村
    /// (210 乡中心区, 220 村庄).
    public static let zones: [Entry<Zone>] = [
        ("urban", ["城区", "城市", "111", "112", "121", "122", "123"], .urban),
        ("rural", ["乡村", "农村", "210", "220"], .rural), ("mountain", ["山区"], .mountain),
        ("island", ["海岛", "岛屿"], .island),
    ]

    /// Separators of a kind list: `;` `；` `、` `,` `，` `/`.
    public static let kindSeparators: Set<Character> = [";", "；", "、", ",", "，", "/"]

    /// A zone by any accepted spelling (`urban`, `城区`, `111`), nil if unknown.
    public static func zone(_ text: String) -> Zone? { lookup(text, in: zones) }

    /// A level by any accepted spelling (`township`, `乡镇/街道`), nil if unknown.
    public static func level(_ text: String) -> ServiceLevel? {
        lookup(text, in: levels) ?? levelAliases.first { $0.spelling == text.trimmingCharacters(in: " ") }?.value
    }

    /// One kind by any accepted spelling (`legal_aid`, `法律援助`), nil if unknown.
    public static func kind(_ text: String) -> ServiceKinds? { lookup(text, in: kinds) }

    /// A list of kinds separated by `kindSeparators`; nil when empty or any one is unknown.
    public static func kindList(_ text: String) -> ServiceKinds? {
        var result = ServiceKinds()
        for part in text.split(whereSeparator: { kindSeparators.contains($0) }) {
            guard let kind = kind(String(part)) else { return nil }
            result.insert(kind)
        }
        return result.isEmpty ? nil : result
    }

    /// "urban (城区, 城市), rural (乡村, 农村), ...": the spellings for a message.
    public static func accepted<Value>(_ entries: [Entry<Value>], codes: Bool = false) -> String {
        entries.map { entry in
            let synonyms = codes ? entry.synonyms : entry.synonyms.filter { $0.first?.isNumber != true }
            return synonyms.isEmpty ? entry.canonical : "\(entry.canonical) (\(synonyms.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }

    private static func lookup<Value>(_ text: String, in entries: [Entry<Value>]) -> Value? {
        let wanted = text.trimmingCharacters(in: " ").lowercased()
        return entries.first { $0.canonical == wanted || $0.synonyms.contains(wanted) }?.value
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        Substring(self).trimmingCharacters(in: character)
    }
}
