/// Thresholds of the density-based zone classification (profile section `"zoneClassification"`).
///
/// The urban rule is the urban centre of the Degree of Urbanisation: 1 km² cells with at least
/// 1,500 inhabitants per km², contiguous without diagonals, together at least 50,000 inhabitants
/// (European Commission/Eurostat, FAO, ILO, OECD, UN-Habitat, World Bank, "Applying the Degree of
/// Urbanisation — A methodological manual to define cities, towns and rural areas for international
/// comparisons", 2021 edition, chapter 2; GHSL GHS-SMOD class 30). Mountain is approximated by very
/// low density: cells under 50 inhabitants per km², the manual's "mostly uninhabited" / GHS-SMOD
/// class 11 "very low density rural" threshold, because no elevation model is used.
public struct ZoneClassification: Sendable, Equatable, Codable {
    /// Grid cell side in metres, in the run's planar frame.
    public var cellMetres: Double
    /// Inhabitants per km² for a dense (urban centre) cell.
    public var urbanDensity: Double
    /// Inhabitants a cluster of dense cells needs to be an urban centre.
    public var urbanMinimumPopulation: Double
    /// Cells below this density (inhabitants per km²) are mountain.
    public var mountainDensity: Double
    public var source: String?

    public init(
        cellMetres: Double = 1_000, urbanDensity: Double = 1_500, urbanMinimumPopulation: Double = 50_000,
        mountainDensity: Double = 50, source: String? = nil
    ) {
        self.cellMetres = cellMetres
        self.urbanDensity = urbanDensity
        self.urbanMinimumPopulation = urbanMinimumPopulation
        self.mountainDensity = mountainDensity
        self.source = source
    }

    /// The defaults, with their source; also in `data/profiles/default.json`.
    public static let standard = ZoneClassification(
        source: "Urban: urban centre of the Degree of Urbanisation, 1 km2 cells of at least 1,500 inhabitants per km2, contiguous without diagonals, together at least 50,000 inhabitants, with 3x3 majority gap filling (European Commission, Eurostat, FAO, ILO, OECD, UN-Habitat, World Bank, 'Applying the Degree of Urbanisation: a methodological manual to define cities, towns and rural areas for international comparisons', 2021 edition, ch. 2; GHSL GHS-SMOD class 30). Mountain: cells under 50 inhabitants per km2, the manual's 'mostly uninhabited' and GHS-SMOD class 11 'very low density rural' threshold; mountain is approximated by very low density because no elevation model is used. Rural: every other cell. Island: residents on a land mass other than the mainland.")

    enum CodingKeys: String, CodingKey {
        case cellMetres = "cell_m", urbanDensity = "urban_density_per_km2"
        case urbanMinimumPopulation = "urban_minimum_population", mountainDensity = "mountain_density_per_km2"
        case source
    }

    /// Missing figures take the defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ZoneClassification()
        cellMetres = try container.decodeIfPresent(Double.self, forKey: .cellMetres) ?? defaults.cellMetres
        urbanDensity = try container.decodeIfPresent(Double.self, forKey: .urbanDensity) ?? defaults.urbanDensity
        urbanMinimumPopulation =
            try container.decodeIfPresent(Double.self, forKey: .urbanMinimumPopulation) ?? defaults.urbanMinimumPopulation
        mountainDensity = try container.decodeIfPresent(Double.self, forKey: .mountainDensity) ?? defaults.mountainDensity
        source = try container.decodeIfPresent(String.self, forKey: .source)
        try validate()
    }

    /// Checks that the figures are usable.
    /// - Throws: `ProfileError` naming the figure.
    public func validate() throws {
        guard cellMetres >= 10, cellMetres <= 100_000, cellMetres.isFinite else {
            throw ProfileError("zoneClassification.cell_m must be between 10 and 100000 metres, got \(cellMetres)")
        }
        for (name, value) in [
            ("urban_density_per_km2", urbanDensity), ("urban_minimum_population", urbanMinimumPopulation),
            ("mountain_density_per_km2", mountainDensity),
        ] {
            guard value >= 0, value.isFinite else {
                throw ProfileError("zoneClassification.\(name) must be a non-negative number, got \(value)")
            }
        }
        guard mountainDensity <= urbanDensity else {
            throw ProfileError("zoneClassification: mountain_density_per_km2 (\(mountainDensity)) must not exceed urban_density_per_km2 (\(urbanDensity))")
        }
    }
}
