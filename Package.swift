// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "legalcircle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "legalcircle", targets: ["legalcircle"]),
        .library(name: "LegalCircle", targets: ["LegalCircle"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // PROJ, the system library (Debian: libproj-dev).
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // The only target that imports CProj.
        .target(name: "Projection", dependencies: ["CProj"], swiftSettings: swiftSettings),
        // Domain and engine: no files, no terminal.
        .target(name: "LegalCircle", dependencies: ["Projection"], swiftSettings: swiftSettings),
        // CSV reading and table/GeoJSON writing.
        .target(name: "LegalCircleFormats", dependencies: ["LegalCircle"], swiftSettings: swiftSettings),
        // The SQLite store (GRDB over the system SQLite).
        .target(
            name: "LegalCircleStore",
            dependencies: [
                "LegalCircle", "LegalCircleFormats", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        // Commands; a library so tests can call them.
        .target(
            name: "LegalCircleCLI",
            dependencies: [
                "LegalCircle", "LegalCircleFormats", "LegalCircleStore", "Projection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(name: "legalcircle", dependencies: ["LegalCircleCLI"], swiftSettings: swiftSettings),

        .testTarget(name: "ProjectionTests", dependencies: ["Projection"], swiftSettings: swiftSettings),
        .testTarget(name: "LegalCircleTests", dependencies: ["LegalCircle", "Projection"], swiftSettings: swiftSettings),
        .testTarget(name: "LegalCircleFormatsTests", dependencies: ["LegalCircleFormats"], swiftSettings: swiftSettings),
        .testTarget(name: "LegalCircleStoreTests", dependencies: ["LegalCircleStore", "LegalCircleFormats"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LegalCircleCLITests",
            dependencies: [
                "LegalCircleCLI", "LegalCircleStore", "LegalCircleFormats", "Projection",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)
