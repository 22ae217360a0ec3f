import Foundation
import Testing

/// Something outside the package a test needs: real data files or a program that `scripts/install-deps`
/// installs. Checked here and only here; tests declare theirs with the `.requires(...)` trait.
///
/// `LEGALCIRCLE_TEST_WITHOUT=chromium,ogrinfo,rsvg-convert,gdal-validator,osmium,scipy,data` (any of them) makes
/// the named prerequisites count as missing, to see the skipped (or, with `CI=true`, failed) tests
/// on a machine that has everything.
public enum Prerequisite: Sendable, Hashable, CustomStringConvertible {
    /// Files of `data/zhejiang/`; write `.data(.countiesWGS84, ...)`.
    case files([ZhejiangFile])
    /// Debian's `chromium` (or `chromium-browser`), run headless by the HTML report tests.
    case chromium
    /// GDAL's `ogrinfo` (Debian gdal-bin), the independent reader of the exports.
    case ogrinfo
    /// `rsvg-convert` (Debian librsvg2-bin), which `legalcircle map --out FILE.png` runs.
    case rsvgConvert
    /// GDAL's `validate_gpkg.py` (Debian python3-gdal). Not installed by `scripts/install-deps`, so it
    /// is optional: a test needing it is skipped when it is missing, also under `CI=true`.
    case gdalValidator
    /// `osmium` (Debian osmium-tool), the independent reader of the OSM PBF files in the road tests.
    case osmium
    /// Debian's python3 with SciPy (python3-scipy), which `scripts/check-roads-scipy` runs as the
    /// independent reference for the network times.
    case scipy

    /// Files of `data/zhejiang/`.
    public static func data(_ files: ZhejiangFile...) -> Prerequisite { .files(files) }

