import Foundation
import LegalCircle

/// A large residence file read on every core: the text is cut at line starts into one part per core,
/// each part parsed into a table of its own, the parts merged in file order, then duplicate ids
/// found over the merged table, as the sequential reader would (same rows, rejects, lines, reasons).
///
/// Cutting needs no knowledge of quoting: each part stops at the first record that starts at or past
/// the next part's start, and the merge goes ahead only when every part stopped exactly where the next
/// one started, on the line it was given. Otherwise (a cut inside a quoted field that spans lines) the
/// caller reads the file sequentially.
extension ResidenceReader {
    /// Below this size one thread is as fast: starting threads and merging cost more than they save.
    static let parallelThreshold = 8 << 20

    /// The parallel read, or nil when the file is small, there is one core, or the parts did not
    /// join (then nothing has been decided and the caller reads sequentially).
    static func readInParallel(
        _ document: CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy,
        parts requested: Int = 4 * ProcessInfo.processInfo.activeProcessorCount, threshold: Int = parallelThreshold
    ) throws -> CSVReadResult<ResidenceTable>? {
        // More parts than cores, so that a core finishing early takes the next part: with one part per
        // core, one core idled for a second of a 10M read while the other finished its half.
        guard ProcessInfo.processInfo.activeProcessorCount > 1 || threshold == 0, requested > 1,
            document.bytes.count >= threshold
        else { return nil }
        let cuts = CSVParts(document.bytes, from: document.dataStart, parts: requested)
        guard cuts.count > 1 else { return nil }
        let shared = SharedDocument(document: document)
        var outcomes = ParallelChunks(count: cuts.count, size: 1).map { part, _ in
            Result { () throws -> PartResult in
                let cut = cuts[part]
                var document = shared.document.part(from: cut.start, line: cut.line, to: cut.end)
                return try readPart(&document, input: input, text: text, options: options, policy: policy, share: cuts.share(part))
            }
        }
        // The first part that failed decides, if every part before it joined the next.
        for (part, outcome) in outcomes.enumerated() {
            if case .failure(let error) = outcome {
                guard joined(outcomes.prefix(part), cuts) else { return nil }
                throw error
            }
        }
        guard joined(outcomes[...], cuts) else { return nil }
        var results = outcomes.map { try! $0.get() }
        outcomes = []  // the parts' tables now have one owner, so merge can free each after copying it
        return try merge(&results, document: document, input: input, text: text, options: options, policy: policy)
    }

    /// What one part read: its rows (duplicates not yet checked), rejects and where it stopped.
    struct PartResult: Sendable {
        var table: ResidenceTable
        var origins: CSVRowOrigins
        var zoneGiven: [Bool]
        var rejects: [RejectedRow]
        var rejectTotal: Int
        var rowsRead: Int
        var stop: CSVParts.Position
    }

