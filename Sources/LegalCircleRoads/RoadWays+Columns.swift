import Foundation
import LegalCircle

extension RoadWays {
    /// Bytes of one way's tags in `packedTags`.
    public static let packedTagSize = 12

    /// The tags as 12-byte records, the store's layout (`road_networks.way_tags`): road class (UInt8),
    /// one-way (Int8), denied modes (UInt8), a zero byte, maxspeed km/h (Float32 LE), ferry duration
    /// minutes (Float32 LE).
    public var packedTags: Data {
        var data = Data(count: tags.count * Self.packedTagSize)
        data.withUnsafeMutableBytes { bytes in
            for (w, tag) in tags.enumerated() {
                let at = w * Self.packedTagSize
                bytes[at] = tag.roadClass.rawValue
                bytes[at + 1] = UInt8(bitPattern: tag.oneway.rawValue)
                bytes[at + 2] = tag.denied.rawValue
                bytes[at + 3] = 0
                bytes.storeBytes(of: tag.maxspeedKmPerHour.bitPattern.littleEndian, toByteOffset: at + 4, as: UInt32.self)
                bytes.storeBytes(of: tag.durationMinutes.bitPattern.littleEndian, toByteOffset: at + 8, as: UInt32.self)
            }
        }
        return data
    }

    /// Roads from stored columns (`packedTags` for the tags).
    /// - Throws: `RoadReadError` naming `name` when the columns do not fit together (a damaged store).
    public init(
        longitudes: [Double], latitudes: [Double], wayStarts: [Int32], wayNodes: [Int32], packedTags: Data,
        statistics: RoadReadStatistics, name: String
    ) throws {
        let wayCount = packedTags.count / Self.packedTagSize
        guard longitudes.count == latitudes.count, wayStarts.count == wayCount + 1,
            packedTags.count == wayCount * Self.packedTagSize, wayStarts.first == 0, Int(wayStarts.last!) == wayNodes.count,
            zip(wayStarts, wayStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
            wayNodes.allSatisfy({ $0 >= 0 && Int($0) < longitudes.count })
        else { throw RoadReadError(
            file: name, message: "the stored road network is damaged; load the roads again",
            chinese: "已保存的路网已损坏；请重新导入道路") }
        var tags: [WayTags] = []
        tags.reserveCapacity(wayCount)
        try packedTags.withUnsafeBytes { bytes in
            for w in 0..<wayCount {
                let at = w * Self.packedTagSize
                guard let roadClass = RoadClass(rawValue: bytes[at]), let oneway = Oneway(rawValue: Int8(bitPattern: bytes[at + 1]))
                else { throw RoadReadError(
                    file: name, message: "the stored road network has an unknown road class or one-way value",
                    chinese: "已保存的路网含有未知的道路等级或单行值；请重新导入道路") }
                tags.append(
                    WayTags(
                        roadClass: roadClass, oneway: oneway,
                        maxspeedKmPerHour: Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))),
                        durationMinutes: Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))),
                        denied: DeniedModes(rawValue: bytes[at + 2])))
            }
        }
        self.init(
            longitudes: longitudes, latitudes: latitudes, wayStarts: wayStarts, wayNodes: wayNodes, tags: tags,
            statistics: statistics)
    }
}
