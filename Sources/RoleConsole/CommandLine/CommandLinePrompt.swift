import Foundation
import TerminalUI

/// The `:` command line as a component: it owns the typed text and its completions (commands and role
/// names, read from the context's roles catalog), and turns Enter into a `Command` the core runs
/// (`Console.runCommand`: showing a screen or help, or running a screen key through the dispatcher).
public struct CommandLinePrompt: ConsoleComponent {
    /// The typed text and the completions Tab cycles through.
    public var line = CommandLineState()

    /// What a submitted line asks for.
    enum Command: Equatable {
        case show(ScreenKind)
        case help
        /// `:evaluate`: `v` on the roles screen.
        case evaluate
        /// `:quit`: `q`.
        case quit
        /// `:users`: `3`.
        case users
        /// `:rescan`: what the last AWS re-scan changed, whole.
        case rescanReport
        /// A role name: the roles screen with that role selected.
        case selectRole(id: String)
    }

    /// What a key did to the line.
    enum Outcome: Equatable {
        /// Still typing.
        case typing
        /// Closed without a command (Esc, an empty or unknown line).
        case closed
        /// Closed with a command to run.
        case run(Command)
    }

    static let commands = ["roles", "awsroles", "users", "log", "errors", "history", "rescan", "evaluate", "help", "quit"]

    /// A fresh line offering every command.
    init(_ context: ConsoleContext) {
        line.completions = Self.completions("", roles: context.roles)
    }

    /// A key in the line: typing, Tab completion, Enter (the command), Esc.
    mutating func key(_ key: Key, _ context: inout ConsoleContext) -> Outcome {
        let roles = context.roles
        switch line.apply(key, complete: { Self.completions($0, roles: roles) }) {
        case .submitted(let text):
            return command(text, &context).map(Outcome.run) ?? .closed
        case .cancelled:
            return .closed
        case nil:
            return .typing
        }
    }

    /// The line takes no result messages.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] { [] }

    /// Commands and role names that complete `text`.
    static func completions(_ text: String, roles: Catalog<RoleRow>) -> [String] {
        let lower = text.lowercased()
        var out = commands.filter { $0.hasPrefix(lower) }
        if !text.isEmpty {
            for row in roles.rows where row.role.name.lowercased().hasPrefix(lower) {
                out.append(row.role.name)
                if out.count >= 12 { break }
            }
        }
        return out
    }

    /// What `text` names; an unknown name says so and runs nothing.
    func command(_ text: String, _ context: inout ConsoleContext) -> Command? {
        let command = text.trimmingCharacters(in: .whitespaces)
        switch command.lowercased() {
        case "": return nil
        case "roles", "role", "r": return .show(.roles)
        case "awsroles", "aws", "awsrole": return .show(.awsRoles)
        case "users", "user", "u": return .users
        case "log": return .show(.log)
        case "errors", "error", "err": return .show(.errors)
        case "history", "hist": return .show(.history)
        case "rescan", "scan": return .rescanReport
        case "help", "h": return .help
        case "evaluate", "eval": return .evaluate
        case "quit", "q", "q!": return .quit
        default:
            let rows = context.roles.rows
            guard let row = rows.first(where: { $0.role.name == command })
                    ?? rows.first(where: { $0.role.name.lowercased() == command.lowercased() }) else {
                context.post(.warning, "Unknown command or role \u{201C}\(command)\u{201D}. Try \(Self.commands.map { ":" + $0 }.joined(separator: ", ")) or a role name (Tab completes).",
                             seconds: 6)
                return nil
            }
            return .selectRole(id: row.id)
        }
    }
}
