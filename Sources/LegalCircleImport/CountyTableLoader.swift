import Foundation
import LegalCircle

/// Reads the county table shipped with the tool (`data/zhejiang/counties.csv`).
public enum CountyTableLoader {
    /// The table's path inside the data folder.
    public static let relativePath = "zhejiang/counties.csv"

    /// Reads and checks the county table.
    /// - Parameter dataFolder: the repository's (or installation's) `data` folder.
    /// - Throws: `CSVTableError` naming the file, and the line and column at fault; line 0 when the file
    ///   cannot be read at all.
    public static func load(dataFolder: URL) throws(CSVTableError) -> CountyTable {
        let url = dataFolder.appendingPathComponent(relativePath)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CSVTableError(
                source: url.path, line: 0,
                "cannot be read (\(error.localizedDescription)); the county table ships in data/\(relativePath)")
        }
        return try CountyTable(csv: text, source: url.path)
    }
}
