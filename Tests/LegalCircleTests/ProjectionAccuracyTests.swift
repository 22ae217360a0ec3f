import Foundation
import LegalCircle
import LegalCircleTestSupport
import Projection
import Testing

/// The engine's distances (local transverse Mercator + scale correction) against PROJ's geodesic.
@Suite struct ProjectionAccuracyTests {
    /// Worst relative error of the engine's distance over random pairs up to 20 km apart, anywhere
    /// in the box.
    func worstRelativeError(longitudes: ClosedRange<Double>, latitudes: ClosedRange<Double>, seed: UInt64) throws -> Double {
        var rng = SplitMix64(seed: seed)
        var startLon: [Double] = [], startLat: [Double] = [], endLon: [Double] = [], endLat: [Double] = []
        for _ in 0..<5_000 {
            let start = GeoCoordinate(
                longitude: .random(in: longitudes, using: &rng), latitude: .random(in: latitudes, using: &rng))
            let end = offset(start, azimuth: .random(in: 0..<360, using: &rng), metres: .random(in: 10...20_000, using: &rng))
            startLon.append(start.longitude); startLat.append(start.latitude)
            endLon.append(end.longitude); endLat.append(end.latitude)
        }
        // The frame covers the box, as it would for data filling it.
        let frame = try PlanarFrame(
            longitudes: [[longitudes.lowerBound, longitudes.upperBound]],
            latitudes: [[latitudes.lowerBound, latitudes.upperBound]])
        // PROJ's +approx series within 3° of the central meridian, the exact algorithm beyond.
        #expect(frame.approximate == (longitudes.upperBound - longitudes.lowerBound <= 6))
        let a = try frame.project(longitudes: startLon, latitudes: startLat)
        let b = try frame.project(longitudes: endLon, latitudes: endLat)
        var worst = 0.0
        for i in startLon.indices {
            let planar = ((a.x[i] - b.x[i]) * (a.x[i] - b.x[i]) + (a.y[i] - b.y[i]) * (a.y[i] - b.y[i])).squareRoot()
            let engine = PlanarFrame.ellipsoidalDistance(planar: planar, scale1: a.scale[i], scale2: b.scale[i])
            let geodesic = Geodesic.wgs84.distance(
                longitude1: startLon[i], latitude1: startLat[i], longitude2: endLon[i], latitude2: endLat[i])
            worst = max(worst, abs(engine - geodesic) / geodesic)
        }
        return worst
    }

    @Test(.requires(.data(.countiesWGS84)))
    func zhejiangExtentFromRealBoundaries() throws {
        let text = try String(contentsOf: ZhejiangFile.countiesWGS84.url, encoding: .utf8)
        // Every coordinate pair in the file gives the real extent of the data.
        let numbers = text.split(whereSeparator: { "[], ".contains($0) }).compactMap { Double($0) }
        let lons = numbers.filter { (110...130).contains($0) }
        let lats = numbers.filter { (20...35).contains($0) }
        let box = (lons.min()!...lons.max()!, lats.min()!...lats.max()!)
        #expect(box.0.lowerBound < 119 && box.0.upperBound > 122.5, "Zhejiang spans about 118–123°E")
        let worst = try worstRelativeError(longitudes: box.0, latitudes: box.1, seed: 1)
        #expect(worst < 1e-3, "required bound 0.1 %")
        #expect(worst < 1e-5, "the scale correction should do far better than required: \(worst)")
    }

    @Test(arguments: [(100.0...120.0, 20.0...50.0), (73.0...93.0, 35.0...45.0), (-10.0...10.0, -40.0...60.0)])
    func widestAcceptedExtent(longitudes: ClosedRange<Double>, latitudes: ClosedRange<Double>) throws {
        let worst = try worstRelativeError(longitudes: longitudes, latitudes: latitudes, seed: 2)
        #expect(worst < 1e-3, "worst relative error \(worst) at the edge of a 20° frame")
    }

    @Test func tooWideAnExtentIsRefused() {
        #expect(throws: ProjectionExtentError.self) {
            try PlanarFrame(longitudes: [[73, 135]], latitudes: [[18, 53]])
        }
    }

    @Test func scaleFactorMatchesPROJsFactors() throws {
        // Independent check of Snyder's series: k from finite differences of PROJ's own projection.
        let projection = try LocalTransverseMercator(centralMeridian: 120, originLatitude: 29)
        for (lon, lat) in [(120.0, 29.0), (123.0, 27.0), (128.0, 40.0), (111.0, 5.0)] {
            let h = 1e-5
            let p = try projection.forward(longitude: lon, latitude: lat)
            let q = try projection.forward(longitude: lon, latitude: lat + h)
            let north = Geodesic.wgs84.distance(longitude1: lon, latitude1: lat, longitude2: lon, latitude2: lat + h)
            let numeric = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot() / north
            #expect(abs(projection.scaleFactor(longitude: lon, latitude: lat) - numeric) < 1e-7, "at \(lon), \(lat)")
        }
    }
}