    private static func readPart(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy,
        share: Int
    ) throws -> PartResult {
        var table = ResidenceTable()
        table.reserveCapacity(share)
        var zoneGiven: [Bool] = []
        var collector = RejectCollector(file: document.file, policy: policy)
        var origins = CSVRowOrigins(text: text, expectedCount: share)
        var memory = CSVRowMemory(uniqueIDs: CSVUniqueIDs(expectedCount: 0))
        var rowsRead = 0
        let projected = options.coordinatesAreProjected
        while try document.next() {
            rowsRead += 1
            do throws(FieldProblem) {
                try document.checkShape()
                let id = try document.requiredID(Self.id)
                let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat, projected: projected)
                try readRow(
                    document, CSVRowStart(id: id, longitude: longitude, latitude: latitude), into: &table, memory: &memory,
                    zoneGiven: &zoneGiven, options: options, checkDuplicates: false)
                origins.append(line: document.record.line, start: document.record.start, end: document.record.end)
            } catch {
                collector.add(document.rejectedRow(error))
            }
        }
        let stop = document.stop!
        return PartResult(
            table: table, origins: origins, zoneGiven: zoneGiven, rejects: collector.rejects, rejectTotal: collector.total,
            rowsRead: rowsRead, stop: CSVParts.Position(offset: stop.offset, line: stop.line))
    }

    /// Whether each of these parts stopped where the next one began.
    private static func joined(_ outcomes: ArraySlice<Result<PartResult, any Error>>, _ cuts: CSVParts) -> Bool {
        for (part, outcome) in zip(outcomes.indices, outcomes) where part + 1 < cuts.count {
            guard case .success(let result) = outcome, result.stop == cuts[part + 1].startPosition else { return false }
        }
        return true
    }

    /// The parts in file order, then duplicate ids rejected as the sequential reader would (first
    /// occurrence kept), then `policy` applied to all rejects in line order.
    private static func merge(
        _ parts: inout [PartResult], document: CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions,
        policy: RowPolicy
    ) throws -> CSVReadResult<ResidenceTable> {
        // Into columns reserved once for every row, each part freed as soon as it is copied: the peak
        // is one table plus one part, not the doubling of growing the first part's columns.
        let total = parts.reduce(0) { $0 + $1.table.count }
        var table = ResidenceTable()
        table.reserveCapacity(total)
        var origins = CSVRowOrigins(text: text, expectedCount: total)
        var zoneGiven: [Bool] = []
        zoneGiven.reserveCapacity(options.zoneIsOptional ? total : 0)
        var fieldRejects: [RejectedRow] = []
        var rejectTotal = 0
        var rowsRead = 0
        for part in parts.indices {
            table.append(contentsOf: parts[part].table)
            origins.append(contentsOf: parts[part].origins)
            zoneGiven += parts[part].zoneGiven
            fieldRejects += parts[part].rejects
            rejectTotal += parts[part].rejectTotal
            rowsRead += parts[part].rowsRead
            parts[part] = PartResult(
                table: ResidenceTable(), origins: CSVRowOrigins(text: text, expectedCount: 0), zoneGiven: [], rejects: [],
                rejectTotal: 0, rowsRead: 0, stop: parts[part].stop)
        }
        let duplicates = duplicateRows(table.ids)
        let duplicateRejects = duplicates.map { duplicate in
            document.rejectedRow(
                document.duplicate(table.ids[duplicate.row], slot: Self.id, firstLine: origins.line(at: duplicate.first)),
                line: origins.line(at: duplicate.row), rawText: origins.rawText(at: duplicate.row))
        }
        var rejects = mergedByLine(fieldRejects, duplicateRejects)
        rejectTotal += duplicates.count
        if policy == .allOrNothing, rejectTotal > 0 {
            throw CSVImportError(
                file: document.file,
                problem: .rejectedRows(first: Array(rejects.prefix(CSVImportError.listedRejectLimit)), total: rejectTotal))
        }
        if !duplicates.isEmpty {
            let indices = duplicates.map(\.row)
            table.removeRows(atSortedIndices: indices)
            origins.remove(atSortedIndices: indices)
            if options.zoneIsOptional { zoneGiven.remove(atSortedIndices: indices) }
        }
        if policy == .allOrNothing { rejects = [] }
        var result = CSVReadResult(
            rows: table, rejects: rejects, origins: origins, file: document.file, policy: policy,
            headerLine: CSVDocument.headerText(of: document.bytes, delimiter: input.delimiter), input: input,
            columns: document.matches, coordinatesAreProjected: options.coordinatesAreProjected, rowsRead: rowsRead)
        if options.zoneIsOptional { result.zoneGiven = zoneGiven }
        return result
    }

    /// Rows whose id equals that of an earlier row that is kept, with that row: ascending by row.
    /// Strictly increasing ids (sorted files) are proven distinct by comparison alone. Otherwise the ids
    /// are hashed in parallel and split by hash into one table per core: equal ids share a hash, so
    /// each table sees all of an id's rows, in row order, and finds the same first rows as one table.
    static func duplicateRows(_ ids: [String]) -> [(row: Int, first: Int)] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // The first row not greater than the one before, looked for in parallel chunks.
        let firstUnsorted = ParallelChunks(count: ids.count, parts: cores).map { _, range in
            range.first { $0 > 0 && !(ids[$0 - 1] < ids[$0]) }
        }
        guard firstUnsorted.contains(where: { $0 != nil }) else { return [] }
        let hashes: [UInt64] = ParallelChunks(count: ids.count, size: 1 << 16).fill { range, hashes in
            for row in range { hashes[row] = IDHashTable.hash(ids[row]) }
        }
        let partitions = UInt64(max(1, cores))
        let found = ParallelChunks(count: Int(partitions), size: 1).map { partition, _ in
            var table = IDHashTable(capacityFor: ids.count / Int(partitions) + 1_024)
            var duplicates: [(row: Int, first: Int)] = []
            // The low bits pick the table; the table's slots and tags come from the high bits.
            for row in ids.indices where hashes[row] % partitions == UInt64(partition) {
                if let first = table.insert(ids[row], hash: hashes[row], row: row, ids: ids) { duplicates.append((row, first)) }
            }
            return duplicates
        }
        return found.joined().sorted { $0.row < $1.row }
    }
}

/// The document handed to the parts: each part copies it and reads its own range of the bytes, which
/// nobody writes while the parts run (the caller keeps them alive until `readInParallel` returns).
private struct SharedDocument: @unchecked Sendable {
    let document: CSVDocument
}

