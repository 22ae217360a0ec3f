#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import GRDB

/// How a command may use the working database.
public enum StoreAccess: Sendable, Equatable {
    /// Reads only: the file must exist and be a legalcircle database. Nothing is written to it, not the
    /// stamp, not the journal mode; a read-only file or folder is read in SQLite's immutable mode when the
    /// `-wal`/`-shm` files cannot be created.
    case readOnly
    /// Reads and writes an existing legalcircle database (saving a run); never creates one.
    case readWrite
    /// Reads and writes, creating the database when the file does not exist (`load`).
    case create
}

/// The mark that makes a SQLite file a legalcircle database: `PRAGMA application_id` (the 32-bit
/// big-endian integer at offset 68 of the file header, https://www.sqlite.org/fileformat.html#application_id).
public enum StoreStamp {
    /// "LCir" in ASCII. GeoPackages carry "GPKG" (0x47504B47) there, MBTiles "MPBX".
    public static let applicationID: Int32 = 0x4C43_6972

    /// Our migration that every legalcircle database has: with the tables below, it identifies databases
    /// written before the stamp existed, which are adopted (stamped) on their first write.
    static let firstMigration = "v1"
    static let ownTables: Set<String> = ["datasets", "service_points", "residence_chunks", "runs", "grdb_migrations"]

    /// Names for application ids other programs register (https://www.sqlite.org/src/artifact?ci=trunk&filename=magic.txt).
    static func describe(applicationID id: Int32) -> String {
        switch UInt32(bitPattern: id) {
        case 0x4750_4B47, 0x4750_3130, 0x4750_3131: "a GeoPackage"
        case 0x4D50_4258: "an MBTiles tile set"
        case 0x0F05_5112, 0x0F05_5113: "a Fossil repository"
        default: "an SQLite database of another application (application_id 0x\(String(UInt32(bitPattern: id), radix: 16, uppercase: true)))"
        }
    }
}

/// What a path holds, from its first 100 bytes read with plain POSIX calls: nothing opened by SQLite,
/// nothing created or changed.
enum StoreFileKind: Equatable {
    case missing
    case folder
    /// 0 bytes: SQLite reads it as an empty database.
    case empty
    case sqlite(applicationID: Int32)
    /// Not a SQLite file; what it is instead, as far as the header tells.
    case other(String)
    case unreadable(String)

    static let sqliteMagic = Array("SQLite format 3".utf8) + [0]

    static func inspect(_ path: String) -> StoreFileKind {
        var status = stat()
        if stat(path, &status) != 0 {
            return errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .folder }
        if status.st_size == 0 { return .empty }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 100) }
        guard count >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard count == 100, header.starts(with: sqliteMagic) else {
            let prefix = header.prefix(max(0, count))
            if prefix.starts(with: Array("PK".utf8)) { return .other("it is a ZIP archive (an .xlsx workbook?)") }
            if prefix.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 >= 0x20 && $0 != 0x7F) || $0 >= 0x80 }) {
                return .other("it is a text file, not an SQLite database")
            }
            return .other("it is not an SQLite database (no \"SQLite format 3\" header)")
        }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return .sqlite(applicationID: Int32(bitPattern: id))
    }
}

/// What a SQLite file turned out to be when read.
private enum StoreIdentity {
    /// Stamped, or carrying our migrations (made before the stamp: adopted).
    case ours(stamped: Bool)
    /// No table at all: a new database.
    case blank
    case foreign(String)
}

