import Foundation
import GRDB
import LegalCircle
@testable import LegalCircleStore
import Testing

/// The store opens only its own databases, creates one only when asked to, and a read-only open
/// writes nothing (issue 15, faults 4 and 10).
@Suite struct StoreAccessTests {
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-access-\(UUID())")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        /// Every file in the folder with its bytes.
        func contents() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                files[name] = try Data(contentsOf: url.appendingPathComponent(name))
            }
            return files
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// Makes a SQLite file with plain SQL, as another program would.
    static func makeSQLite(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }

    static let accesses: [StoreAccess] = [.readOnly, .readWrite, .create]

    @Test(arguments: accesses) func aGeoPackageIsRefusedAndLeftByteForByteUnchanged(access: StoreAccess) throws {
        let folder = try Folder()
        let path = folder.path("layers.gpkg")
        try Self.makeSQLite(
            path,
            """
            PRAGMA application_id = 1196444487;
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT);
            INSERT INTO gpkg_contents VALUES ('roads', 'features');
            """)
        let before = try folder.contents()
        let error = #expect(throws: StoreError.self) { try Store(path: path, access: access) }
        #expect(error == .foreignDatabase(path: path, what: "a GeoPackage"))
        #expect(error?.description.contains("left the file unchanged") == true)
        #expect(try folder.contents() == before, "no byte changed, no -wal or -shm file appeared")
    }

    @Test(arguments: accesses) func anotherApplicationsDatabaseIsRefusedUnchanged(access: StoreAccess) throws {
        let folder = try Folder()
        let path = folder.path("crm.db")
        try Self.makeSQLite(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x');")
        let before = try folder.contents()
        let error = #expect(throws: StoreError.self) { try Store(path: path, access: access) }
        #expect(error?.description.contains("another application") == true && error?.description.contains("customers") == true)
        #expect(try folder.contents() == before)

        // A GeoPackage without its application id is still recognised by its tables.
        let gpkg = folder.path("old.gpkg")
        try Self.makeSQLite(gpkg, "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY);")
        #expect(throws: StoreError.foreignDatabase(path: gpkg, what: "a GeoPackage")) { try Store(path: gpkg, access: access) }
    }

    @Test(arguments: accesses) func filesThatAreNoDatabaseAreRefused(access: StoreAccess) throws {
        let folder = try Folder()
        let text = folder.path("points.csv")
        try Data("id,name\n1,a\n".utf8).write(to: URL(fileURLWithPath: text))
        let error = #expect(throws: StoreError.self) { try Store(path: text, access: access) }
        #expect(error?.description.contains("not a legalcircle database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("id,name\n1,a\n".utf8))
        #expect(throws: StoreError.notADatabase(path: folder.url.path, reason: "it is a folder")) {
            try Store(path: folder.url.path, access: access)
        }
    }

    @Test func onlyCreateMakesANewDatabaseAndAMissingFileNamesDb() throws {
        let folder = try Folder()
        let path = folder.path("typo.sqlite")
        for access in [StoreAccess.readOnly, .readWrite] {
            let error = #expect(throws: StoreError.missingDatabase(path: path)) { try Store(path: path, access: access) }
            _ = error
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        #expect(StoreError.missingDatabase(path: path).description.contains("(--db)"))
        _ = try Store(path: path, access: .create)
        let stamp = try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(stamp == StoreStamp.applicationID)
        // An empty (0-byte) file is not a database to read, but `load` may fill it.
        let empty = folder.path("empty.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError.emptyDatabase(path: empty)) { try Store(path: empty, access: .readOnly) }
        _ = try Store(path: empty, access: .create)
    }

    /// A database made before the stamp (our migrations, application_id 0) keeps working: read-only
    /// commands read it without writing, the first writing one stamps it.
    @Test func aDatabaseOfAnEarlierVersionIsAdoptedByStamping() throws {
        let folder = try Folder()
        let path = folder.path("old.sqlite")
        do {
            let store = try Store(path: path, access: .create)
            _ = try store.replaceServicePoints(
                name: "p", source: "p.csv", checksum: "c",
                points: [ServicePoint(id: "P1", name: "站", kinds: .mediation, level: .village, location: GeoCoordinate(longitude: 120, latitude: 30), county: nil)])
        }
        // As an earlier legalcircle left it: no stamp, journal checkpointed.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try Store(path: path, access: .readOnly)
        #expect(try reader.dataset(named: "p", kind: .points).rowCount == 1)
        #expect(throws: StoreError.self) { _ = try reader.replaceServicePoints(name: "q", source: "q", checksum: "q", points: []) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "a read-only open writes nothing")

        _ = try Store(path: path, access: .readWrite)
        let stamp = try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(stamp == StoreStamp.applicationID)
    }

    /// A read-only store cannot write, and says so in words rather than SQLite's.
    @Test func writingThroughAReadOnlyStoreSaysTheDatabaseIsReadOnly() throws {
        let folder = try Folder()
        let path = folder.path("legalcircle.sqlite")
        _ = try Store(path: path, access: .create)
        let store = try Store(path: path, access: .readOnly)
        let error = #expect(throws: StoreError.self) {
            _ = try store.replaceServicePoints(
                name: "p", source: "p.csv", checksum: "c",
                points: [ServicePoint(id: "P1", name: "站", kinds: .mediation, level: .village, location: GeoCoordinate(longitude: 120, latitude: 30), county: nil)])
        }
        guard case .readOnlyDatabase = error else {
            Issue.record("expected readOnlyDatabase, got \(String(describing: error))")
            return
        }
    }

    /// The immutable URI survives paths with characters URIs reserve.
    @Test func theImmutableURIEncodesThePath() {
        let uri = Store.immutableURI("/tmp/a b/数据#1?.sqlite")
        #expect(uri.hasPrefix("file:/tmp/a%20b/") && uri.hasSuffix("%231%3F.sqlite?mode=ro&immutable=1"), "\(uri)")
    }
}
