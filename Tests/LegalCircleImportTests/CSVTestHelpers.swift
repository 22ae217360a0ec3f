import Foundation
import LegalCircle
import Testing

@testable import LegalCircleImport

/// A fresh folder under the system's temporary directory.
struct ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-import-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    func write(_ name: String, _ bytes: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try bytes.write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// `text` as GB18030 bytes, through the reader's own iconv helper (checked in `iconvRoundTrips`).
func gb18030(_ text: String) throws -> Data { try Transcoder.gb18030(text) }

func importError(_ body: () throws -> Void) -> CSVImportError? {
    do {
        try body()
        return nil
    } catch let error as CSVImportError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// Rows of Chinese points, header 编号,名称,服务类型,层级,经度,纬度,区县代码.
let chinesePoints = """
    编号,名称,服务类型,层级,经度,纬度,区县代码
    P1,西湖区公共法律服务中心,"法律咨询,法律援助",县级,120.130,30.259,330106
    P2,"文新街道工作站
    （二楼）",人民调解；公证,街道,120.11,30.29,330106
    P3,翠苑社区工作室,普法/律师,社区,120.12,30.28,
    P4,某站,烹饪,社区,120.12,30.28,330106
    P5,某站,法律咨询,区县,120.12,30.28,330106
    P6,某站,法律咨询,村,30.28,120.12,330106
    P7,某站,仲裁、司法鉴定,网格,120.2,30.3,西湖区

    """

let residenceHeader = "id,lon,lat,population,county,zone\n"
let acceptedZones = "urban (城区, 城市, 111, 112, 121, 122, 123), rural (乡村, 农村, 210, 220), mountain (山区), island (海岛, 岛屿)"
let acceptedLevels = "province (省, 省级), city (市, 市级), county (县, 区, 县级), township (乡镇, 街道, 乡, 镇, 乡镇级), village (村, 社区, 村级), grid (网格)"
let acceptedKinds = "consultation (法律咨询), legal_aid (法律援助), mediation (调解, 人民调解), notary (公证), lawyer (律师), forensic (司法鉴定), arbitration (仲裁), publicity (法治宣传, 普法)"
let pointHeader = "id,name,kind,level,lon,lat,county\n"

/// Reads residences from a real file with rows skipped, and returns the rejects.
func residenceRejects(_ rows: String) throws -> (ResidenceTable, [RejectedRow]) {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let path = try folder.write("residences.csv", residenceHeader + rows)
    let read = try readResidences(contentsOfFile: path, policy: .skipBadRows)
    return (read.residences, read.rejects)
}

func pointRejects(_ rows: String) throws -> ([ServicePoint], [RejectedRow]) {
    let read = try readServicePoints(data: Data((pointHeader + rows).utf8), file: "points.csv", policy: .skipBadRows)
    return (read.points, read.rejects)
}
