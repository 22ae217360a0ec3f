import Foundation
import Projection
import Synchronization

/// Coordinates of one run in its local transverse Mercator, with each location's point scale factor,
/// so planar distances can be turned into ellipsoidal metres.
public struct PlanarFrame: Sendable {
    public let centralMeridian: Double
    public let originLatitude: Double
    /// PROJ's `+approx` series (data within 3° of the central meridian).
    public let approximate: Bool
    public let definition: String

    /// A frame centred on the bounding box of all given coordinates.
    /// - Throws: `EngineError.noData` when there are no coordinates, `ProjectionExtentError` when
    ///   they span more than 20° of longitude, `ProjError` from PROJ.
    public init(longitudes: [[Double]], latitudes: [[Double]]) throws {
        var minLon = Double.infinity, maxLon = -Double.infinity
        var minLat = Double.infinity, maxLat = -Double.infinity
        for column in longitudes { for v in column { minLon = min(minLon, v); maxLon = max(maxLon, v) } }
        for column in latitudes { for v in column { minLat = min(minLat, v); maxLat = max(maxLat, v) } }
        guard minLon <= maxLon, minLat <= maxLat else { throw EngineError.noData }
        let projection = try LocalTransverseMercator(longitudeRange: minLon...maxLon, latitudeRange: minLat...maxLat)
        centralMeridian = projection.centralMeridian
        originLatitude = projection.originLatitude
        approximate = projection.approximate
        definition = projection.definition
    }

    /// The frame of a stored run, from its origin.
    public init(centralMeridian: Double, originLatitude: Double, approximate: Bool = false) throws {
        let projection = try LocalTransverseMercator(
            centralMeridian: centralMeridian, originLatitude: originLatitude, approximate: approximate)
        self.centralMeridian = centralMeridian
        self.originLatitude = originLatitude
        self.approximate = approximate
        definition = projection.definition
    }

    /// A new PROJ-backed projection for this frame; one per thread.
    public func makeProjection() throws -> LocalTransverseMercator {
        try LocalTransverseMercator(
            centralMeridian: centralMeridian, originLatitude: originLatitude, approximate: approximate)
    }

    /// Projects coordinates and computes their scale factors in parallel: inline with PROJ's
    /// `+approx` series when the frame is approximate, else through PROJ with one context per worker.
    /// - Complexity: O(n).
    public func project(longitudes: [Double], latitudes: [Double]) throws -> ProjectedColumns {
        precondition(longitudes.count == latitudes.count, "longitudes and latitudes must have the same length")
        let (x, y, scale) =
            approximate
            ? projectWithSeries(longitudes: longitudes, latitudes: latitudes)
            : try projectWithPROJ(longitudes: longitudes, latitudes: latitudes)
        return ProjectedColumns(longitudes: longitudes, latitudes: latitudes, x: x, y: y, scale: scale)
    }

    private func projectWithSeries(longitudes: [Double], latitudes: [Double]) -> ([Double], [Double], [Double]) {
        let series = TransverseMercatorSeries(centralMeridian: centralMeridian, originLatitude: originLatitude)
        return ParallelChunks(count: longitudes.count, size: 65_536).fill { range, xs, ys, scales in
            longitudes.withUnsafeBufferPointer { lon in
                latitudes.withUnsafeBufferPointer { lat in
                    for i in range {
                        let projected = series.forward(longitude: lon[i], latitude: lat[i])
                        xs[i] = projected.x
                        ys[i] = projected.y
                        scales[i] = projected.scale
                    }
                }
            }
        }
    }

    private func projectWithPROJ(longitudes: [Double], latitudes: [Double]) throws -> ([Double], [Double], [Double]) {
        let count = longitudes.count
        // One PROJ context per worker: creating an operation costs milliseconds (database look-ups).
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 50_000 + 1))
        let chunkSize = 65_536
        let failure = FirstError()
        let centralMeridian = centralMeridian
        let columns: ([Double], [Double], [Double]) = ParallelChunks(count: count, parts: workers).fill { range, xs, ys, scales in
            do {
                let projection = try makeProjection()
                var start = range.lowerBound
                while start < range.upperBound {
                    let part = start..<min(range.upperBound, start + chunkSize)
                    for i in part {
                        scales[i] = LocalTransverseMercator.scaleFactor(
                            longitude: longitudes[i], latitude: latitudes[i], centralMeridian: centralMeridian)
                    }
                    var cx = Array(longitudes[part])
                    var cy = Array(latitudes[part])
                    try projection.forward(x: &cx, y: &cy)
                    for (offset, i) in part.enumerated() {
                        xs[i] = cx[offset]
                        ys[i] = cy[offset]
                    }
                    start = part.upperBound
                }
            } catch {
                // The outputs are discarded unread below.
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
        return columns
    }

    /// Up to this distance (metres) `ellipsoidalDistance` is used; beyond it, the geodesic.
    public static let correctedRange = 20_000.0

    /// Ellipsoidal metres for a planar distance between two points with scale factors `k1`, `k2`:
    /// the planar length divided by the mean scale along the segment.
    @inlinable
    public static func ellipsoidalDistance(planar: Double, scale1: Double, scale2: Double) -> Double {
        planar * 2 / (scale1 + scale2)
    }
}

/// Keeps the first error thrown by any of several concurrent workers.
final class FirstError: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    func record(_ error: any Error) {
        stored.withLock { if $0 == nil { $0 = error } }
    }

    var error: (any Error)? { stored.withLock { $0 } }
}

public enum EngineError: Error, CustomStringConvertible, Sendable {
    case noData
    case noResidences

    public var description: String {
        switch self {
        case .noData: "there are no coordinates to work on"
        case .noResidences: "there are no residences: load a residences file first"
        }
    }
}