extension Store {
    /// Opens the queue for `access`, after checking that the file is ours (or, for `.create`, new).
    /// The checks read the file header, then the schema through a read-only connection; only then is a
    /// writable connection opened, switched to WAL, migrated and stamped.
    static func openQueue(path: String, access: StoreAccess, configuration: Configuration) throws -> DatabaseQueue {
        switch StoreFileKind.inspect(path) {
        case .missing:
            guard access == .create else { throw StoreError.missingDatabase(path: path) }
            return try openWritable(path: path, configuration: configuration, stampNeeded: true)
        case .folder:
            throw StoreError.notADatabase(path: path, reason: "it is a folder")
        case .unreadable(let reason):
            throw StoreError.notADatabase(path: path, reason: "it cannot be read (\(reason))")
        case .other(let what):
            throw StoreError.notADatabase(path: path, reason: what)
        case .empty:
            guard access == .create else { throw StoreError.emptyDatabase(path: path) }
            return try openWritable(path: path, configuration: configuration, stampNeeded: true)
        case .sqlite(let id):
            if id != 0, id != StoreStamp.applicationID {
                throw StoreError.foreignDatabase(path: path, what: StoreStamp.describe(applicationID: id))
            }
        }
        let (probe, identity) = try probe(path: path)
        switch identity {
        case .foreign(let what):
            try? probe.close()
            throw StoreError.foreignDatabase(path: path, what: what)
        case .blank:
            guard access == .create else {
                try? probe.close()
                throw StoreError.emptyDatabase(path: path)
            }
            try probe.close()
            return try openWritable(path: path, configuration: configuration, stampNeeded: true)
        case .ours(let stamped):
            guard access == .readOnly else {
                try probe.close()
                // Checked before SQLite opens it: on a read-only file it would fall back to reading and
                // still leave -wal and -shm files behind when the folder is writable.
                let folder = (URL(fileURLWithPath: path).deletingLastPathComponent().path)
                guard isWritable(path), isWritable(folder) else {
                    throw StoreError.readOnlyDatabase(file: (path as NSString).lastPathComponent, action: "open the database for writing")
                }
                return try openWritable(path: path, configuration: configuration, stampNeeded: !stamped)
            }
            let migrator = Schema.migrator
            let (superseded, complete) = try readChecked(probe, path: path) {
                (try migrator.hasBeenSuperseded($0), Schema.requiredForReading.isSubset(of: try migrator.appliedIdentifiers($0)))
            }
            if superseded { throw StoreError.newerSchema(file: (path as NSString).lastPathComponent) }
            if !complete { throw StoreError.needsUpgrade(path: path) }
            return probe
        }
    }

    /// A read-only connection and what the file is. Falls back to SQLite's immutable mode when the
    /// normal read-only open fails because the `-wal`/`-shm` files cannot be created (a read-only
    /// folder); that mode ignores a `-wal` file, so a non-empty one is an error instead.
    private static func probe(path: String) throws -> (DatabaseQueue, StoreIdentity) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        // Nobody can write a read-only file, so its snapshot is the truth: read it immutable at once and
        // leave no -wal or -shm file behind (unless a -wal holds changes to merge).
        var status = stat()
        let walHoldsChanges = stat(path + "-wal", &status) == 0 && status.st_size > 0
        if !isWritable(path), !walHoldsChanges {
            do {
                let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
                return (queue, try queue.read(identity))
            } catch let error as DatabaseError {
                throw StoreError.notADatabase(path: path, reason: error.message ?? "SQLite cannot open it")
            }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            do {
                return (queue, try queue.read(identity))
            } catch let error as DatabaseError where needsImmutable(error) {
                try? queue.close()
            }
        } catch let error as DatabaseError where needsImmutable(error) {
        } catch let error as DatabaseError {
            throw StoreError.notADatabase(path: path, reason: error.message ?? "SQLite cannot open it")
        }
        if walHoldsChanges { throw StoreError.unmergedJournal(path: path) }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            return (queue, try queue.read(identity))
        } catch let error as DatabaseError {
            throw StoreError.notADatabase(path: path, reason: error.message ?? "SQLite cannot open it")
        }
    }

    private static func needsImmutable(_ error: DatabaseError) -> Bool {
        [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_PERM].contains(error.resultCode)
    }

    private static func identity(_ db: Database) throws -> StoreIdentity {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        if id == StoreStamp.applicationID { return .ours(stamped: true) }
        if id != 0 { return .foreign(StoreStamp.describe(applicationID: id)) }
        if tables.isEmpty { return .blank }
        if StoreStamp.ownTables.isSubset(of: tables),
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
                arguments: [StoreStamp.firstMigration]) == true
        {
            return .ours(stamped: false)
        }
        if tables.contains("gpkg_contents") { return .foreign("a GeoPackage") }
        let listed = tables.sorted().prefix(5).joined(separator: ", ")
        return .foreign("an SQLite database of another application (tables \(listed)\(tables.count > 5 ? ", …" : ""))")
    }

    /// `file:` URI of `path` with `immutable=1`: SQLite reads the file as a snapshot, without locks and
    /// without the `-wal`/`-shm` files (https://www.sqlite.org/uri.html#uriimmutable).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }

    private static func readChecked<T>(_ queue: DatabaseQueue, path: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError.notADatabase(path: path, reason: error.message ?? "SQLite cannot read it")
        }
    }

    /// The writable queue: WAL, migrations, and the stamp when the file lacks it.
    private static func openWritable(path: String, configuration: Configuration, stampNeeded: Bool) throws -> DatabaseQueue {
        let fileName = (path as NSString).lastPathComponent
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(file: fileName)
            }
            try migrator.migrate(queue)
            if stampNeeded {
                try queue.write { db in try db.execute(sql: "PRAGMA application_id = \(StoreStamp.applicationID)") }
            }
            return queue
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: "open the database")
        }
    }
}

/// `access(2)` with W_OK, out of reach of `Store.access`.
private func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }
