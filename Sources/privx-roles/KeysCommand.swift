import ArgumentParser
import RoleConsole

/// Prints the console's key table from the action registry (the README's table is this output).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the console's key table.", shouldDisplay: false)

    @Flag(name: .long, help: "Markdown table (for the README).")
    var markdown = false

    func run() throws {
        if markdown {
            Output.line(KeyTable.markdown().trimmingCharacters(in: .newlines))
        } else {
            for action in ActionRegistry.all {
                Output.line(action.keyLabel.padding(toLength: 24, withPad: " ", startingAt: 0) + action.title)
            }
        }
    }
}
