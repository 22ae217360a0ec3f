import Foundation
import LegalCircle
import Projection

// MARK: - Codes, names and polygons of a decoded feature

extension GeoJSONBoundaryReader {
    static func codeValue(_ feature: FeatureDTO, index: Int, key: String, file: String) throws -> String {
        guard let value = feature.properties[key] else {
            throw GeoJSONError(file: file, problem: .missingProperty(feature: index, name: key, available: Array(feature.properties.keys)))
        }
        // A county code is a 6-digit administrative code (GB/T 2260): anything else would become a
        // "county" in every report (and a formula or markup in a spreadsheet).
        func sixDigits(_ code: String, shown: String) throws -> String {
            guard CountyTable.isCountyCode(code) else {
                let display = shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
                throw GeoJSONError(
                    file: file,
                    problem: .badValue(
                        feature: index, property: key,
                        "\(display) is not a 6-digit administrative code such as 330106; "
                            + "name the property that holds the codes with --code-field"))
            }
            return code
        }
        switch value {
        case .string(let text):
            let code = text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw GeoJSONError(file: file, problem: .badValue(feature: index, property: key, "the code is empty"))
            }
            return try sixDigits(code, shown: "\"\(code)\"")
        case .number(let number):
            guard number == number.rounded(), abs(number) < 1e15 else {
                throw GeoJSONError(
                    file: file, problem: .wrongType(feature: index, property: key, expected: "a string or a whole number", found: "\(number)"))
            }
            return try sixDigits(String(Int64(number)), shown: String(Int64(number)))
        default:
            throw GeoJSONError(
                file: file, problem: .wrongType(feature: index, property: key, expected: "a string or a whole number", found: value.typeName))
        }
    }

    /// A name or zone: text (or a number written as text) of at most `CSVInput.maximumFieldBytes`, the
    /// limit of a CSV field: a longer name is no county's and would fill every report with it.
    static func textValue(_ value: PropertyValue, feature: Int, key: String, file: String) throws -> String {
        switch value {
        case .string(let text):
            guard text.utf8.count <= CSVInput.maximumFieldBytes else {
                throw GeoJSONError(
                    file: file,
                    problem: .badValue(
                        feature: feature, property: key,
                        "the text is \(CSVImportError.size(text.utf8.count)) long, more than the "
                            + "\(CSVImportError.size(CSVInput.maximumFieldBytes)) a name or zone may have; check the property"))
            }
            return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        default:
            throw GeoJSONError(file: file, problem: .wrongType(feature: feature, property: key, expected: "a string", found: value.typeName))
        }
    }

    /// Validates the feature's rings, converts them to WGS84 and turns them into polygons.
    static func polygons(
        _ feature: FeatureDTO, index: Int, file: String, converter: CoordinateConverter?
    ) throws -> [GeoPolygon] {
        func fail(_ reason: String) -> GeoJSONError { GeoJSONError(file: file, problem: .badGeometry(feature: index, reason)) }
        guard case .polygons(let parts, let isMulti) = feature.geometry else {
            preconditionFailure("decodeFeatures rejects features without polygons")
        }
        guard !parts.isEmpty else { throw fail("the geometry has no polygons") }
        return try parts.enumerated().map { partIndex, rings in
            let part = isMulti ? "polygon \(partIndex + 1), " : ""
            guard !rings.isEmpty else { throw fail("\(part)has no rings") }
            let converted: [[GeoCoordinate]] = try rings.enumerated().map { ringIndex, positions in
                let ring = "\(part)ring \(ringIndex + 1) (\(ringIndex == 0 ? "exterior" : "hole"))"
                var xs: [Double] = []
                var ys: [Double] = []
                xs.reserveCapacity(positions.count)
                ys.reserveCapacity(positions.count)
                let projected = converter?.unit == .metres
                for (positionIndex, position) in positions.enumerated() {
                    guard position.count >= 2 else {
                        throw fail("\(ring), position \(positionIndex + 1): a position needs longitude and latitude, found \(position)")
                    }
                    let longitude = position[0], latitude = position[1]
                    guard longitude.isFinite, latitude.isFinite, projected || (abs(longitude) <= 180 && abs(latitude) <= 90) else {
                        throw fail(
                            "\(ring), position \(positionIndex + 1): [\(longitude), \(latitude)] is not longitude/latitude in degrees "
                                + "(projected coordinates? give their system with --boundaries-crs EPSG:n)")
                    }
                    xs.append(longitude)
                    ys.append(latitude)
                }
                if let converter {
                    do {
                        try converter.toWGS84(x: &xs, y: &ys)
                    } catch {
                        throw fail("\(ring): cannot convert from \(converter.source) to WGS84: \((error as? CoordinateSystemError)?.message ?? "\(error)")")
                    }
                }
                let coordinates = zip(xs, ys).map { GeoCoordinate(longitude: $0, latitude: $1) }
                guard coordinates.count >= 4 else {
                    throw fail("\(ring) has \(coordinates.count) positions; a closed ring needs at least 4")
                }
                guard coordinates.first == coordinates.last else {
                    throw fail("\(ring) is not closed: the first and last positions differ (RFC 7946 §3.1.6)")
                }
                guard Set(coordinates).count >= 3 else { throw fail("\(ring) has fewer than 3 distinct positions") }
                return coordinates
            }
            return GeoPolygon(exterior: converted[0], holes: Array(converted.dropFirst()))
        }
    }
}
