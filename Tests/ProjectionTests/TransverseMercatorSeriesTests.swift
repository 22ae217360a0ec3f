import Foundation
import Projection
import Testing

@Suite struct TransverseMercatorSeriesTests {
    /// The inline series must reproduce PROJ's `+approx` tmerc (the operation the run records)
    /// everywhere a frame may use it: ±3° of the central meridian, around Zhejiang's latitudes.
    @Test(arguments: [(120.5, 29.2), (121.9, 30.3), (117.0, 25.0)])
    func matchesPROJApproxToAMicrometre(centralMeridian: Double, originLatitude: Double) throws {
        let proj = try LocalTransverseMercator(
            centralMeridian: centralMeridian, originLatitude: originLatitude, approximate: true)
        let series = TransverseMercatorSeries(centralMeridian: centralMeridian, originLatitude: originLatitude)
        var longitudes: [Double] = []
        var latitudes: [Double] = []
        for i in 0...60 {
            for j in 0...40 {
                longitudes.append(centralMeridian - 3 + Double(i) * 0.1)
                latitudes.append(originLatitude - 4 + Double(j) * 0.2)
            }
        }
        var x = longitudes
        var y = latitudes
        try proj.forward(x: &x, y: &y)
        var worst = 0.0
        var worstScale = 0.0
        for i in longitudes.indices {
            let inline = series.forward(longitude: longitudes[i], latitude: latitudes[i])
            worst = max(worst, hypot(inline.x - x[i], inline.y - y[i]))
            let snyder = proj.scaleFactor(longitude: longitudes[i], latitude: latitudes[i])
            worstScale = max(worstScale, abs(inline.scale - snyder))
        }
        #expect(worst < 1e-6, "worst difference from PROJ: \(worst) m")
        #expect(worstScale < 1e-15, "scale factor differs from Snyder's by \(worstScale)")
    }

    @Test func originMapsToZero() {
        let series = TransverseMercatorSeries(centralMeridian: 120.3, originLatitude: 29.1)
        let origin = series.forward(longitude: 120.3, latitude: 29.1)
        #expect(abs(origin.x) < 1e-9 && abs(origin.y) < 1e-9 && origin.scale == 1)
    }
}
