import Foundation
import LegalCircle

// The spellings are listed once, in `DomainVocabulary`, for the readers and the command-line options.
private let kindVocabulary = Vocabulary<ServiceKinds>(DomainVocabulary.kinds)

private let levelVocabulary = Vocabulary<ServiceLevel>(DomainVocabulary.levels, aliases: DomainVocabulary.levelAliases)

/// Separators of a kind list: `;` `；` `、` `,` `，` `/`.
private let kindSeparators: Set<Character> = [";", "；", "、", ",", "，", "/"]

/// Reads the rows of a service point file (see `readServicePoints(data:file:options:policy:)`).
enum ServicePointReader {
    // Slots, in the order of `columns`.
    static let id = 0, name = 1, kind = 2, level = 3, lon = 4, lat = 5, county = 6
    static let columns = [
        CSVColumn(role: .id, isRequired: true), CSVColumn(role: .name, isRequired: false),
        CSVColumn(role: .kind, isRequired: true), CSVColumn(role: .level, isRequired: true),
        CSVColumn(role: .lon, isRequired: true), CSVColumn(role: .lat, isRequired: true),
        CSVColumn(role: .county, isRequired: false),
    ]

    static func read(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy
    ) throws -> CSVReadResult<[ServicePoint]> {
        var points: [ServicePoint] = []
        return try readRows(
            &document, into: &points, expectedRows: 0, input: input, text: text, options: options, policy: policy,
            id: id, lon: lon, lat: lat
        ) { (document, start, points, memory) throws(FieldProblem) in
            let kinds = try kinds(document, cache: &memory.kindLists)
            guard let levelIndex = document.choice(level, among: levelVocabulary.spellings) else {
                throw document.problem(
                    level, document.unknownValue(level, what: "level", accepted: levelVocabulary.accepted),
                    .unknownLevel)
            }
            let county = try document.countyCode(county, cache: &memory.countyCache)
            let name = try document.text(name)
            if let first = memory.uniqueIDs.firstLine(of: start.id, line: document.record.line, ids: points.lazy.map(\.id)) {
                throw document.duplicate(start.id, slot: Self.id, firstLine: first)
            }
            points.append(
                ServicePoint(
                    id: start.id, name: name, kinds: kinds, level: levelVocabulary.values[levelIndex],
                    location: GeoCoordinate(longitude: start.longitude, latitude: start.latitude), county: county))
        }
    }

    /// Parses `mediation;legal_aid` or `法律咨询、人民调解`, naming the first unknown part.
    /// - Parameter cache: the lists read so far: files repeat a few lists, and splitting and trimming
    ///   each row's list took half of the time to read 40 k points.
    private static func kinds(_ document: CSVDocument, cache: inout [String: ServiceKinds]) throws(FieldProblem) -> ServiceKinds {
        let list = try document.text(kind)
        if let known = cache[list] { return known }
        let kinds = try parseKinds(list, document)
        if cache.count < 1_024 { cache[list] = kinds }
        return kinds
    }

    private static func parseKinds(_ list: String, _ document: CSVDocument) throws(FieldProblem) -> ServiceKinds {
        var kinds = ServiceKinds()
        for part in list.split(whereSeparator: { kindSeparators.contains($0) }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let one = kindVocabulary.value(Substring(name)) else {
                throw document.problem(
                    kind,
                    document.pick(
                        "未知的服务类型 \"\(name)\"；可用的值：\(kindVocabulary.accepted)",
                        "unknown kind \"\(name)\"; accepted: \(kindVocabulary.accepted)"),
                    .unknownKind)
            }
            kinds.insert(one)
        }
        guard !kinds.isEmpty else {
            throw document.problem(
                kind,
                document.pick("缺少服务类型；可用的值：\(kindVocabulary.accepted)", "missing kind; accepted: \(kindVocabulary.accepted)"),
                .unknownKind)
        }
        return kinds
    }
}
