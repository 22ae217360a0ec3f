import SystemZlib
import Dispatch
import Foundation
import LegalCircle

/// Reads the roads of an OpenStreetMap PBF file (https://wiki.openstreetmap.org/wiki/PBF_Format):
/// a sequence of blobs, each a 4-byte big-endian `BlobHeader` length, the `BlobHeader` and a `Blob`
/// holding a zlib-compressed `HeaderBlock` or `PrimitiveBlock`. The blobs are decoded in parallel,
/// fields read in place in the protozero style (`ProtoReader`); nodes keep their id and location
/// (`DenseNodes` or plain `Node`s, lat/lon = 1e-9 · (offset + granularity · value)), ways their tags
/// and delta-coded node references when they are roads or ferries. Road ways are then joined at shared
/// node ids: refs are radix-sorted and merged with the (sorted) node ids.
public enum PBFReader {
    /// Reads `url`.
    /// - Throws: `RoadReadError` naming the file and the blob's byte offset.
    /// - Complexity: O(file size) decoding in parallel over blobs, plus O(R) radix sorting of the R
    ///   road node references.
    public static func read(_ url: URL) throws -> RoadWays {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw RoadReadError(file: url.path, message: "cannot read the file: \(error.localizedDescription)", chinese: "无法读取该文件")
        }
        return try read(data, name: url.path)
    }

    /// Reads PBF bytes; `name` names them in errors.
    public static func read(_ data: Data, name: String) throws -> RoadWays {
        try data.withUnsafeBytes { raw in
            let bytes = SharedBytes(buffer: raw.bindMemory(to: UInt8.self))
            let blobs = try scanBlobs(bytes.buffer, name: name)
            let results = ParallelChunks(count: blobs.count, size: 1).map { chunk, _ -> Result<BlockContent, RoadReadError> in
                let blob = blobs[chunk]
                do {
                    return .success(try decode(blob, in: bytes.buffer))
                } catch let error as ProtoError {
                    return .failure(RoadReadError(file: name, message: "blob at byte \(blob.offset): malformed: \(error)"))
                } catch let error as BlobError {
                    return .failure(RoadReadError(file: name, message: "blob at byte \(blob.offset): \(error.message)"))
                } catch {
                    return .failure(RoadReadError(file: name, message: "blob at byte \(blob.offset): \(error)"))
                }
            }
            var blocks: [BlockContent] = []
            blocks.reserveCapacity(results.count)
            for result in results { blocks.append(try result.get()) }
            var ways = assemble(blocks)
            ways.statistics.fileBytes = raw.count
            return ways
        }
    }

    // MARK: - Blobs

    struct BlobLocation: Sendable {
        let offset: Int
        let dataOffset: Int
        let dataSize: Int
        let isHeader: Bool
    }

    /// Finds every blob: header length, `BlobHeader` (type 1, datasize 3) and where its `Blob` lies.
    static func scanBlobs(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws -> [BlobLocation] {
        var blobs: [BlobLocation] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else {
                throw RoadReadError(
                    file: name, message: "the file ends inside a blob header at byte \(offset): truncated download?",
                    chinese: "文件在第 \(offset) 字节的数据块头中结束：下载不完整？")
            }
            let headerLength = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard headerLength < 64 * 1024, offset + 4 + headerLength <= bytes.count else {
                throw RoadReadError(
                    file: name, message: "blob header at byte \(offset) is invalid or truncated: not an OSM PBF file?",
                    chinese: "第 \(offset) 字节的数据块头无效或不完整：不是 OSM PBF 文件？")
            }
            var reader = ProtoReader(UnsafeBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 4 + headerLength)]))
            var type = ""
            var dataSize = -1
            do {
                while let field = try reader.nextField() {
                    switch (field.number, field.wireType) {
                    case (1, 2): type = String(decoding: try reader.bytes(), as: UTF8.self)
                    case (3, 0): dataSize = Int(try reader.varint())
                    default: try reader.skip(wireType: field.wireType)
                    }
                }
            } catch {
                throw RoadReadError(
                    file: name, message: "blob header at byte \(offset) is malformed (\(error)): not an OSM PBF file?",
                    chinese: "第 \(offset) 字节的数据块头格式错误：不是 OSM PBF 文件？")
            }
            let dataOffset = offset + 4 + headerLength
            guard dataSize >= 0, dataSize <= 32 * 1024 * 1024, dataOffset + dataSize <= bytes.count else {
                throw RoadReadError(
                    file: name, message: "blob at byte \(offset) has a bad size or is truncated: truncated download?",
                    chinese: "第 \(offset) 字节的数据块大小不对或不完整：下载不完整？")
            }
            switch type {
            case "OSMHeader": blobs.append(BlobLocation(offset: offset, dataOffset: dataOffset, dataSize: dataSize, isHeader: true))
            case "OSMData": blobs.append(BlobLocation(offset: offset, dataOffset: dataOffset, dataSize: dataSize, isHeader: false))
            default: break  // unknown blob types are skipped, as the format allows
            }
            offset = dataOffset + dataSize
        }
        return blobs
    }

    struct BlobError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// One decoded blob: nodes (id, lat/lon in 1e-7 degrees) and road ways.
    struct BlockContent: Sendable {
        var nodeIDs: [Int64] = []
        var nodeLatitudes: [Int32] = []
        var nodeLongitudes: [Int32] = []
        var wayTags: [WayTags] = []
        /// Way k's refs are `wayRefs[wayRefEnds[k-1] ..< wayRefEnds[k]]`.
        var wayRefs: [Int64] = []
        var wayRefEnds: [Int] = []
        var nodes = 0
        var ways = 0
        var relations = 0
    }

    static func decode(_ blob: BlobLocation, in bytes: UnsafeBufferPointer<UInt8>) throws -> BlockContent {
        var reader = ProtoReader(UnsafeBufferPointer(rebasing: bytes[blob.dataOffset..<(blob.dataOffset + blob.dataSize)]))
        var raw: UnsafeBufferPointer<UInt8>?
        var compressed: UnsafeBufferPointer<UInt8>?
        var rawSize = 0
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, 2): raw = try reader.bytes()
            case (2, 0): rawSize = Int(try reader.varint())
            case (3, 2): compressed = try reader.bytes()
            case (4, 2), (5, 2), (6, 2), (7, 2):
                throw BlobError("compressed with a method other than zlib (lzma, lz4 or zstd): convert it with `osmium cat IN -o OUT.osm.pbf`")
            default: try reader.skip(wireType: field.wireType)
            }
        }
        if let raw { return try decodeBlock(raw, isHeader: blob.isHeader) }
        guard let compressed else { throw BlobError("holds no data") }
        guard rawSize > 0, rawSize <= 32 * 1024 * 1024 else { throw BlobError("bad raw_size \(rawSize)") }
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: rawSize)
        defer { output.deallocate() }
        var outputSize = uLongf(rawSize)
        // uncompress returns Z_OK, or Z_BUF_ERROR / Z_DATA_ERROR / Z_MEM_ERROR.
        let status = uncompress(output.baseAddress!, &outputSize, compressed.baseAddress!, uLong(compressed.count))
        guard status == Z_OK, Int(outputSize) == rawSize else {
            throw BlobError("zlib uncompress failed (code \(status)\(status == Z_OK ? ", size differs from raw_size" : "")): corrupt file?")
        }
        return try decodeBlock(UnsafeBufferPointer(output), isHeader: blob.isHeader)
    }

    static func decodeBlock(_ block: UnsafeBufferPointer<UInt8>, isHeader: Bool) throws -> BlockContent {
        if isHeader {
            var reader = ProtoReader(block)
            while let field = try reader.nextField() {
                if field.number == 4, field.wireType == 2 {  // required_features
                    let feature = String(decoding: try reader.bytes(), as: UTF8.self)
                    guard feature == "OsmSchema-V0.6" || feature == "DenseNodes" else {
                        throw BlobError("requires the feature \"\(feature)\", which this reader does not support (history files are not road extracts)")
                    }
                } else {
                    try reader.skip(wireType: field.wireType)
                }
            }
            return BlockContent()
        }
        var decoder = PrimitiveBlockDecoder()
        try decoder.decode(block)
        return decoder.content
    }

    // MARK: - Joining

    /// Joins the blocks' road ways to their nodes.
    static func assemble(_ blocks: [BlockContent]) -> RoadWays {
        var statistics = RoadReadStatistics()
        var nodeCount = 0
        var refCount = 0
        var wayCount = 0
        for block in blocks {
            statistics.fileNodes += block.nodes
            statistics.fileWays += block.ways
            statistics.fileRelations += block.relations
            nodeCount += block.nodeIDs.count
            refCount += block.wayRefs.count
            wayCount += block.wayTags.count
        }
        statistics.roadWays = wayCount

        // All nodes in file order; sorted by id if the file is not (osmium writes sorted files).
        var ids: [Int64] = []
        var lats: [Int32] = []
        var lons: [Int32] = []
        ids.reserveCapacity(nodeCount)
        lats.reserveCapacity(nodeCount)
        lons.reserveCapacity(nodeCount)
        for block in blocks {
            ids.append(contentsOf: block.nodeIDs)
            lats.append(contentsOf: block.nodeLatitudes)
            lons.append(contentsOf: block.nodeLongitudes)
        }
        var nodeOrder: [Int32]? = nil
        if !isSorted(ids) {
            var order = ContiguousArray(0..<Int32(ids.count))
            var keys = ContiguousArray(ids)
            RadixSort.sort(keys: &keys, payload: &order)
            ids = Array(keys)
            nodeOrder = Array(order)
        }

        // Road refs with their positions, sorted by id.
        var refs = ContiguousArray<Int64>()
        refs.reserveCapacity(refCount)
        for block in blocks { refs.append(contentsOf: block.wayRefs) }
        var positions = ContiguousArray(0..<Int32(refCount))
        RadixSort.sort(keys: &refs, payload: &positions)

        // Merge: each distinct ref found among the nodes becomes a road node.
        var refNode = [Int32](repeating: -1, count: refCount)
        var longitudes: [Double] = []
        var latitudes: [Double] = []
        var cursor = 0
        var i = 0
        refNode.withUnsafeMutableBufferPointer { refNode in
            while i < refCount {
                let id = refs[i]
                var j = i + 1
                while j < refCount, refs[j] == id { j += 1 }
                while cursor < ids.count, ids[cursor] < id { cursor += 1 }
                if cursor < ids.count, ids[cursor] == id {
                    let source = nodeOrder.map { Int($0[cursor]) } ?? cursor
                    let node = Int32(longitudes.count)
                    longitudes.append(Double(lons[source]) * 1e-7)
                    latitudes.append(Double(lats[source]) * 1e-7)
                    for k in i..<j { refNode[Int(positions[k])] = node }
                }
                i = j
            }
        }
        refs = []
        positions = []

        // Ways in file order, cut where a node is missing from the extract.
        var wayStarts: [Int32] = [0]
        var wayNodes: [Int32] = []
        var tags: [WayTags] = []
        wayStarts.reserveCapacity(wayCount + 1)
        wayNodes.reserveCapacity(refCount)
        tags.reserveCapacity(wayCount)
        var useCount = [UInt8](repeating: 0, count: longitudes.count)
        var base = 0
        for block in blocks {
            var start = 0
            for (k, end) in block.wayRefEnds.enumerated() {
                var piece = 0
                for r in start..<end {
                    let node = refNode[base + r]
                    if node < 0 {
                        statistics.missingNodeReferences += 1
                        if piece >= 2 {
                            wayStarts.append(Int32(wayNodes.count))
                            tags.append(block.wayTags[k])
                        } else {
                            wayNodes.removeLast(piece)
                        }
                        piece = 0
                        continue
                    }
                    wayNodes.append(node)
                    piece += 1
                }
                if piece >= 2 {
                    wayStarts.append(Int32(wayNodes.count))
                    tags.append(block.wayTags[k])
                } else {
                    wayNodes.removeLast(piece)
                }
                start = end
            }
            base += block.wayRefs.count
        }
        for w in 0..<tags.count {
            for n in wayNodes[Int(wayStarts[w])..<Int(wayStarts[w + 1])] where useCount[Int(n)] < 255 { useCount[Int(n)] += 1 }
        }
        for w in 0..<tags.count {
            let first = Int(wayNodes[Int(wayStarts[w])])
            let last = Int(wayNodes[Int(wayStarts[w + 1]) - 1])
            if first != last {
                if useCount[first] == 1 { statistics.danglingEnds += 1 }
                if useCount[last] == 1 { statistics.danglingEnds += 1 }
            }
        }
        return RoadWays(
            longitudes: longitudes, latitudes: latitudes, wayStarts: wayStarts, wayNodes: wayNodes, tags: tags,
            statistics: statistics)
    }

    private static func isSorted(_ ids: [Int64]) -> Bool {
        ids.withUnsafeBufferPointer { ids in
            guard ids.count > 1 else { return true }
            for i in 1..<ids.count where ids[i] < ids[i - 1] { return false }
            return true
        }
    }
}

/// The mapped file's bytes, read (never written) by every blob decoder at once.
struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}

/// A road file that cannot be read, in words for both languages.
public struct RoadReadError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public let file: String
    public let message: String
    /// The message in Chinese; nil where only a decoder's own detail is known, which `description(.zh)`
    /// then frames in Chinese.
    public let chinese: String?
    public init(file: String, message: String, chinese: String? = nil) {
        self.file = file
        self.message = message
        self.chinese = chinese
    }
    public var description: String { "\(file): \(message)" }
    public var errorDescription: String? { description }

    /// `description` in a language: under `.zh` the file and what is wrong in Chinese.
    public func description(_ language: Language) -> String {
        guard language == .zh else { return description }
        return "\(file)：" + (chinese ?? "道路文件无法读取（\(message)）")
    }
}
