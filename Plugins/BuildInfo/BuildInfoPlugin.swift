import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` (the project version and the git commit) before every build, so
/// `privx-roles --version` says exactly what was built without anyone typing a commit hash.
///
/// The version lives in one place, the `VERSION` file at the package root (the Makefile's `make deb`
/// reads the same file). The commit comes from `git` at build time; a build from a tree without git
/// metadata says `unknown`. `scripts/build-info.sh` does the work and rewrites the file only when its
/// content changes, so an unchanged tree does not recompile the command target.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .prebuildCommand(
                displayName: "Generating BuildInfo.swift (VERSION + git commit)",
                executable: URL(filePath: "/bin/sh"),
                arguments: [
                    packageDirectory.appending(path: "scripts/build-info.sh").path(percentEncoded: false),
                    packageDirectory.path(percentEncoded: false),
                    outputDirectory.appending(path: "BuildInfo.swift").path(percentEncoded: false),
                ],
                outputFilesDirectory: outputDirectory
            ),
        ]
    }
}
