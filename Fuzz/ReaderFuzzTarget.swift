// A coverage-guided fuzz target (libFuzzer) for the CSV and GeoJSON readers; built and run by
// `scripts/fuzz`, which compiles Projection, LegalCircle and LegalCircleImport with
// `-sanitize=fuzzer` so that libFuzzer sees the readers' branches.
//
// The first byte of an input chooses the reader and its options, the rest is the file. Beyond
// crashing (a trap, an overflow, an out-of-bounds access), a finding is any broken promise:
// - an accepted row with a coordinate or population that is not finite or out of range;
// - an error message with Foundation's or Codable's own text;
// - a service point that does not read back unchanged from the CSV the tool writes for it
//   (formula neutralisation round trip).
import Foundation
import LegalCircle
import LegalCircleImport

private let systemText = ["NSCocoaErrorDomain", "Error Domain=", "DecodingError", "dataCorrupted", "The data couldn"]

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("fuzz finding: \(message())\n".utf8))
        abort()
    }
}

private func checkMessage(_ error: any Error) {
    let text = "\(error)"
    for raw in systemText { check(!text.contains(raw), "system text in a message: \(text)") }
}

private func options(_ selector: UInt8) -> CSVReadOptions {
    var options = CSVReadOptions()
    switch selector % 3 {
    case 1: options.encoding = .utf8
    case 2: options.encoding = .gb18030
    default: break
    }
    switch (selector / 3) % 4 {
    case 1: options.delimiter = .fixed(.comma)
    case 2: options.delimiter = .fixed(.semicolon)
    case 3: options.delimiter = .fixed(.tab)
    default: break
    }
    options.zoneIsOptional = selector & 0x20 != 0
    return options
}

private func fuzzPoints(_ data: Data, _ selector: UInt8) {
    do {
        let result = try readServicePoints(data: data, file: "fuzz.csv", options: options(selector), policy: .skipBadRows)
        for point in result.rows {
            check(point.location.longitude.isFinite && point.location.latitude.isFinite, "non-finite coordinate accepted")
            check(abs(point.location.longitude) <= 180 && abs(point.location.latitude) <= 90, "coordinate out of range accepted")
        }
        for reject in result.rejects { check(reject.line >= 1, "reject without a line") }
        // What the tool writes for the accepted points reads back to the same ids and names.
        if !result.rows.isEmpty {
            let written = csvData(points: result.rows)
            let reread = try readServicePoints(data: written, file: "written.csv", policy: .allOrNothing).points
            check(reread.map(\.id) == result.rows.map(\.id), "ids changed through the CSV writer")
            check(reread.map(\.name) == result.rows.map(\.name), "names changed through the CSV writer")
        }
        _ = result.rejectsCSV()
    } catch {
        checkMessage(error)
    }
}

private func fuzzResidences(_ data: Data, _ selector: UInt8) {
    do {
        let result = try readResidences(data: data, file: "fuzz.csv", options: options(selector), policy: .skipBadRows)
        for population in result.rows.populations {
            check(InputBounds.population.contains(population), "population \(population) accepted")
        }
        if !result.rows.isEmpty {
            let reread = try readResidences(data: csvData(residences: result.rows), file: "written.csv", policy: .allOrNothing)
            check(reread.residences.ids == result.rows.ids, "ids changed through the CSV writer")
        }
        _ = result.rejectsCSV()
    } catch {
        checkMessage(error)
    }
}

private func fuzzGeoJSON(_ data: Data, _ selector: UInt8) {
    do {
        if selector & 1 == 0 {
            let file = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "fuzz.geojson")
            for boundary in file.boundaries {
                check(boundary.code.utf8.count == 6 && boundary.code.utf8.allSatisfy { $0 &- 48 < 10 }, "code \(boundary.code) accepted")
            }
        } else {
            _ = try GeoJSONBoundaryReader.readZones(data: data, file: "fuzz.geojson")
        }
    } catch {
        checkMessage(error)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = bytes[0]
    let data = Data(bytes: bytes + 1, count: size - 1)
    switch selector >> 6 {
    case 0: fuzzPoints(data, selector)
    case 1: fuzzResidences(data, selector)
    default: fuzzGeoJSON(data, selector)
    }
    return 0
}
