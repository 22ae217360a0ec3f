import LegalCircle

// MARK: - Residences

extension DemoGenerator {
    static func residences(
        in clusters: [Cluster], counties: [CountyTemplate], count: Int, random: inout SplitMix64
    ) -> ResidenceTable {
        var table = ResidenceTable()
        table.reserveCapacity(count)
        let idWidth = max(7, String(count).count)
        let cosines = counties.map { taylorCosine(degrees: $0.latitude) }
        var number = 0
        for cluster in clusters {
            let code = counties[cluster.county].code
            let sigmaLatitude = cluster.sigmaKm / kilometresPerDegreeLatitude
            let sigmaLongitude = cluster.sigmaKm / (kilometresPerDegreeLatitude * cosines[cluster.county])
            let minimumLongitude = cluster.zone == .island ? islandMinimumLongitude + 0.02 : longitudeRange.lowerBound
            for _ in 0..<cluster.residents {
                number += 1
                let longitude = clamp(
                    cluster.longitude + random.gaussian() * sigmaLongitude, minimumLongitude, longitudeRange.upperBound)
                let latitude = clamp(
                    cluster.latitude + random.gaussian() * sigmaLatitude, latitudeRange.lowerBound, latitudeRange.upperBound)
                table.append(
                    id: identifier(UInt8(ascii: "R"), number, width: idWidth), longitude: toMicrodegrees(longitude),
                    latitude: toMicrodegrees(latitude), population: population(cluster.zone, &random), county: code,
                    zone: cluster.zone)
            }
        }
        return table
    }

    /// Persons per building or house: urban 20–300, rural 5–80, mountain 1–30, island 5–60.
    private static func population(_ zone: Zone, _ random: inout SplitMix64) -> Double {
        let u = random.uniform(0, 1)
        switch zone {
        case .urban: return Double(min(20 + Int(u * u * 281), 300))
        case .rural: return Double(min(5 + Int(u * 76), 80))
        case .mountain: return Double(min(1 + Int(u * u * 30), 30))
        case .island: return Double(min(5 + Int(u * 56), 60))
        }
    }
}
