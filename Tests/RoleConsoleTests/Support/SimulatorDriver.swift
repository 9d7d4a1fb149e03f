import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI

/// A real simulator on a free loopback port and a real client logged in as one demo API client.
struct SimulatorHarness {
    let server: SimulatorServer
    let client: PrivXClient

    static func start(_ credential: DemoCredential = DemoCredentials.admin, seed: SimulatorSeed = .small,
                      configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> SimulatorHarness {
        var options = SimulatorOptions()
        options.seed = seed
        options.scanDelay = 0.05
        configure(&options)
        let server = try await SimulatorServer.start(options)
        let configuration = ClientConfiguration(
            baseURL: server.baseURL,
            credentials: .apiClient(oauthClientID: credential.oauthClientID, oauthClientSecret: credential.oauthClientSecret,
                                    apiClientID: credential.apiClientID, apiClientSecret: credential.apiClientSecret))
        return SimulatorHarness(server: server, client: try PrivXClient(configuration: configuration))
    }

    func stop() async {
        await client.shutdown()
        await server.stop()
    }

    /// Runs `body` and always stops the harness.
    static func with(_ credential: DemoCredential = DemoCredentials.admin, configure: (inout SimulatorOptions) -> Void = { _ in },
                     _ body: (SimulatorHarness) async throws -> Void) async throws {
        let harness = try await start(credential, configure: configure)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }
}

/// Drives the console core against a real API: keys and messages go through `Console.update`, effects
/// run through the real `EffectRunner`, and their results are fed back until nothing is left to do.
struct ConsoleDriver {
    var state: AppState
    let runner: EffectRunner
    let inbox: Inbox

    init(api: any RoleStoreAPI, readOnly: Bool = false, size: Size = Size(width: 100, height: 30)) {
        inbox = Inbox()
        runner = EffectRunner(api: api, inbox: inbox)
        state = AppState(settings: ConsoleSettings(endpoint: "127.0.0.1", identity: "test", readOnly: readOnly), size: size)
    }

    /// Loads everything, as the app does at start.
    mutating func start() async {
        await settle(Console.start(&state))
    }

    mutating func press(_ keys: Key...) async {
        for key in keys { await settle(Console.update(&state, .key(key))) }
    }

    mutating func type(_ text: String) async {
        for character in text { await settle(Console.update(&state, .key(.character(character)))) }
    }

    /// Performs effects and feeds their messages back until none remain.
    mutating func settle(_ effects: [Effect]) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            await runner.perform(effect)
            for message in inbox.drain() { queue += Console.update(&state, message) }
        }
    }

    /// Selects the row of the current list whose name is exactly `name` (through the `/` filter).
    mutating func select(_ name: String) async {
        await press(.character("/"))
        await type(name)
        await press(.enter)
        // The filter also keeps longer names (`db-admins-copy` for `db-admins`): walk to the exact one.
        guard state.screen == .roles, state.roles.list.selected?.role.name != name else { return }
        await press(.character("g"))
        for _ in state.roles.list.catalog.view.indices where state.roles.list.selected?.role.name != name {
            await press(.character("j"))
        }
    }
}
