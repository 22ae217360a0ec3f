import Foundation
import Projection
import Testing

@Suite struct TransformerTests {
    @Test func unknownCRSCarriesPROJsOwnMessage() throws {
        do {
            _ = try Transformer(from: "EPSG:4326", to: "EPSG:999999")
            Issue.record("an unknown CRS must throw")
        } catch let error as ProjError {
            #expect(error.function == "proj_create_crs_to_crs")
            // PROJ's log text ("crs not found"), not the bare "Unknown error" of proj_context_errno_string.
            #expect(error.message.contains("crs not found"), "message was: \(error.message)")
        }
    }

    @Test func utm51RoundTripsAndMatchesKnownValue() throws {
        // EPSG:32651 (UTM 51N): lon 123°E (central meridian) at lat 0 is x = 500000, y = 0.
        let utm = try Transformer(from: "EPSG:4326", to: "EPSG:32651")
        let origin = try utm.transform(x: 123, y: 0)
        #expect(abs(origin.x - 500_000) < 1e-6)
        #expect(abs(origin.y) < 1e-6)
        let hangzhou = try utm.transform(x: 120.155, y: 30.274)
        let back = try utm.transform(x: hangzhou.x, y: hangzhou.y, inverse: true)
        #expect(abs(back.x - 120.155) < 1e-9 && abs(back.y - 30.274) < 1e-9)
    }
}

@Suite struct GeodesicTests {
    @Test func karneyReferenceDistance() {
        // The example in PROJ's geodesic.h (JFK to Singapore Changi) and a short Zhejiang pair; the
        // references are from the independent Python GeographicLib 2.1 (`Geodesic.WGS84.Inverse`).
        let long = Geodesic.wgs84.distance(longitude1: -73.78, latitude1: 40.64, longitude2: 103.99, latitude2: 1.36)
        #expect(abs(long - 15_347_512.940_512_94) < 1e-6, "got \(long)")
        let short = Geodesic.wgs84.distance(longitude1: 120, latitude1: 30, longitude2: 120.1, latitude2: 30.1)
        #expect(abs(short - 14_693.096_804_648_592) < 1e-6, "got \(short)")
    }

    @Test func directThenInverseReturnsTheDistance() {
        let end = Geodesic.wgs84.destination(longitude: 120.5, latitude: 29.0, azimuth: 37, distance: 12_345.678)
        let s = Geodesic.wgs84.distance(longitude1: 120.5, latitude1: 29.0, longitude2: end.longitude, latitude2: end.latitude)
        #expect(abs(s - 12_345.678) < 1e-6)
    }
}
