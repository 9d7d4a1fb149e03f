// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "privx-roles",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "privx-roles", targets: ["privx-roles"]),
        .executable(name: "privx-rolestore-sim", targets: ["privx-rolestore-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C shims: ncursesw (the only importer is TerminalUI's NcursesTerminal) and wcwidth.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CWidth", path: "Sources/CWidth", cSettings: [.define("_XOPEN_SOURCE", to: "700")]),

        .target(
            name: "PrivXAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                // SHA-256 for the PKCE challenge of the person login.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "RoleStoreSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA principal keys (generated, and read from imported PEMs).
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What an edit of a role may change and how it is checked: shared by the console's form and the headless commands.
        .target(name: "RoleEditing", dependencies: ["PrivXAPI"]),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "CWidth"]),
        .target(
            name: "RoleConsole",
            dependencies: [
                "TerminalUI", "PrivXAPI", "RoleEditing",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Writes BuildInfo.swift (VERSION + git commit) before every build, for `privx-roles --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        .executableTarget(
            name: "privx-roles",
            dependencies: [
                "RoleConsole", "RoleEditing", "TerminalUI", "PrivXAPI", "RoleStoreSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BuildInfo"]
        ),
        .executableTarget(name: "privx-widget-gallery", dependencies: ["TerminalUI"]),
        .executableTarget(
            name: "privx-bench",
            dependencies: [
                "RoleConsole", "RoleEditing", "TerminalUI", "PrivXAPI", "RoleStoreSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "privx-rolestore-sim",
            dependencies: [
                "RoleStoreSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "RoleStoreSimulatorTests", dependencies: [
            "RoleStoreSimulator",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "PrivXAPITests", dependencies: ["PrivXAPI", "RoleStoreSimulator"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], exclude: ["Golden"]),
        .testTarget(name: "RoleConsoleTests", dependencies: ["RoleConsole", "RoleEditing", "TerminalUI", "PrivXAPI", "RoleStoreSimulator"],
                    exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PrivXAPI", "RoleStoreSimulator"]),
    ],
    swiftLanguageModes: [.v6]
)
