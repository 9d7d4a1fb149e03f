import ArgumentParser

/// The interactive console's options; the console itself lands in a later build.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The interactive terminal console (the default when no subcommand is given)."
    )

    /// Which demo API client the console logs in as.
    enum DemoUser: String, ExpressibleByArgument, CaseIterable {
        case admin, viewer, mapper
    }

    @Flag(name: .long, help: "Run against an in-process simulator with seeded data.")
    var demo = false

    @Option(name: .customLong("demo-user"), help: "Demo API client: admin, viewer or mapper.")
    var demoUser: DemoUser = .admin

    @Option(name: .customLong("demo-size"), help: "Number of seeded roles in demo mode.")
    var demoSize: Int?

    @Flag(name: .customLong("read-only"), help: "Disable every action that changes data.")
    var readOnly = false

    @Flag(name: .customLong("no-color"), help: "No colors (NO_COLOR is honored too).")
    var noColor = false

    @Flag(name: .long, help: "ASCII borders instead of box-drawing characters.")
    var ascii = false

    @Flag(name: .long, help: "Enable mouse input.")
    var mouse = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        throw ValidationError("the interactive console is not part of this build yet; use a subcommand (see --help)")
    }
}