    /// Whether the environment says this is CI (`CI=true`): missing prerequisites then fail their tests.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    public var isAvailable: Bool {
        switch self {
        case .files(let files): return files.isEmpty || (!Self.hidden.contains(name) && files.allSatisfy(\.isPresent))
        case .chromium, .ogrinfo, .rsvgConvert, .gdalValidator, .osmium, .scipy: return executable != nil
        }
    }

    /// Whether a missing one fails its tests under `CI=true` (everything `scripts/install-deps` installs).
    public var isRequiredOnCI: Bool { self != .gdalValidator }

    /// The program (for `.gdalValidator`, the script); nil when it is missing or counted as missing.
    public var executable: URL? {
        if Self.hidden.contains(name) { return nil }
        switch self {
        case .files: return nil
        case .chromium: return Self.chromiumPath
        case .ogrinfo: return Self.ogrinfoPath
        case .rsvgConvert: return Self.rsvgConvertPath
        case .gdalValidator: return Self.gdalValidatorPath
        case .osmium: return Self.osmiumPath
        case .scipy: return Self.scipyPython
        }
    }

    /// The name `LEGALCIRCLE_TEST_WITHOUT` uses.
    public var name: String {
        switch self {
        case .files: "data"
        case .chromium: "chromium"
        case .ogrinfo: "ogrinfo"
        case .rsvgConvert: "rsvg-convert"
        case .gdalValidator: "gdal-validator"
        case .osmium: "osmium"
        case .scipy: "scipy"
        }
    }

    /// Why a test needing it cannot run, and how to get it.
    public var description: String {
        switch self {
        case .files(let files):
            let missing = files.filter { !$0.isPresent || Self.hidden.contains(name) }
            return "real data missing: \((missing.isEmpty ? files : missing).map(\.description).joined(separator: ", ")) "
                + "(it ships in the repository; see data/SOURCES.md)"
        case .chromium: return "chromium not installed: scripts/install-deps installs it (Debian chromium)"
        case .ogrinfo: return "ogrinfo not installed: scripts/install-deps installs it (Debian gdal-bin)"
        case .rsvgConvert: return "rsvg-convert not installed: scripts/install-deps installs it (Debian librsvg2-bin)"
        case .gdalValidator: return "GDAL's validate_gpkg.py not installed (Debian python3-gdal, optional)"
        case .osmium: return "osmium not installed: scripts/install-deps installs it (Debian osmium-tool)"
        case .scipy: return "SciPy for /usr/bin/python3 not installed: scripts/install-deps installs it (Debian python3-scipy)"
        }
    }

    // MARK: - Looking

    private static let hidden: Set<String> = Set(
        (ProcessInfo.processInfo.environment["LEGALCIRCLE_TEST_WITHOUT"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) })

    private static let chromiumPath = program("chromium", "chromium-browser")
    private static let ogrinfoPath = program("ogrinfo")
    private static let rsvgConvertPath = program("rsvg-convert")
    private static let osmiumPath = program("osmium")
    /// Debian's own python3, the one python3-gdal installs its module for (a `python3` earlier on the
    /// PATH, such as a pyenv shim, may lack it).
    public static let systemPython3 = URL(fileURLWithPath: "/usr/bin/python3")

    /// Debian's python3 when it imports scipy.
    private static let scipyPython: URL? = {
        guard FileManager.default.isExecutableFile(atPath: systemPython3.path) else { return nil }
        let process = Process()
        process.executableURL = systemPython3
        process.arguments = ["-c", "import numpy, scipy.sparse.csgraph"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? systemPython3 : nil
    }()

    private static let gdalValidatorPath: URL? = {
        guard FileManager.default.isExecutableFile(atPath: systemPython3.path) else { return nil }
        return [
            "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
            "/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
        ].first { FileManager.default.fileExists(atPath: $0) }.map(URL.init(fileURLWithPath:))
    }()

    /// The first of `names` in a folder of `PATH`, for programs every Debian system has (`iconv`,
    /// `script`) as for the prerequisites.
    public static func program(_ names: String...) -> URL? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for folder in folders {
            for name in names {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }
}

/// The trait `.requires(...)`: a test or suite whose prerequisites are missing is skipped with the
/// reason, and under `CI=true` it fails (each test records an issue and does not run its body)
/// instead, while the rest of the run goes on.
///
/// The skip is `ConditionTrait`'s own (`.disabled(_:)`), so it reads as any skipped test does;
/// the failure is an `Issue` recorded in `provideScope` in place of running the test.
public struct PrerequisiteTrait: TestTrait, SuiteTrait, TestScoping {
    public let prerequisites: [Prerequisite]
    let sourceLocation: SourceLocation

    /// Applies to every test of a suite, so each records its own failure under CI.
    public var isRecursive: Bool { true }

    /// What is missing, or nil when everything is there.
    public var missing: String? {
        let missing = prerequisites.filter { !$0.isAvailable }
        return missing.isEmpty ? nil : missing.map(\.description).joined(separator: "; ")
    }

    /// Whether a missing prerequisite must fail rather than skip.
    var failsWhenMissing: Bool {
        Prerequisite.isCI && prerequisites.contains { !$0.isAvailable && $0.isRequiredOnCI }
    }

    public func prepare(for test: Test) async throws {
        guard let missing, !failsWhenMissing else { return }
        try await ConditionTrait.disabled(Comment(rawValue: missing), sourceLocation: sourceLocation).prepare(for: test)
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard failsWhenMissing, let missing else { return try await function() }
        Issue.record("CI=true and \(missing)", sourceLocation: sourceLocation)
    }
}

extension Trait where Self == PrerequisiteTrait {
    /// Runs the test only with `prerequisites`: skipped with the reason when one is missing, failed
    /// under `CI=true` (see `PrerequisiteTrait`).
    public static func requires(
        _ prerequisites: Prerequisite..., sourceLocation: SourceLocation = #_sourceLocation
    ) -> Self {
        PrerequisiteTrait(prerequisites: prerequisites, sourceLocation: sourceLocation)
    }
}
