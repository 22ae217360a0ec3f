import Foundation
import LegalCircle
import LegalCircleImport

/// Finds the files that ship in `data/` (profiles) whether the tool runs from a build folder, an
/// install prefix or the source tree.
public enum DataFiles {
    /// Candidate `data` folders, most specific first: `$LEGALCIRCLE_DATA`, the source tree above a
    /// `.build/<triple>/<config>/` binary, `<prefix>/share/legalcircle` beside an installed binary,
    /// and `./data`.
    static var folders: [URL] {
        var folders: [URL] = []
        if let override = ProcessInfo.processInfo.environment["LEGALCIRCLE_DATA"] {
            folders.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let binFolder = executable.deletingLastPathComponent()
        folders.append(
            binFolder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("data"))
        folders.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/legalcircle"))
        folders.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data"))
        return folders
    }

    /// Loads a profile given as a file path or as the name of a shipped profile (`default`).
    /// - Throws: `SessionError` naming where it looked, or `ProfileError` for a bad file.
    public static func profile(_ nameOrPath: String) throws -> TravelProfile {
        let candidates: [URL]
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            candidates = [URL(fileURLWithPath: nameOrPath)]
        } else {
            candidates = folders.map { $0.appendingPathComponent("profiles/\(nameOrPath).json") }
        }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw SessionError(
                "profile \"\(nameOrPath)\" not found; looked in: "
                    + candidates.map(\.path).joined(separator: ", ")
                    + ". Give a path to a profile JSON file or set LEGALCIRCLE_DATA to the data folder.")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SessionError("profile \(url.path): cannot be read: \(FileProblem.whyUnreadable(url.path))")
        }
        do {
            return try TravelProfile.decode(json: data)
        } catch let error as ProfileError {
            throw SessionError("profile \(url.path): \(error.message)")
        }
    }
}

extension DataFiles {
    /// The shipped province data sets a `--boundaries` option can name instead of a file.
    static let shippedBoundaries = ["zhejiang": "zhejiang/counties_wgs84.geojson", "浙江": "zhejiang/counties_wgs84.geojson"]

    /// The `data` folder that holds the shipped Zhejiang geography (`zhejiang/counties.csv`).
    /// - Throws: `SessionError` naming where it looked.
    public static func provinceFolder() throws -> URL {
        guard let folder = folders.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("zhejiang/counties.csv").path) })
        else {
            throw SessionError(
                "the shipped Zhejiang data (data/zhejiang) was not found; looked in: " + folders.map(\.path).joined(separator: ", ")
                    + ". Set LEGALCIRCLE_DATA to the data folder.")
        }
        return folder
    }

    /// A `--boundaries` value as a file path: an existing file as given, else a shipped set by name
    /// (`zhejiang`: the 90 county boundaries in WGS84 that ship in data/zhejiang).
    public static func boundariesPath(_ value: String) throws -> String {
        if FileManager.default.fileExists(atPath: value) { return value }
        guard let relative = shippedBoundaries[value.lowercased()] else { return value }
        return try provinceFolder().appendingPathComponent(relative).path
    }
}

/// A failure the user can act on, printed as is.
public struct SessionError: Error, CustomStringConvertible, LocalizedError {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
