/// The hand-built road network of the road tests (issue 19) with its stations and residences: a river
/// with one street bridge, a footbridge, a one-way loop and a ferry to an island, near Hangzhou. Shared
/// by the command tests and the web service's tests, which check their minutes against each other.
public enum RiverRoads {
    public struct Line: Sendable {
        public var highway: String?
        public var oneway = false
        public var ferryMinutes: Double?
        public var points: [(Double, Double)]

        public init(highway: String?, oneway: Bool = false, ferryMinutes: Double? = nil, points: [(Double, Double)]) {
            self.highway = highway
            self.oneway = oneway
            self.ferryMinutes = ferryMinutes
            self.points = points
        }
    }

    /// Near Hangzhou: a river between lat 30.200 and 30.205 crossed by a street bridge at 120.120 and
    /// a footbridge at 120.095; a one-way loop south of the south bank; a ferry to an island.
    public static let lines: [Line] = [
        Line(highway: "residential", points: [(120.095, 30.2), (120.105, 30.2), (120.110, 30.2), (120.120, 30.2)]),
        Line(highway: "residential", points: [(120.095, 30.205), (120.110, 30.205), (120.120, 30.205)]),
        Line(highway: "residential", points: [(120.120, 30.2), (120.120, 30.205)]),
        Line(highway: "residential", oneway: true, points: [(120.105, 30.2), (120.105, 30.197)]),
        Line(highway: "residential", points: [(120.105, 30.197), (120.110, 30.197), (120.110, 30.2)]),
        Line(highway: "footway", points: [(120.095, 30.2), (120.095, 30.205)]),
        Line(highway: nil, ferryMinutes: 20, points: [(120.120, 30.205), (120.140, 30.215)]),
        Line(highway: "residential", points: [(120.140, 30.215), (120.145, 30.215)]),
    ]

    public static var roadsGeoJSON: String {
        let features = lines.map { line -> String in
            var properties: [String] = []
            if let highway = line.highway { properties.append("\"highway\":\"\(highway)\"") }
            if line.oneway { properties.append("\"oneway\":\"yes\"") }
            if let minutes = line.ferryMinutes { properties += ["\"route\":\"ferry\"", "\"duration\":\(Int(minutes))"] }
            let coordinates = line.points.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return "{\"type\":\"Feature\",\"properties\":{\(properties.joined(separator: ","))},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coordinates)]}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n\(features.joined(separator: ",\n"))\n]}\n"
    }

    public static let pointsCSV = """
        id,name,kind,level,lon,lat,county
        P1,South bank,consultation,township,120.1000,30.2002,330102
        P2,North bank,mediation,township,120.1180,30.2051,330106
        P3,Loop,consultation,township,120.1070,30.1968,330102

        """

    /// R1 is 550 m from P1 across the river (covered by the estimate, not by the roads); R2 lies 5 km
    /// from any road (the straight-line fallback); R6 is on the island, reached by the ferry.
    public static let residencesCSV = """
        id,lon,lat,population,county,zone
        R1,120.1000,30.2049,100,330102,urban
        R2,120.1500,30.2500,50,330106,urban
        R3,120.1040,30.2003,70,330102,urban
        R4,120.1120,30.2052,30,330106,rural
        R5,120.1080,30.2002,40,330102,mountain
        R6,120.1430,30.2152,20,330106,island
        R7,120.1160,30.2000,60,330106,mountain
        R8,120.0960,30.2030,10,330102,rural

        """
}
