import Foundation

/// Finds executables built by `swift build` so end-to-end tests run the real binaries.
///
/// Looks next to the test bundle first (`CommandLine.arguments[0]` lives in the build directory), then in
/// `<package>/.build/debug/`. Build them first: `swift build --build-tests` builds every product.
enum TestBinaries {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of a built executable, or nil when it has not been built.
    static func path(of product: String) -> String? {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent(product))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug").appendingPathComponent(product))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
    }
}
