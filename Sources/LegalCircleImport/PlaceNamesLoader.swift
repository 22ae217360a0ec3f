import Foundation
import LegalCircle

/// Reads the names of counties and townships shipped with the tool: `zhejiang/counties.csv` (every
/// county code of 2016 and today, `CountyTableLoader`), `zhejiang/townships_2025_mca.csv` (today's
/// townships, MCA) and `zhejiang/townships_2016_crosswalk.csv` (the 2016 township codes that village
/// statistical codes carry). Sources and licences in `data/SOURCES.md`.
public enum PlaceNamesLoader {
    public static let townshipFiles = ["zhejiang/townships_2025_mca.csv", "zhejiang/townships_2016_crosswalk.csv"]

    /// The names in the data folder; a missing or unreadable file contributes nothing (names are a
    /// courtesy: reports fall back to codes).
    /// - Complexity: O(rows of the three files), about 5 ms.
    public static func load(dataFolder: URL) -> PlaceNames {
        var names = PlaceNames()
        if let table = try? CountyTableLoader.load(dataFolder: dataFolder) {
            for entry in table.entries where !entry.name.isEmpty { names.counties[entry.code] = entry.name }
        }
        // Today's names first; a 2016 code keeps its 2016 name only where today's table lacks the code.
        for (file, codeColumn, nameColumn) in [
            ("zhejiang/townships_2025_mca.csv", "township_code", "township_name"),
            ("zhejiang/townships_2016_crosswalk.csv", "code_2016", "name_2016"),
        ] {
            let url = dataFolder.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let table = try? CSVTable(text: text, source: url.path),
                let code = try? table.column(codeColumn), let name = try? table.column(nameColumn)
            else { continue }
            for row in table.rows where row.count > max(code, name) && row[code].utf8.count >= 9 && !row[name].isEmpty {
                let key = String(row[code].prefix(9))
                if names.townships[key] == nil { names.townships[key] = row[name] }
            }
        }
        return names
    }

    /// County names from loaded boundaries (their name property), by code; boundaries without a name
    /// other than their code are left out.
    public static func counties(of boundaries: [Boundary]) -> PlaceNames {
        var names = PlaceNames()
        for boundary in boundaries where !boundary.name.isEmpty && boundary.name != boundary.code {
            names.counties[boundary.code] = boundary.name
        }
        return names
    }
}
