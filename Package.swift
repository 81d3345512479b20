// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "reportsyncd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reportsyncd", targets: ["reportsyncd"]),
        .library(name: "ReportCore", targets: ["ReportCore"]),
        .library(name: "SyncEngine", targets: ["SyncEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "ReportCore",
            dependencies: [
                "CLibXML2",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(name: "CFileSystem"),
        .target(
            name: "SyncEngine",
            dependencies: [
                "ReportCore",
                "CFileSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SystemdService",
            dependencies: [
                "CSystemd",
                "SyncEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "reportsyncd",
            dependencies: [
                "ReportCore",
                "SyncEngine",
                "SystemdService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "ParseBenchmark",
            dependencies: ["ReportCore", "ReportFixtures"],
            path: "Benchmarks/ParseBenchmark"
        ),
        .executableTarget(
            name: "IngestBenchmark",
            dependencies: [
                "SyncEngine", "ReportCore", "ReportFixtures",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Benchmarks/IngestBenchmark"
        ),
        .executableTarget(
            name: "ParserFuzz",
            dependencies: ["ReportCore", "ReportFixtures"],
            path: "Fuzz/ParserFuzz"
        ),
        .target(
            name: "ReportFixtures",
            dependencies: ["CZlib"],
            path: "Tests/ReportFixtures"
        ),
        .testTarget(
            name: "ReportCoreTests",
            dependencies: ["ReportCore", "ReportFixtures"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SyncEngineTests",
            dependencies: [
                "SyncEngine", "ReportCore", "ReportFixtures",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ArchitectureTests"),
        .testTarget(
            name: "reportsyncdTests",
            dependencies: [
                "reportsyncd", "ReportCore", "ReportFixtures", "SyncEngine", "SystemdService",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)
