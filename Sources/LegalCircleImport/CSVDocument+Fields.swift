import Foundation
import LegalCircle

/// The last county code read, with its bytes packed in an integer.
struct CountyCodeCache {
    var key: UInt64 = .max
    var code = ""
    /// The code's index in the residence table's county catalogue, once interned: rows come grouped by
    /// county, so most rows skip the catalogue's dictionary.
    var index: Int32?
}

// MARK: The fields every reader checks the same way

extension CSVDocument {
    /// A non-empty id.
    func requiredID(_ slot: Int) throws(FieldProblem) -> String {
        let id = try text(slot)
        guard !id.isEmpty else { throw problem(slot, pick("编号为空", "empty id"), .missingID) }
        return id
    }

    /// Both coordinates, finite numbers. Unless `projected`: longitude in [-180, 180] and latitude in
    /// [-90, 90]; a pair out of range that lies in China once exchanged is reported as swapped. (Every
    /// swapped Zhejiang pair is out of range, its "latitude" being about 120; a pair in range is left to
    /// the post-conversion check, which rejects it if it is outside China.)
    func coordinates(lon: Int, lat: Int, projected: Bool) throws(FieldProblem) -> (Double, Double) {
        guard let longitude = try number(lon, .nonNumericCoordinate) else {
            throw problem(lon, pick("缺少坐标", "missing coordinate"), .missingCoordinate)
        }
        guard let latitude = try number(lat, .nonNumericCoordinate) else {
            throw problem(lat, pick("缺少坐标", "missing coordinate"), .missingCoordinate)
        }
        if projected { return (longitude, latitude) }
        let inRange = abs(longitude) <= 180 && abs(latitude) <= 90
        if !inRange && CSVLocationCheck.isInChina(longitude: latitude, latitude: longitude) {
            throw problem(
                lon,
                pick(
                    "经度 \(plainValue(lon)) / 纬度 \(plainValue(lat)) 像是颠倒了：浙江在经度 118–123、纬度 27–31；"
                        + "请交换经度和纬度两列，或用 --column lon=\(columnName(lat)) --column lat=\(columnName(lon)) 指定",
                    "lon \(plainValue(lon)) / lat \(plainValue(lat)) look swapped: Zhejiang is at lon 118–123, lat 27–31; "
                        + "swap the lon and lat columns or map them with --column lon=\(columnName(lat)) "
                        + "--column lat=\(columnName(lon))"),
                .swappedCoordinates)
        }
        guard abs(longitude) <= 180 else {
            throw problem(
                lon, pick("经度 \(quotedValue(lon)) 超出 [-180, 180]", "longitude \(quotedValue(lon)) is outside [-180, 180]"),
                .coordinateOutOfRange)
        }
        guard abs(latitude) <= 90 else {
            throw problem(
                lat, pick("纬度 \(quotedValue(lat)) 超出 [-90, 90]", "latitude \(quotedValue(lat)) is outside [-90, 90]"),
                .coordinateOutOfRange)
        }
        return (longitude, latitude)
    }

    /// A 6-digit code, or nil when the field is empty or the column absent. Consecutive rows of one
    /// county share one String through `cache`.
    func countyCode(_ slot: Int, cache: inout CountyCodeCache) throws(FieldProblem) -> String? {
        guard let range = range(slot), range.start < range.end else { return nil }
        let field = UnsafeBufferPointer(rebasing: bytes[range.start..<range.end])
        var key: UInt64 = 0
        var allDigits = field.count == 6
        for byte in field {
            allDigits = allDigits && byte &- UInt8(ascii: "0") < 10
            key = key << 8 | UInt64(byte)
        }
        guard allDigits else {
            let isName = field.contains { $0 >= 0x80 }
            throw problem(
                slot,
                pick(
                    "\(quotedValue(slot)) 不是 6 位区县代码" + (isName ? "（请填行政区划代码，如 330106，而不是名称）" : ""),
                    "\(quotedValue(slot)) is not a 6-digit county code"
                        + (isName ? " (give the administrative code, e.g. 330106, not the name)" : "")),
                .invalidCountyCode)
        }
        if key != cache.key { cache = CountyCodeCache(key: key, code: String(decoding: field, as: UTF8.self)) }
        return cache.code
    }

    func duplicate(_ id: String, slot: Int, firstLine: Int) -> FieldProblem {
        problem(
            slot, pick("编号 \"\(id)\" 重复（首次出现在第 \(firstLine) 行）", "duplicate id \"\(id)\" (first on line \(firstLine))"),
            .duplicateID)
    }

    func unknownValue(_ slot: Int, what: String, accepted: String) -> String {
        if language == .zh {
            let name = Self.chineseWhat[what] ?? what
            if isEmpty(slot) { return "缺少\(name)；可用的值：\(accepted)" }
            return "未知的\(name) \(quotedValue(slot))；可用的值：\(accepted)"
        }
        if isEmpty(slot) { return "missing \(what); accepted: \(accepted)" }
        return "unknown \(what) \(quotedValue(slot)); accepted: \(accepted)"
    }

    /// The Chinese names of the values `unknownValue` reports.
    static let chineseWhat = ["zone": "区域类型", "level": "层级", "kind": "服务类型"]
}
