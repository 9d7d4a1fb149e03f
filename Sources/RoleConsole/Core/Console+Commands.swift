import TerminalUI

/// The core's side of the `:` command line (`CommandLinePrompt`): a key goes to the line, and a
/// submitted command navigates or runs a screen key through the dispatcher's refusals like any key.
extension Console {
    /// A key while the command line is open.
    static func commandLineKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let outcome = state.run(\.commandLine, { line, context in line.key(key, &context) }) else { return [] }
        switch outcome {
        case .typing: return []
        case .closed: state.commandLine = nil; return []
        case .run(let command): state.commandLine = nil; return runCommand(&state, command)
        }
    }

    static func runCommand(_ state: inout AppState, _ command: CommandLinePrompt.Command) -> [Effect] {
        switch command {
        case .show(let screen): show(&state, screen)
        case .help: state.modal = .help(offset: 0)
        case .evaluate:
            show(&state, .roles)
            return perform(&state, ActionRegistry.action(.evaluateRole), key: .character("v"))
        case .quit: return perform(&state, ActionRegistry.action(.quit), key: .character("q"))
        case .users: return perform(&state, ActionRegistry.action(.showUsers), key: .character("3"))
        case .rescanReport: state.run(\.awsRoles) { awsRoles, context in awsRoles.showLastRescan(&context) }
        case .selectRole(let id):
            show(&state, .roles)
            if !state.roles.select(id: id) {
                _ = setFilter(&state, "", onlyIfActive: false)
                state.roles.select(id: id)
            }
        }
        return []
    }
}
