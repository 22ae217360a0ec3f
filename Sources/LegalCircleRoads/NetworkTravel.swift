import Foundation
import LegalCircle

/// A road network as the coverage engine's travel model (`RoadTravel`): one multi-source search per
/// travel mode from the eligible stations, then every residence attached to its mode's nearest road.
public struct NetworkTravel: RoadTravel {
    public let network: RoadNetwork
    /// "network (roads FILE)".
    public let modelName: String
    /// Seconds at which each mode's search stops; nodes beyond are unreachable. Infinity (the default)
    /// gives every residence its exact minutes, so medians and 90th percentiles stay true.
    public let cutoffSeconds: Double

    /// - Parameter source: how the reports name the roads (the file's name).
    public init(network: RoadNetwork, source: String, cutoffSeconds: Double = .infinity) {
        self.network = network
        modelName = "network (roads \(source))"
        self.cutoffSeconds = cutoffSeconds
    }

    /// Reads a road file, `.osm.pbf` (`PBFReader`), GeoJSON lines (`.geojson`, `.json`:
    /// `GeoJSONRoadReader`) or a GeoPackage (`.gpkg`: `GeoPackageRoadReader`), and builds the graphs
    /// of `profile`.
    /// - Throws: `RoadReadError` naming the file.
    public static func read(_ path: String, profile: TravelProfile) throws -> NetworkTravel {
        NetworkTravel(
            network: RoadNetwork(ways: try readWays(path), profile: profile), source: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// The roads of a file, by its type: `.osm.pbf`, GeoJSON lines (`.geojson`, `.json`) or a
    /// GeoPackage of lines (`.gpkg`).
    /// - Throws: `RoadReadError` naming the file.
    public static func readWays(_ path: String) throws -> RoadWays {
        let url = URL(fileURLWithPath: path)
        let lower = url.lastPathComponent.lowercased()
        if lower.hasSuffix(".pbf") { return try PBFReader.read(url) }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return try GeoJSONRoadReader.read(url) }
        if lower.hasSuffix(".gpkg") { return try GeoPackageRoadReader.read(url) }
        throw RoadReadError(
            file: path,
            message: "unknown road file type: give an OpenStreetMap extract (.osm.pbf), GeoJSON lines (.geojson) or a GeoPackage of lines (.gpkg)",
            chinese: "无法识别的道路文件类型：请给出 OpenStreetMap 数据（.osm.pbf）、GeoJSON 线（.geojson）或线图层的 GeoPackage（.gpkg）")
    }

    public func travel(
        pointLongitudes: [Double], pointLatitudes: [Double], stations: [Int32], residenceLongitudes: [Double],
        residenceLatitudes: [Double], modes: [TravelMode]
    ) -> ResidenceTravel {
        let used = Set(modes)
        // Stations are seeded into the graphs of the modes some residence travels by; the others stay empty.
        let seeds = TravelMode.allCases.map { mode -> [SearchSeed] in
            guard used.contains(mode) else { return [] }
            return network.seeds(mode: mode, longitudes: pointLongitudes, latitudes: pointLatitudes, stations: stations).seeds
        }
        let times = network.searchAll(seeds: seeds, cutoff: cutoffSeconds)
        let travel = network.travel(
            longitudes: residenceLongitudes, latitudes: residenceLatitudes, modes: modes, times: times)
        return ResidenceTravel(
            seconds: travel.seconds, accessSeconds: travel.accessSeconds.map(Double.init), station: travel.station,
            attached: travel.attached)
    }
}
