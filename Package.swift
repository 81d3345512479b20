// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "reportsyncd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reportsyncd", targets: ["reportsyncd"]),
        .executable(name: "reportsyncd-publish", targets: ["reportsyncd-publish"]),
        .executable(name: "reportsyncd-web", targets: ["reportsyncd-web"]),
        .library(name: "ReportCore", targets: ["ReportCore"]),
        .library(name: "SyncEngine", targets: ["SyncEngine"]),
        .library(name: "OfficeExport", targets: ["OfficeExport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
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
            name: "CLibZ",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "ReportCore",
            dependencies: [
                "CLibXML2",
                "CLibZ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(name: "CFileSystem"),
        .target(
            name: "SyncEngine",
            dependencies: [
                "ReportCore",
                "CFileSystem",
                .product(name: "CoreMetrics", package: "swift-metrics"),
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
        .target(
            name: "OfficeExport",
            dependencies: [
                "ReportCore",
                "SyncEngine",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "reportsyncd",
            dependencies: [
                "ReportCore",
                "SyncEngine",
                "SystemdService",
                "OfficeExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "reportsyncd-publish",
            dependencies: [
                "ReportCore",
                "SyncEngine",
                "SystemdService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "reportsyncd-web",
            dependencies: [
                "OfficeExport",
                "ReportCore",
                "SyncEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SystemPackage", package: "swift-system"),
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
            name: "ExportBenchmark",
            dependencies: ["OfficeExport", "SyncEngine", "ReportCore", "ReportFixtures"],
            path: "Benchmarks/ExportBenchmark"
        ),
        .executableTarget(
            name: "MirrorGenerator",
            dependencies: ["SyncEngine", "ReportCore", "ReportFixtures"],
            path: "Benchmarks/MirrorGenerator"
        ),
        .executableTarget(
            name: "ParserFuzz",
            dependencies: ["ReportCore", "ReportFixtures"],
            path: "Fuzz/ParserFuzz"
        ),
        .target(
            name: "ReportFixtures",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
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
                "reportsyncd", "reportsyncd-publish", "reportsyncd-web", "ReportCore", "ReportFixtures", "SyncEngine",
                "SystemdService",
                "OfficeExport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)
