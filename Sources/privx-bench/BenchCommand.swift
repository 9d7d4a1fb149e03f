import ArgumentParser

/// `privx-bench`: the performance benchmarks behind `make bench` (issue 7).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privx-bench",
        abstract: "Performance benchmarks of privx-roles against privx-rolestore-sim on loopback.",
        subcommands: [RunCommand.self, ConsoleLatencyCommand.self],
        defaultSubcommand: RunCommand.self)
}
