import GRDB
import LegalCircle

extension Store {
    /// The service points of a dataset as it was at `checksum` (as `servicePoints(datasetID:checksum:)`)
    /// that belong to `county` or lie in `box`, in dataset order: what one county's map draws. SQLite
    /// skips the others, so a county page does not decode all 40,000 points of a province (0.1 s).
    public func servicePoints(datasetID: Int64, checksum: String, county: String, orIn box: GeoBox?) throws -> [ServicePoint] {
        try read("read service points") { db in
            let dataset = try Self.requireDataset(db, id: datasetID, kind: .points, file: fileName)
            let rowCount = try version(db, dataset, checksum: checksum).rowCount
            var kindLists: [String: ServiceKinds] = [:]
            let columns = ServicePointRecord.Columns.self
            let lon = Column(ServicePointRecord.CodingKeys.lon), lat = Column(ServicePointRecord.CodingKeys.lat)
            let countyColumn = Column(ServicePointRecord.CodingKeys.county)
            let inBox = box.map { lon >= $0.minLongitude && lon <= $0.maxLongitude && lat >= $0.minLatitude && lat <= $0.maxLatitude }
            return try ServicePointRecord
                .filter(columns.datasetID == datasetID && columns.seq < rowCount)
                .filter(inBox.map { $0 || countyColumn == county } ?? (countyColumn == county))
                .order(columns.seq).fetchAll(db).map { try $0.point(file: fileName, kindLists: &kindLists) }
        }
    }
}
