// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .executable(name: "SwitchboardBench", targets: ["SwitchboardBench"]),
        .library(name: "ZendeskKit", targets: ["ZendeskKit"]),
        .library(name: "ConsonanceKit", targets: ["ConsonanceKit"]),
        .library(name: "WhatsAppKit", targets: ["WhatsAppKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.14.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
    ],
    targets: [
        .target(name: "LooseJSON"),
        .target(
            name: "SwitchboardCore",
            dependencies: [
                "LooseJSON", .product(name: "Yams", package: "Yams"), .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ConnectorKit",
            dependencies: [
                "LooseJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "ZendeskKit", dependencies: ["ConnectorKit"]),
        .target(name: "ConsonanceKit", dependencies: ["ConnectorKit", "LooseJSON"]),
        .target(name: "WhatsAppKit", dependencies: ["ConnectorKit", "LooseJSON"]),
        .target(
            name: "SwitchboardStore",
            dependencies: [
                "SwitchboardCore", "LooseJSON",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(
            name: "SwitchboardEngine",
            dependencies: [
                "SwitchboardCore", "SwitchboardStore", "ConnectorKit", "ZendeskKit", "ConsonanceKit", "WhatsAppKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SwitchboardServer",
            dependencies: [
                "SwitchboardEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardEngine", "SwitchboardServer", "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "SwitchboardTestSupport",
            dependencies: [
                "SwitchboardStore", "Sandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/SwitchboardTestSupport"
        ),
        .executableTarget(
            name: "SwitchboardBench",
            dependencies: [
                "SwitchboardEngine", "SwitchboardServer", "Sandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "LooseJSONTests", dependencies: ["LooseJSON"]),
        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"]),
        .testTarget(name: "ConnectorKitTests", dependencies: ["ConnectorKit"]),
        .testTarget(name: "ZendeskKitTests", dependencies: ["ZendeskKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ConsonanceKitTests", dependencies: ["ConsonanceKit"]),
        .testTarget(name: "WhatsAppKitTests", dependencies: ["WhatsAppKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SwitchboardStoreTests", dependencies: ["SwitchboardStore", "SwitchboardTestSupport"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(name: "SwitchboardEngineTests", dependencies: ["SwitchboardEngine", "SwitchboardServer", "Sandbox", "SwitchboardTestSupport"]),
        .testTarget(name: "SwitchboardCLITests", dependencies: ["switchboard", "Sandbox", "SwitchboardStore", "SwitchboardEngine", "ZendeskKit", "SwitchboardTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
