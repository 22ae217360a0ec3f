import Foundation
import LegalCircle
@testable import LegalCircleStore

/// A store in a fresh temporary folder, removed when the value is released.
final class TemporaryStore {
    let folder: URL
    let path: String
    let store: Store

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(Store.defaultFileName).path
        store = try Store(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}
