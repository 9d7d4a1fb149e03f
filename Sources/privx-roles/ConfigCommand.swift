import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles config show`: the effective settings, secrets masked, and where each came from.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Inspect the configuration.",
                                                    subcommands: [ConfigShowCommand.self])
}

struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show",
                                                    abstract: "Show effective settings (secrets masked) and their origin.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let report = ConfigurationLoader.inspect(flags: connection.flags)
        for warning in report.warnings { Output.error(warning) }
        Output.line("config file: " + Self.fileLine(report))
        var rows = report.settings.map { [$0.name, $0.displayValue, $0.origin.description] }
        if report.settings.contains(where: { $0.name == "username" && $0.origin != .unset }) {
            rows.insert(passwordRow, at: (rows.firstIndex { $0[0] == "username" } ?? rows.count - 1) + 1)
        }
        Output.line(TableFormatter.table(headers: ["SETTING", "VALUE", "FROM"], rows: rows))
        if let problem = report.problem { throw problem }
    }

    /// Where the user's password will come from (never its value; it is never in the configuration).
    var passwordRow: [String] {
        if let fd = connection.passwordFD { return ["password", "read from file descriptor \(fd)", "flag --password-fd"] }
        if let value = ProcessInfoEnvironment.current[PasswordInput.environmentName], !value.isEmpty {
            return ["password", ConfigurationLoader.mask(value), "environment \(PasswordInput.environmentName)"]
        }
        return ["password", "asked on the terminal (no echo)", "default"]
    }

    /// The file that was read; one that was looked at but refused is named as refused (the reason follows
    /// on stderr), never as absent.
    static func fileLine(_ report: ConfigurationReport) -> String {
        if let file = report.configFile { return file }
        if let considered = report.consideredFile {
            return FileManager.default.fileExists(atPath: considered) ? "\(considered) (not used: refused, see the error below)"
                : "\(considered) (does not exist)"
        }
        return "(none: \(ConfigurationLoader.defaultConfigPath(environment: ProcessInfoEnvironment.current)) does not exist)"
    }
}
