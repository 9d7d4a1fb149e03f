import ArgumentParser
import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI

/// Hidden child: loads every role and AWS role from a simulator into the console's state, reports RSS,
/// then times keys through `Console.update` + `ConsoleView.render` + `MemoryTerminal.draw`.
struct ConsoleLatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console-latency",
                                                    abstract: "Child process: console memory and interaction latency.",
                                                    shouldDisplay: false)

    @Option(help: "Simulator base URL (plain HTTP on loopback).")
    var url: String

    @Option(help: "Repetitions of the cheap interactions (sort runs a twentieth as often).")
    var repetitions = 400

    func run() async throws {
        guard let admin = DemoCredentials.named("admin") else { throw BenchError("the simulator has no demo admin client") }
        let configuration = ClientConfiguration(
            baseURL: url,
            credentials: .apiClient(oauthClientID: admin.oauthClientID, oauthClientSecret: admin.oauthClientSecret,
                                    apiClientID: admin.apiClientID, apiClientSecret: admin.apiClientSecret))
        let client = try PrivXClient(configuration: configuration)
        let roles: [Role]
        let awsRoles: [AWSRole]
        do {
            roles = try await client.allRoles()
            awsRoles = try await client.awsRoles(refresh: false)
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw error
        }
        await Self.measure(roles: roles, awsRoles: awsRoles, repetitions: repetitions)
    }

    /// Builds the console state on the main actor (the terminal lives there) and prints the figures.
    @MainActor
    static func measure(roles: [Role], awsRoles: [AWSRole], repetitions: Int) {
        let terminal = MemoryTerminal(size: Size(width: 120, height: 40))
        var state = AppState(settings: ConsoleSettings(endpoint: "bench", identity: "bench", readOnly: true), size: terminal.size)
        _ = Console.start(&state)
        _ = Console.update(&state, .rolesLoaded(roles))
        _ = Console.update(&state, .awsRolesLoaded(awsRoles, rescanned: false))
        let rowCount = state.roles.list.catalog.rows.count
        print("memory \(rowCount) \(awsRoles.count) \(ProcFile.residentMiB()) \(ProcFile.peakResidentMiB())")
        let (buffer, cursor) = ConsoleView.render(state, glyphs: terminal.glyphs)
        terminal.draw(buffer, cursor: cursor)

        var probe = LatencyProbe(state: state, terminal: terminal)
        for stats in probe.measureAll(rows: rowCount, repetitions: repetitions) { print(stats.line) }
    }
}

/// Feeds keys through the console's whole update + render path and times each.
@MainActor
struct LatencyProbe {
    var state: AppState
    let terminal: MemoryTerminal
    private let clock = ContinuousClock()

    init(state: AppState, terminal: MemoryTerminal) {
        self.state = state
        self.terminal = terminal
    }

    /// One key through update, render and draw.
    mutating func press(_ key: Key) -> Duration {
        let start = clock.now
        _ = Console.update(&state, .key(key))
        let (buffer, cursor) = ConsoleView.render(state, glyphs: terminal.glyphs)
        terminal.draw(buffer, cursor: cursor)
        return clock.now - start
    }

    /// One clock tick through update, render and draw (the detail pane follows a rested selection here).
    mutating func tick(_ now: Double) -> Duration {
        let start = clock.now
        _ = Console.update(&state, .tick(now))
        let (buffer, cursor) = ConsoleView.render(state, glyphs: terminal.glyphs)
        terminal.draw(buffer, cursor: cursor)
        return clock.now - start
    }

    /// Every interaction the issue names, in an order that leaves each starting state the same.
    mutating func measureAll(rows: Int, repetitions: Int) -> [LatencyStats] {
        var results: [LatencyStats] = []

        var moves: [Duration] = []
        for index in 0..<repetitions { moves.append(press(index < repetitions / 2 ? .down : .up)) }
        results.append(LatencyStats(name: "selection-move", rows: rows, durations: moves))

        // The detail pane follows once the selection rests: a move, then the tick that lets it follow.
        var follows: [Duration] = []
        var now = state.now
        for index in 0..<repetitions / 2 {
            _ = press(index % 2 == 0 ? .down : .up)
            now += 1
            follows.append(tick(now))
        }
        results.append(LatencyStats(name: "detail-follow", rows: rows, durations: follows))

        var pages: [Duration] = []
        for _ in 0..<repetitions / 2 { pages.append(press(.pageDown)) }
        _ = press(.home)
        for _ in 0..<repetitions / 2 { pages.append(press(.pageDown)) }
        _ = press(.home)
        results.append(LatencyStats(name: "page-down", rows: rows, durations: pages))

        var details: [Duration] = []
        for index in 0..<repetitions / 2 {
            details.append(press(.tab))
            _ = press(.tab)
            _ = press(index % 2 == 0 ? .down : .up)
        }
        results.append(LatencyStats(name: "open-detail", rows: rows, durations: details))

        var filter: [Duration] = []
        _ = press(.character("/"))
        let word = Array("linux")
        while filter.count < repetitions {
            for character in word { filter.append(press(.character(character))) }
            for _ in word { filter.append(press(.backspace)) }
        }
        _ = press(.escape)
        results.append(LatencyStats(name: "filter-keystroke", rows: rows, durations: filter))

        var sorts: [Duration] = []
        for _ in 0..<max(12, repetitions / 20) { sorts.append(press(.character("s"))) }
        results.append(LatencyStats(name: "sort-change", rows: rows, durations: sorts))
        return results
    }
}
