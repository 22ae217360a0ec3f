import Foundation
import LegalCircleSession

/// Turns an SVG into a PNG with `rsvg-convert` (librsvg, Debian package librsvg2-bin): a well-kept
/// renderer that reads our SVG as browsers do, with fontconfig for the Chinese fonts.
enum SVGRasteriser {
    /// The `rsvg-convert` on the PATH, nil when it is not installed.
    static func tool() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("rsvg-convert") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Writes `svg` rendered at `zoom` output pixels per SVG pixel to `path`.
    /// - Throws: `CommandError` when rsvg-convert is missing or fails (with its message).
    static func writePNG(svg: String, to path: String, zoom: Double) throws {
        guard let tool = tool() else {
            throw CommandError(
                "PNG output needs rsvg-convert, which is not installed (Debian: apt-get install librsvg2-bin); write .svg instead")
        }
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-map-\(UUID().uuidString).svg")
        try Data(svg.utf8).write(to: source)
        defer { try? FileManager.default.removeItem(at: source) }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--zoom", String(zoom), "--format", "png", "--output", path, source.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(
                "rsvg-convert could not write \(path): " + String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
