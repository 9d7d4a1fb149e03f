import ArgumentParser
import Foundation
import PrivXAPI

/// Parses and runs a command, mapping failures to the documented exit codes and printing errors on stderr.
enum CommandRunner {
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try PrivXRolesCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as PrivXError {
            Output.error("error: " + error.description)
            return exitCode(for: error)
        } catch let error as RoleFileError {
            // Bad input in a role file, a manifest or a flag: nothing was sent.
            Output.error("error: " + error.description)
            return 2
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = PrivXRolesCommand.exitCode(for: error)
            let message = PrivXRolesCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.line(message) }
                return 0
            }
            Output.error(message)
            return 2
        }
    }

    /// Configuration and usage problems are 2; everything that reached (or tried to reach) the server is 1.
    static func exitCode(for error: PrivXError) -> Int32 {
        switch error {
        case .configuration, .insecureURL: return 2
        default: return 1
        }
    }
}
