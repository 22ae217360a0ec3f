/// Locations by column in a run's projection (`PlanarFrame.project`): their longitude and latitude
/// (degrees), planar x and y (metres) and point scale factor, so that planar distances can be turned
/// into ellipsoidal metres (`CoverageEngine.distance`).
public struct ProjectedColumns: Sendable {
    public let longitudes: [Double]
    public let latitudes: [Double]
    public let x: [Double]
    public let y: [Double]
    public let scale: [Double]

    public var count: Int { x.count }

    init(longitudes: [Double], latitudes: [Double], x: [Double], y: [Double], scale: [Double]) {
        self.longitudes = longitudes
        self.latitudes = latitudes
        self.x = x
        self.y = y
        self.scale = scale
    }
}
