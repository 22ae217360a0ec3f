/// Decodes one `PrimitiveBlock` (osmformat.proto): string table (1), primitive groups (2),
/// granularity (17, default 100 nanodegrees), lat_offset (19) and lon_offset (20). Groups hold plain
/// nodes (1), `DenseNodes` (2), ways (3) and relations (4, counted only).
struct PrimitiveBlockDecoder {
    var content = PBFReader.BlockContent()

    private var strings: [UnsafeBufferPointer<UInt8>] = []
    /// Per string-table index: the key code (`Key`), or `unknown` until first looked at.
    private var keyCodes: [UInt8] = []
    private var granularity: Int64 = 100
    private var latOffset: Int64 = 0
    private var lonOffset: Int64 = 0

    /// Keys the road tags use.
    private enum Key: UInt8 {
        case other = 0, highway, route, oneway, junction, maxspeed, duration, access, foot, bicycle, motorVehicle, motorcar, area
        case unknown = 255

        static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
            switch bytes.count {
            case 3: return bytes.equals("foo") ? .other : .other
            case 4: return bytes.equals("foot") ? .foot : bytes.equals("area") ? .area : .other
            case 5: return bytes.equals("route") ? .route : .other
            case 6: return bytes.equals("oneway") ? .oneway : bytes.equals("access") ? .access : .other
            case 7: return bytes.equals("highway") ? .highway : bytes.equals("bicycle") ? .bicycle : .other
            case 8:
                return bytes.equals("junction") ? .junction : bytes.equals("maxspeed") ? .maxspeed
                    : bytes.equals("duration") ? .duration : .other
            case 9: return bytes.equals("motorcar") ? .motorcar : .other
            case 13: return bytes.equals("motor_vehicle") ? .motorVehicle : .other
            default: return .other
            }
        }

