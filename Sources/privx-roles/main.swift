import Foundation

// Exit codes: 0 success, 1 API or network error, 2 usage or configuration error.
let exitStatus = await CommandRunner.run(Array(CommandLine.arguments.dropFirst()))
exit(exitStatus)
