import GRDB

extension Store {
    /// The named places of run `runID`'s areas saved with it, by area id, most populous first; only the
    /// areas in `areaIDs` when given. Empty for a run saved before migration v9-run-area-places (a
    /// read-only command cannot add the table) or whose residences have no names.
    public func areaPlaces(runID: Int64, areaIDs: Set<Int>? = nil) throws -> [Int: [String]] {
        try read("read the places of run \(runID)") { db in
            guard try db.tableExists("run_area_places") else { return [:] }
            var places: [Int: [String]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT area_id, name FROM run_area_places WHERE run_id = ? ORDER BY area_id, rank", arguments: [runID])
            while let row = try rows.next() {
                let area: Int = row[0]
                if let areaIDs, !areaIDs.contains(area) { continue }
                places[area, default: []].append(row[1])
            }
            return places
        }
    }

    static func insertAreaPlaces(_ db: Database, runID: Int64, places: [Int: [String]]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO run_area_places (run_id, area_id, rank, name) VALUES (?, ?, ?, ?)")
        for (area, names) in places.sorted(by: { $0.key < $1.key }) {
            for (rank, name) in names.enumerated() { try insert.execute(arguments: [runID, area, rank, name]) }
        }
    }
}
