// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "legalcircle",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex needs macOS 15
    products: [
        .executable(name: "legalcircle", targets: ["legalcircle"]),
        .library(name: "LegalCircle", targets: ["LegalCircle"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Excel workbooks (xlsx) are ZIP archives of XML parts: read in LegalCircleImport, written in LegalCircleReports.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The web service (`legalcircle serve`).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own dependencies, named for the header names and byte buffers the service uses.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // PROJ, the system library (Debian: libproj-dev).
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // zlib, the system library (Debian: zlib1g-dev), for the blobs of OSM PBF files.
        .systemLibrary(name: "SystemZlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 blocks with the x86 SHA extensions, for the checksums of loaded files.
        .target(name: "CSHA256"),
        // The only target that imports CProj.
        .target(name: "Projection", dependencies: ["CProj"], swiftSettings: swiftSettings),
        // Domain and every rule, once: no files, no terminal.
        .target(name: "LegalCircle", dependencies: ["Projection"], swiftSettings: swiftSettings),
        // Reading user files: CSV, GeoJSON boundaries and zones, county filling, zone assignment.
        .target(
            name: "LegalCircleImport", dependencies: ["LegalCircle", "Projection", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings),
        // What people read: text tables, CSV/JSON/Markdown writers, the HTML report and SVG maps.
        .target(
            name: "LegalCircleReports", dependencies: ["LegalCircle", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings),
        // SQLite bulk statements over the C API, shared by the store and the GeoPackage writer.
        .target(
            name: "SQLiteBulk",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // What GIS tools read: feature layers (the reports' columns), GeoJSON layers, the GeoPackage writer with its schema and R-tree.
        .target(
            name: "LegalCircleGIS",
            dependencies: ["LegalCircle", "LegalCircleReports", "SQLiteBulk", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // The working database: records, migrations, column chunks. Imports no presentation module.
        .target(
            name: "LegalCircleStore",
            dependencies: ["LegalCircle", "SQLiteBulk", "CSHA256", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // Road networks: OSM PBF, GeoJSON and GeoPackage line readers, graphs per travel mode, the multi-source search.
        .target(
            name: "LegalCircleRoads", dependencies: ["LegalCircle", "SystemZlib", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // Demo data generator, benchmarks and the brute-force checks they run.
        .target(
            name: "LegalCircleBench",
            dependencies: ["LegalCircle", "LegalCircleImport", "LegalCircleStore", "LegalCircleRoads", "Projection"],
            swiftSettings: swiftSettings),
        // What a command asks for, as plain values: owns one open store, runs the flow, returns values.
        .target(
            name: "LegalCircleSession",
            dependencies: [
                "LegalCircle", "LegalCircleImport", "LegalCircleReports", "LegalCircleGIS", "LegalCircleStore", "LegalCircleRoads",
                "Projection",
            ],
            swiftSettings: swiftSettings),
        // The web service: the Hummingbird application built from plain values, its routes and pages.
        .target(
            name: "LegalCircleServer",
            dependencies: [
                "LegalCircle", "LegalCircleImport", "LegalCircleReports", "LegalCircleGIS", "LegalCircleRoads", "LegalCircleStore",
                "LegalCircleSession", "Projection",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Commands; a library so tests can call them.
        .target(
            name: "LegalCircleCLI",
            dependencies: [
                "LegalCircle", "LegalCircleImport", "LegalCircleReports", "LegalCircleGIS", "LegalCircleStore",
                "LegalCircleSession", "LegalCircleServer", "LegalCircleBench", "LegalCircleRoads", "Projection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(name: "legalcircle", dependencies: ["LegalCircleCLI"], swiftSettings: swiftSettings),

        // What the test targets share: fixtures, the real-data locator and prerequisite traits.
        .target(name: "LegalCircleTestSupport", dependencies: ["LegalCircle"], path: "Tests/LegalCircleTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "LegalCircleTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleTests", dependencies: ["LegalCircle", "LegalCircleBench", "LegalCircleTestSupport", "Projection"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleImportTests", dependencies: ["LegalCircleImport", "LegalCircleBench", "LegalCircleTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleRoadsTests", dependencies: ["LegalCircleRoads", "LegalCircleTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LegalCircleReportsTests", dependencies: ["LegalCircleReports", "LegalCircleBench"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleGISTests",
            dependencies: ["LegalCircleGIS", "LegalCircleReports", "LegalCircleBench", "LegalCircleTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleStoreTests",
            dependencies: ["LegalCircleStore", "LegalCircleImport", "LegalCircleTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleCLITests",
            dependencies: [
                "LegalCircleCLI", "LegalCircleSession", "LegalCircleStore", "LegalCircleImport", "LegalCircleReports", "LegalCircleGIS",
                "LegalCircleRoads", "LegalCircleBench", "LegalCircleTestSupport", "Projection", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleServerTests",
            dependencies: [
                "LegalCircle", "LegalCircleReports", "LegalCircleServer", "LegalCircleSession", "LegalCircleStore", "LegalCircleTestSupport",
                "Projection", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)
