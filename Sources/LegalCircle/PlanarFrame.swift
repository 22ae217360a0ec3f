import Dispatch
import Foundation
import Projection

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
    public func project(longitudes: [Double], latitudes: [Double]) throws -> (x: [Double], y: [Double], scale: [Double]) {
        if approximate { return projectWithSeries(longitudes: longitudes, latitudes: latitudes) }
        return try projectWithPROJ(longitudes: longitudes, latitudes: latitudes)
    }

    private func projectWithSeries(longitudes: [Double], latitudes: [Double]) -> (x: [Double], y: [Double], scale: [Double]) {
        let count = longitudes.count
        let series = TransverseMercatorSeries(centralMeridian: centralMeridian, originLatitude: originLatitude)
        // Filled by the workers themselves, so the pages are first touched in parallel.
        var y: [Double] = []
        var scale: [Double] = []
        let x = [Double](unsafeUninitializedCapacity: count) { xBuffer, xCount in
            y = [Double](unsafeUninitializedCapacity: count) { yBuffer, yCount in
                scale = [Double](unsafeUninitializedCapacity: count) { scaleBuffer, scaleCount in
                    nonisolated(unsafe) let xs = xBuffer
                    nonisolated(unsafe) let ys = yBuffer
                    nonisolated(unsafe) let scales = scaleBuffer
                    let chunkSize = 65_536
                    DispatchQueue.concurrentPerform(iterations: (count + chunkSize - 1) / chunkSize) { chunk in
                        longitudes.withUnsafeBufferPointer { lon in
                            latitudes.withUnsafeBufferPointer { lat in
                                for i in chunk * chunkSize..<min(count, (chunk + 1) * chunkSize) {
                                    let projected = series.forward(longitude: lon[i], latitude: lat[i])
                                    xs[i] = projected.x
                                    ys[i] = projected.y
                                    scales[i] = projected.scale
                                }
                            }
                        }
                    }
                    scaleCount = count
                }
                yCount = count
            }
            xCount = count
        }
        return (x, y, scale)
    }

    private func projectWithPROJ(longitudes: [Double], latitudes: [Double]) throws -> (x: [Double], y: [Double], scale: [Double]) {
        let count = longitudes.count
        var x = longitudes
        var y = latitudes
        var scale = [Double](repeating: 1, count: count)
        // One PROJ context per worker: creating an operation costs milliseconds (database look-ups).
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 50_000 + 1))
        let chunkSize = 65_536
        let failure = FirstError()
        let centralMeridian = centralMeridian
        x.withUnsafeMutableBufferPointer { xBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                scale.withUnsafeMutableBufferPointer { scaleBuffer in
                    nonisolated(unsafe) let xs = xBuffer
                    nonisolated(unsafe) let ys = yBuffer
                    nonisolated(unsafe) let scales = scaleBuffer
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        do {
                            let projection = try makeProjection()
                            var start = count * worker / workers
                            let end = count * (worker + 1) / workers
                            while start < end {
                                let range = start..<min(end, start + chunkSize)
                                for i in range {
                                    scales[i] = LocalTransverseMercator.scaleFactor(
                                        longitude: xs[i], latitude: ys[i], centralMeridian: centralMeridian)
                                }
                                var cx = Array(xs[range])
                                var cy = Array(ys[range])
                                try projection.forward(x: &cx, y: &cy)
                                for (offset, i) in range.enumerated() {
                                    xs[i] = cx[offset]
                                    ys[i] = cy[offset]
                                }
                                start = range.upperBound
                            }
                        } catch {
                            failure.record(error)
                        }
                    }
                }
            }
        }
        if let error = failure.error { throw error }
        return (x, y, scale)
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
final class FirstError: @unchecked Sendable {
    private let lock = DispatchQueue(label: "legalcircle.first-error")
    private var stored: (any Error)?

    func record(_ error: any Error) {
        lock.sync { if stored == nil { stored = error } }
    }

    var error: (any Error)? { lock.sync { stored } }
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
