import Foundation
import LegalCircle

/// NBS urban-rural classification codes (统计用区划代码和城乡划分代码): the first digit is 1 for 城镇
/// (111 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域) and 2 for 乡村 (210 乡中心区,
/// 220 村庄).
private let zoneVocabulary = Vocabulary<Zone>(DomainVocabulary.zones)

/// Reads the rows of a residence file (see `readResidences(data:file:options:policy:)`).
enum ResidenceReader {
    // Slots, in the order of `columns`.
    static let id = 0, lon = 1, lat = 2, population = 3, county = 4, zone = 5, name = 6
    static func columns(zoneRequired: Bool) -> [CSVColumn] {
        [
            CSVColumn(role: .id, isRequired: true), CSVColumn(role: .lon, isRequired: true),
            CSVColumn(role: .lat, isRequired: true), CSVColumn(role: .population, isRequired: false),
            CSVColumn(role: .county, isRequired: false), CSVColumn(role: .zone, isRequired: zoneRequired),
            // A village's or building's name (名称): kept, so that reports can say which place is uncovered.
            CSVColumn(role: .name, isRequired: false),
        ]
    }

    static func read(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy
    ) throws -> CSVReadResult<ResidenceTable> {
        if let result = try readInParallel(document, input: input, text: text, options: options, policy: policy) {
            return result
        }
        return try readSequentially(&document, input: input, text: text, options: options, policy: policy)
    }

    static func readSequentially(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy
    ) throws -> CSVReadResult<ResidenceTable> {
        var table = ResidenceTable()
        let expectedRows = CSVParts.lineBreaks(document.bytes, in: 0..<document.bytes.count) + 1
        table.reserveCapacity(expectedRows)
        var zoneGiven: [Bool] = []
        var result = try readRows(
            &document, into: &table, expectedRows: expectedRows, input: input, text: text, options: options, policy: policy,
            id: id, lon: lon, lat: lat
        ) { (document, start, table, memory) throws(FieldProblem) in
            try readRow(
                document, start, into: &table, memory: &memory, zoneGiven: &zoneGiven, options: options, checkDuplicates: true)
        }
        if options.zoneIsOptional { result.zoneGiven = zoneGiven }
        return result
    }

    /// Reads the rest of a row whose id and location are read and appends it, or throws its first
    /// problem. The id is checked for duplicates last (when `checkDuplicates`), so that a parallel read,
    /// which checks ids only after merging its parts, rejects every row for the same reason.
    static func readRow(
        _ document: CSVDocument, _ start: CSVRowStart, into table: inout ResidenceTable, memory: inout CSVRowMemory,
        zoneGiven: inout [Bool], options: CSVReadOptions, checkDuplicates: Bool
    ) throws(FieldProblem) {
        let population = try document.number(population, .nonNumericPopulation) ?? 1
        guard population >= 0 else {
            throw document.problem(
                Self.population,
                document.pick("\(document.quotedValue(Self.population)) 是负数", "\(document.quotedValue(Self.population)) is negative"),
                .negativePopulation)
        }
        guard population <= InputBounds.population.upperBound else {
            throw document.problem(
                Self.population,
                document.pick(
                    "\(document.quotedValue(Self.population)) 超出每行可接受的人口范围 \(InputBounds.text(InputBounds.population))",
                    "\(document.quotedValue(Self.population)) is outside the accepted range of "
                        + "\(InputBounds.text(InputBounds.population)) people per row"),
                .populationOutOfRange)
        }
        let county = try document.countyCode(county, cache: &memory.countyCache)
        let zoneValue: Zone
        var zoneWasGiven = true
        if let zoneIndex = document.choice(zone, among: zoneVocabulary.spellings) {
            zoneValue = zoneVocabulary.values[zoneIndex]
        } else if options.zoneIsOptional, document.range(zone).map({ $0.start == $0.end }) ?? true {
            // Decided later from zone polygons or classification.
            zoneValue = .rural
            zoneWasGiven = false
        } else {
            throw document.problem(
                zone, document.unknownValue(zone, what: "zone", accepted: zoneVocabulary.accepted),
                .unknownZone)
        }
        let placeName = try document.text(Self.name)
        if checkDuplicates, let first = memory.uniqueIDs.firstLine(of: start.id, line: document.record.line, ids: table.ids) {
            throw document.duplicate(start.id, slot: Self.id, firstLine: first)
        }
        var countyIndex: Int32 = -1
        if let county {
            if memory.countyCache.index == nil { memory.countyCache.index = table.internCounty(county) }
            countyIndex = memory.countyCache.index!
        }
        table.append(
            id: start.id, longitude: start.longitude, latitude: start.latitude, population: population,
            countyIndex: countyIndex, zone: zoneValue, name: placeName.isEmpty ? nil : placeName)
        if options.zoneIsOptional { zoneGiven.append(zoneWasGiven) }
    }
}
