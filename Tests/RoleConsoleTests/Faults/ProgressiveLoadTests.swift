import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Issue 15: over a slow link the first page of roles is on screen one round trip after login and the
/// table is usable (filter, sort, move) while the other pages are still on the wire; pages land into
/// the filtered, sorted view.
@Suite(.serialized) struct ProgressiveLoadTests {
    /// The rows a free-text filter keeps, computed the slow way.
    static func matching(_ rows: [RoleRow], _ text: String) -> [String] {
        rows.filter { row in ([row.role.name, row.role.comment ?? ""] + row.role.tags).contains { $0.lowercased().contains(text) } }.map(\.id)
    }

    /// True when the view is ascending by the name column (ties in server order).
    static func ascendingByName(_ catalog: Catalog<RoleRow>) -> Bool {
        let keys = catalog.view.map { catalog.rows[$0].sortValue(0) }
        return zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// A simulator with three pages of roles.
    nonisolated static func rig() async throws -> FaultRig {
        try await FaultRig.start(requestTimeout: 20, options: { $0.seed = .roles(3000) })
    }

    @MainActor @Test func firstPageIsOnScreenAndKeysActBeforeTheLastPageLands() async throws {
        let rig = try await Self.rig()
        // Every role-list request waits 5 s: the first page lands 5 s after login, the other two
        // (in flight together) 5 s later, which leaves the keys below time to act in between even when
        // every suite runs at once on two busy cores.
        var faults = FaultOptions()
        faults.pathPrefix = "/role-store/api/v1/roles"
        faults.methods = ["GET"]
        faults.latencyMilliseconds = 5000
        await rig.server.setFaults(faults)
        let terminal = MemoryTerminal(size: Size(width: 120, height: 30))
        let app = ConsoleApp(terminal: terminal, api: rig.client,
                             settings: ConsoleSettings(endpoint: "127.0.0.1", identity: "test", readOnly: false))
        let filter = "admins"   // in the first page (backup-admins, db-admins) and in later ones (linux-admins)
        var firstScreen = ""
        var rowsAtFirstFrame = 0
        var firstName = ""
        var filteredWhileLoading: (view: [String], expected: [String], sorted: Bool, rows: Int, loading: Bool)?
        let watcher = Task { @MainActor in
            while app.state.roles.list.catalog.rows.isEmpty { try? await Task.sleep(for: .milliseconds(5)) }
            let frames = terminal.frameCount
            while terminal.frameCount == frames { try? await Task.sleep(for: .milliseconds(5)) }
            firstScreen = terminal.screen.textLines().joined(separator: "\n")
            rowsAtFirstFrame = app.state.roles.list.catalog.rows.count
            firstName = app.state.roles.list.catalog.rows.first?.role.name ?? "?"
            // Filter, then sort by name, while the other pages are in flight.
            terminal.pendingKeys = [.character("/")] + filter.map { .character($0) } + [.enter, .character("s"), .character("j")]
            while !terminal.pendingKeys.isEmpty { try? await Task.sleep(for: .milliseconds(5)) }
            try? await Task.sleep(for: .milliseconds(100))
            let catalog = app.state.roles.list.catalog
            filteredWhileLoading = (catalog.view.map { catalog.rows[$0].id }.sorted(), Self.matching(catalog.rows, filter).sorted(),
                                    Self.ascendingByName(catalog), catalog.rows.count, app.state.roles.list.loading)
            while !app.state.roles.list.loaded { try? await Task.sleep(for: .milliseconds(20)) }
            terminal.pendingKeys = [.character("q")]
        }
        let status = await app.run(clock: { Date().timeIntervalSince1970 })
        await watcher.value
        #expect(status == 0)

        // The first page alone was drawn, with its rows and the progress in the status bar.
        #expect(rowsAtFirstFrame == 1000)
        #expect(!firstName.isEmpty && firstScreen.contains(firstName), "first frame with rows:\n\(firstScreen)")
        #expect(firstScreen.contains("loading 1000 of 3000 roles"), "progress in the status bar:\n\(firstScreen)")
        // The keys acted on the rows that had arrived, before the last page landed.
        let early = try #require(filteredWhileLoading)
        #expect(early.loading && early.rows == 1000, "the filter and sort ran while the rest was loading")
        #expect(!early.expected.isEmpty && early.view == early.expected)
        #expect(early.sorted)

        // Then the other pages landed into the same filtered, sorted view, in server order underneath.
        let catalog = app.state.roles.list.catalog
        let server = try await rig.client.allRoles()
        #expect(catalog.rows.map(\.id) == server.map(\.id))
        #expect(catalog.filterText == filter && catalog.sortColumn == 0)
        #expect(catalog.view.map { catalog.rows[$0].id }.sorted() == Self.matching(catalog.rows, filter).sorted())
        #expect(catalog.view.count > early.view.count)
        #expect(Self.ascendingByName(catalog))
        await rig.server.setFaults(FaultOptions())
        await rig.stop()
    }

    /// Messages in, state out: pages of a first load go into the table as they come; a reload keeps the
    /// rows on screen until the new set is whole; a failed first load keeps what arrived and the next
    /// load starts over.
    @Test func pagesFillAFirstLoadAndAReloadSwapsOnlyWhenWhole() {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        _ = Console.start(&state)
        let roles = Fixtures.roles
        let half = roles.count / 2
        _ = Console.update(&state, .rolesPage(Array(roles.prefix(half)), loaded: half, total: roles.count))
        #expect(state.roles.list.catalog.rows.count == half && state.roles.list.loading && !state.roles.list.loaded)
        #expect(ConsoleView.statusBar(state).right.map(\.text).joined().contains("loading \(half) of \(roles.count) roles"))
        Fixtures.press(&state, .character("j"))
        let selected = state.roles.list.selected?.id
        _ = Console.update(&state, .rolesPage(Array(roles.dropFirst(half)), loaded: roles.count, total: roles.count))
        #expect(state.roles.list.selected?.id == selected, "the selection stays on its row as a page lands")
        _ = Console.update(&state, .rolesLoaded(roles))
        #expect(state.roles.list.loaded && !state.roles.list.loading && state.roles.list.catalog.rows.map(\.id) == roles.map(\.id))

        // Reload: the page is not shown on its own, the whole new set replaces the old at the end.
        Fixtures.press(&state, .ctrl("r"))
        #expect(state.roles.list.loading)
        let renamed = roles.dropLast().map { role -> Role in
            var copy = role
            copy.comment = "reloaded"
            return copy
        }
        _ = Console.update(&state, .rolesPage(Array(renamed.prefix(2)), loaded: 2, total: renamed.count))
        #expect(state.roles.list.catalog.rows.count == roles.count && state.roles.list.catalog.rows.allSatisfy { $0.role.comment != "reloaded" })
        _ = Console.update(&state, .rolesLoaded(renamed))
        #expect(state.roles.list.catalog.rows.count == renamed.count && state.roles.list.catalog.rows.allSatisfy { $0.role.comment == "reloaded" })

        // A first load that fails half-way keeps its rows; the next load starts from its own first page.
        var failing = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        _ = Console.start(&failing)
        _ = Console.update(&failing, .rolesPage(Array(roles.prefix(half)), loaded: half, total: roles.count))
        _ = Console.update(&failing, .failed(.loadRoles, .connectionLost(method: "GET", path: "/roles", detail: "test")))
        #expect(!failing.roles.list.loading && !failing.roles.list.loaded && failing.roles.list.catalog.rows.count == half)
        Fixtures.press(&failing, .ctrl("r"))
        _ = Console.update(&failing, .rolesPage(Array(roles.suffix(2)), loaded: 2, total: 2))
        #expect(failing.roles.list.catalog.rows.map(\.id) == roles.suffix(2).map(\.id))
    }
}