        var name: String {
            switch self {
            case .highway: "highway"
            case .route: "route"
            case .oneway: "oneway"
            case .junction: "junction"
            case .maxspeed: "maxspeed"
            case .duration: "duration"
            case .access: "access"
            case .foot: "foot"
            case .bicycle: "bicycle"
            case .motorVehicle: "motor_vehicle"
            case .motorcar: "motorcar"
            case .area: "area"
            case .other, .unknown: ""
            }
        }
    }

    mutating func decode(_ block: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        var groups: [UnsafeBufferPointer<UInt8>] = []
        var reader = ProtoReader(block)
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, 2): try readStringTable(try reader.bytes())
            case (2, 2): groups.append(try reader.bytes())
            case (17, 0): granularity = Int64(truncatingIfNeeded: try reader.varint())
            case (19, 0): latOffset = Int64(bitPattern: try reader.varint())
            case (20, 0): lonOffset = Int64(bitPattern: try reader.varint())
            default: try reader.skip(wireType: field.wireType)
            }
        }
        for group in groups { try decodeGroup(group) }
    }

    private mutating func readStringTable(_ table: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        var reader = ProtoReader(table)
        while let field = try reader.nextField() {
            if field.number == 1, field.wireType == 2 {
                strings.append(try reader.bytes())
            } else {
                try reader.skip(wireType: field.wireType)
            }
        }
        keyCodes = [UInt8](repeating: Key.unknown.rawValue, count: strings.count)
    }

    private mutating func decodeGroup(_ group: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        var reader = ProtoReader(group)
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, 2): try decodeNode(try reader.bytes())
            case (2, 2): try decodeDense(try reader.bytes())
            case (3, 2): try decodeWay(try reader.bytes())
            case (4, 2):
                _ = try reader.bytes()
                content.relations += 1
            default: try reader.skip(wireType: field.wireType)
            }
        }
    }

    /// 1e-7 degrees of a raw coordinate: (offset + granularity · value) nanodegrees / 100, rounded.
    @inline(__always)
    private func fixed(_ value: Int64, offset: Int64) -> Int32 {
        if granularity == 100, offset == 0 { return Int32(truncatingIfNeeded: value) }
        let nano = offset + granularity * value
        return Int32(truncatingIfNeeded: nano >= 0 ? (nano + 50) / 100 : (nano - 50) / 100)
    }

    private mutating func decodeNode(_ message: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        var reader = ProtoReader(message)
        var id: Int64 = 0
        var lat: Int64 = 0
        var lon: Int64 = 0
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, 0): id = try reader.signedVarint()
            case (8, 0): lat = try reader.signedVarint()
            case (9, 0): lon = try reader.signedVarint()
            default: try reader.skip(wireType: field.wireType)
            }
        }
        content.nodes += 1
        content.nodeIDs.append(id)
        content.nodeLatitudes.append(fixed(lat, offset: latOffset))
        content.nodeLongitudes.append(fixed(lon, offset: lonOffset))
    }

    /// `DenseNodes`: ids (1), lats (8) and lons (9) are packed, delta-coded sint64; tags (10) and
    /// metadata (5) are skipped.
    private mutating func decodeDense(_ message: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        var reader = ProtoReader(message)
        var idBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var latBytes = idBytes
        var lonBytes = idBytes
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, 2): idBytes = try reader.bytes()
            case (8, 2): latBytes = try reader.bytes()
            case (9, 2): lonBytes = try reader.bytes()
            default: try reader.skip(wireType: field.wireType)
            }
        }
        let start = content.nodeIDs.count
        try Self.appendDeltas(idBytes, to: &content.nodeIDs)
        let count = content.nodeIDs.count - start
        content.nodeLatitudes.reserveCapacity(start + count)
        content.nodeLongitudes.reserveCapacity(start + count)
        try appendCoordinates(latBytes, offset: latOffset, expected: count, to: &content.nodeLatitudes)
        try appendCoordinates(lonBytes, offset: lonOffset, expected: count, to: &content.nodeLongitudes)
        content.nodes += count
    }

    /// Appends the running sums of packed zigzag varints.
    @inline(__always)
    private static func appendDeltas(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [Int64]) throws(ProtoError) {
        var reader = ProtoReader(bytes)
        var value: Int64 = 0
        output.reserveCapacity(output.count + bytes.count / 2)
        while !reader.isAtEnd {
            value &+= try reader.signedVarint()
            output.append(value)
        }
    }

    private func appendCoordinates(
        _ bytes: UnsafeBufferPointer<UInt8>, offset: Int64, expected: Int, to output: inout [Int32]
    ) throws(ProtoError) {
        var reader = ProtoReader(bytes)
        var value: Int64 = 0
        var count = 0
        while !reader.isAtEnd {
            value &+= try reader.signedVarint()
            output.append(fixed(value, offset: offset))
            count += 1
        }
        guard count == expected else { throw ProtoError("DenseNodes has \(expected) ids but \(count) coordinates") }
    }

    /// `Way`: keys (2) and vals (3) packed uint32 string-table indices, refs (8) packed delta sint64.
    private mutating func decodeWay(_ message: UnsafeBufferPointer<UInt8>) throws(ProtoError) {
        content.ways += 1
        var reader = ProtoReader(message)
        var keys = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var values = keys
        var refs = keys
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (2, 2): keys = try reader.bytes()
            case (3, 2): values = try reader.bytes()
            case (8, 2): refs = try reader.bytes()
            default: try reader.skip(wireType: field.wireType)
            }
        }
        // A quick look for highway or route first: most ways are buildings and land use.
        var keyReader = ProtoReader(keys)
        var valueReader = ProtoReader(values)
        var roadTags: [(key: String, value: String)] = []
        var isRoad = false
        while !keyReader.isAtEnd {
            let k = Int(try keyReader.varint())
            let v = Int(try valueReader.varint())
            guard k < strings.count, v < strings.count else { throw ProtoError("a way's tag points outside the string table") }
            var code = keyCodes[k]
            if code == Key.unknown.rawValue {
                code = Key.of(strings[k]).rawValue
                keyCodes[k] = code
            }
            guard code != Key.other.rawValue, let key = Key(rawValue: code) else { continue }
            if key == .highway || key == .route { isRoad = true }
            roadTags.append((key.name, String(decoding: strings[v], as: UTF8.self)))
        }
        guard isRoad, let tags = WayTags(tags: roadTags) else { return }
        content.wayTags.append(tags)
        try Self.appendDeltas(refs, to: &content.wayRefs)
        content.wayRefEnds.append(content.wayRefs.count)
    }
}