/// Where the parts of a parallel read start: at line starts after equal shares of the data, each with
/// its physical line number counted as the scanner counts (LF, CRLF and a lone CR are one line break).
struct CSVParts: Sendable {
    struct Position: Sendable, Equatable {
        var offset: Int
        var line: Int
    }

    struct Part: Sendable {
        var start: Int
        var line: Int
        var end: Int
        var startPosition: Position { Position(offset: start, line: line) }
    }

    private var parts: [Part] = []
    private let bytesPerRow: Int

    var count: Int { parts.count }
    subscript(part: Int) -> Part { parts[part] }

    /// About how many rows part `part` holds, to reserve its columns.
    func share(_ part: Int) -> Int { (parts[part].end - parts[part].start) / bytesPerRow + 16 }

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: (offset: Int, line: Int), parts requested: Int) {
        let length = bytes.count - start.offset
        var starts = [start.offset]
        for part in 1..<requested {
            var cut = start.offset + length / requested * part
            guard cut > starts.last!, cut < bytes.count else { continue }
            // After a line feed, then past blank lines, so each part starts at a record's first byte; not
            // next to a line with an odd number of quotes, which opens or closes a field spanning lines.
            for _ in 0..<1_000 {
                while cut < bytes.count && bytes[cut - 1] != CSVScanner.lineFeed { cut += 1 }
                while cut < bytes.count && (bytes[cut] == CSVScanner.lineFeed || bytes[cut] == CSVScanner.carriageReturn) { cut += 1 }
                guard cut < bytes.count, Self.hasOddQuotes(bytes, lineBefore: cut) || Self.hasOddQuotes(bytes, lineFrom: cut)
                else { break }
                cut += 1
            }
            if cut < bytes.count && cut > starts.last! { starts.append(cut) }
        }
        let ranges = zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
        let shared = SharedBytes(bytes: bytes)
        let breaks = ParallelChunks(count: ranges.count, size: 1).map { part, _ in
            CSVParts.lineBreaks(shared.bytes, in: ranges[part])
        }
        var line = start.line
        for (part, range) in ranges.enumerated() {
            parts.append(Part(start: range.lowerBound, line: line, end: range.upperBound))
            line += breaks[part]
        }
        // The first 64 KiB tell the bytes per row well enough to reserve capacity.
        let sample = min(length, 1 << 16)
        let sampleBreaks = CSVParts.lineBreaks(bytes, in: start.offset..<start.offset + sample)
        bytesPerRow = max(1, sample / max(1, sampleBreaks))
    }

    private static func hasOddQuotes(_ bytes: UnsafeBufferPointer<UInt8>, lineFrom start: Int) -> Bool {
        var quotes = 0
        var index = start
        while index < bytes.count && bytes[index] != CSVScanner.lineFeed {
            if bytes[index] == CSVScanner.quote { quotes += 1 }
            index += 1
        }
        return quotes % 2 == 1
    }

    /// The line ending just before `end` (which follows line breaks).
    private static func hasOddQuotes(_ bytes: UnsafeBufferPointer<UInt8>, lineBefore end: Int) -> Bool {
        var index = end - 1
        while index >= 0 && (bytes[index] == CSVScanner.lineFeed || bytes[index] == CSVScanner.carriageReturn) { index -= 1 }
        var quotes = 0
        while index >= 0 && bytes[index] != CSVScanner.lineFeed {
            if bytes[index] == CSVScanner.quote { quotes += 1 }
            index -= 1
        }
        return quotes % 2 == 1
    }

    /// Line breaks in `range` by the scanner's rule: every LF, and every CR not followed by an LF.
    /// Without a CR in the range (memchr), line feeds are counted eight bytes at a time.
    static func lineBreaks(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        if memchr(base + range.lowerBound, Int32(CSVScanner.carriageReturn), range.count) != nil {
            var count = 0
            for index in range {
                let byte = bytes[index]
                if byte == CSVScanner.lineFeed {
                    count += 1
                } else if byte == CSVScanner.carriageReturn && (index + 1 >= bytes.count || bytes[index + 1] != CSVScanner.lineFeed) {
                    count += 1
                }
            }
            return count
        }
        let words = range.count / 8
        let raw = UnsafeRawPointer(base + range.lowerBound)
        var nonLineFeeds = 0
        for word in 0..<words {
            // A byte's high bit ends up set exactly when the byte differs from LF.
            let x = raw.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let differs = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | x) & 0x8080_8080_8080_8080
            nonLineFeeds += differs.nonzeroBitCount
        }
        var count = 8 * words - nonLineFeeds
        for index in range.lowerBound + 8 * words..<range.upperBound where bytes[index] == CSVScanner.lineFeed { count += 1 }
        return count
    }
}

/// The file's bytes, read (never written) by the threads that count line breaks.
private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}
