/// Interned 6-digit county codes, so a residence carries a 4-byte index instead of a string.
public struct CountyCatalog: Sendable, Equatable {
    public private(set) var codes: [String] = []
    private var indexByCode: [String: Int32] = [:]

    public init() {}

    /// The index of `code`, adding it when new; -1 for nil or empty (county unknown).
    public mutating func intern(_ code: String?) -> Int32 {
        guard let code, !code.isEmpty else { return -1 }
        if let index = indexByCode[code] { return index }
        let index = Int32(codes.count)
        codes.append(code)
        indexByCode[code] = index
        return index
    }

    public func index(of code: String) -> Int32? { indexByCode[code] }

    /// The code at `index`, nil for -1.
    public func code(at index: Int32) -> String? { index < 0 ? nil : codes[Int(index)] }
}

/// Residences stored by column: the engine's input at province scale (10 million rows) without an
/// object or a county string per row.
public struct ResidenceTable: Sendable, Equatable {
    public private(set) var ids: [String] = []
    public private(set) var longitudes: [Double] = []
    public private(set) var latitudes: [Double] = []
    public private(set) var populations: [Double] = []
    public private(set) var zones: [Zone] = []
    /// Index into `counties`, -1 when the county is unknown.
    public private(set) var countyIndices: [Int32] = []
    public private(set) var counties = CountyCatalog()
    /// The names from the file's name column (名称: a village, a community, a building), one per row;
    /// empty when no row has a name, "" for a row without one.
    public private(set) var names: [String] = []

    public init() {}

    public init<S: Sequence<Residence>>(_ residences: S) {
        for residence in residences { append(residence) }
    }

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }

    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        longitudes.reserveCapacity(capacity)
        latitudes.reserveCapacity(capacity)
        populations.reserveCapacity(capacity)
        zones.reserveCapacity(capacity)
        countyIndices.reserveCapacity(capacity)
    }

    public mutating func append(
        id: String, longitude: Double, latitude: Double, population: Double, county: String?, zone: Zone,
        name: String? = nil
    ) {
        append(
            id: id, longitude: longitude, latitude: latitude, population: population, countyIndex: counties.intern(county),
            zone: zone, name: name)
    }

    /// The catalogue index of a county code, adding it when new; -1 for nil or empty. Readers call
    /// this once per distinct code and then append by index, avoiding a dictionary lookup per row.
    public mutating func internCounty(_ code: String?) -> Int32 {
        counties.intern(code)
    }

    /// Appends with a county index from `internCounty` (-1 for unknown).
    public mutating func append(
        id: String, longitude: Double, latitude: Double, population: Double, countyIndex: Int32, zone: Zone,
        name: String? = nil
    ) {
        precondition(countyIndex >= -1 && countyIndex < Int32(counties.codes.count), "county index not interned")
        appendName(name)
        ids.append(id)
        longitudes.append(longitude)
        latitudes.append(latitude)
        populations.append(population)
        zones.append(zone)
        countyIndices.append(countyIndex)
    }

    /// Replaces every coordinate, e.g. after converting them to WGS84; the rows stay as they are.
    public mutating func replaceCoordinates(longitudes: [Double], latitudes: [Double]) {
        precondition(longitudes.count == count && latitudes.count == count, "one coordinate per row")
        self.longitudes = longitudes
        self.latitudes = latitudes
    }

    public mutating func append(_ residence: Residence) {
        append(
            id: residence.id, longitude: residence.location.longitude, latitude: residence.location.latitude,
            population: residence.population, county: residence.county, zone: residence.zone)
    }

    public subscript(index: Int) -> Residence {
        Residence(
            id: ids[index],
            location: GeoCoordinate(longitude: longitudes[index], latitude: latitudes[index]),
            population: populations[index],
            county: counties.code(at: countyIndices[index]),
            zone: zones[index])
    }

    public func county(at index: Int) -> String? { counties.code(at: countyIndices[index]) }

    /// The name of row `index`, nil when it has none.
    public func name(at index: Int) -> String? {
        guard !names.isEmpty, !names[index].isEmpty else { return nil }
        return names[index]
    }

    /// True when at least one row has a name.
    public var hasNames: Bool { !names.isEmpty }

    /// Keeps `names` either empty or one per row: the first named row fills "" for the rows before it.
    /// Called before the row's other columns are appended.
    private mutating func appendName(_ name: String?) {
        if let name, !name.isEmpty {
            if names.count < ids.count { names.append(contentsOf: repeatElement("", count: ids.count - names.count)) }
            names.append(name)
        } else if !names.isEmpty {
            names.append("")
        }
    }
}

extension ResidenceTable {
    /// Appends every row of `other` after these, its county codes interned into this catalogue (the
    /// parts of a parallel read, each with its own catalogue, merged in file order).
    /// - Complexity: O(other.count) plus O(counties of other).
    public mutating func append(contentsOf other: ResidenceTable) {
        let remap = other.counties.codes.map { counties.intern($0) }
        append(
            ids: other.ids, longitudes: other.longitudes, latitudes: other.latitudes, populations: other.populations,
            zones: other.zones, countyIndices: other.countyIndices.map { $0 < 0 ? -1 : remap[Int($0)] },
            names: other.hasNames ? other.names : nil)
    }

    /// Appends rows given by column, as a stored chunk holds them: one bulk copy per column instead of
    /// a call per row. `countyIndices` must be -1 or interned (`internCounty`); `names` nil or one per row.
    public mutating func append(
        ids newIDs: [String], longitudes newLongitudes: [Double], latitudes newLatitudes: [Double],
        populations newPopulations: [Double], zones newZones: [Zone], countyIndices newCounties: [Int32],
        names newNames: [String]?
    ) {
        let added = newIDs.count
        precondition(
            [newLongitudes.count, newLatitudes.count, newPopulations.count, newZones.count, newCounties.count].allSatisfy { $0 == added }
                && (newNames?.count ?? added) == added,
            "one value per row in every column")
        let countyCount = Int32(counties.codes.count)
        precondition(newCounties.allSatisfy { $0 >= -1 && $0 < countyCount }, "county index not interned")
        let countBefore = count
        if let newNames, newNames.contains(where: { !$0.isEmpty }) {
            if names.count < countBefore { names.append(contentsOf: repeatElement("", count: countBefore - names.count)) }
            names.append(contentsOf: newNames)
        } else if hasNames {
            names.append(contentsOf: repeatElement("", count: added))
        }
        ids.append(contentsOf: newIDs)
        longitudes.append(contentsOf: newLongitudes)
        latitudes.append(contentsOf: newLatitudes)
        populations.append(contentsOf: newPopulations)
        zones.append(contentsOf: newZones)
        countyIndices.append(contentsOf: newCounties)
    }
}
