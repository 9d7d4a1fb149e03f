import Foundation
import PrivXAPI
@testable import RoleEditing
import RoleStoreSimulator
import Testing
@testable import RoleConsole

/// "Updated by" and "Author" show names: a name as the server sent it, an id as the user's or API client's name
/// from `GET /users/{id}` (one call per id, in an effect), else the id.
@Suite struct UserNameTests {
    @Test func idsAreResolvedOnceAndNamesShownAsSent() async throws {
        try await SimulatorHarness.with { sim in
            let roles = try await sim.client.allRoles()
            let byUser = try #require(roles.first { role in
                guard let author = role.author else { return false }
                return RoleDraft.isUUIDShaped(author) && author != DemoCredentials.admin.apiClientID
            })
            let authorID = try #require(byUser.author)
            let expected = try await sim.client.user(id: authorID).displayName
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select(byUser.name)
            #expect(console.state.roles.userNames[authorID] == .resolved(expected))
            let text = DetailContent.lines(console.state, width: 100).map(\.plainText).joined(separator: "\n")
            #expect(console.state.roles.personName(authorID) == expected)
            #expect(text.contains("Author") && !text.contains(authorID), "the id is shown instead of the name: \(text)")

            // The same id again costs no call: nothing is pending and no look-up is asked for.
            var state = console.state
            #expect(Console.update(&state, .tick(state.now)).isEmpty)

            let builtIn = try #require(roles.first { $0.name == "privx-user" })
            await console.press(.character("/"), .escape)               // clears the filter
            await console.select(builtIn.name)
            let shown = DetailContent.lines(console.state, width: 100).map(\.plainText).joined(separator: "\n")
            #expect(shown.contains("Superuser"), "a name is shown as sent")
            #expect(console.state.roles.userNames["Superuser"] == nil, "a name is never looked up")
        }
    }

    @Test func withoutUsersViewTheIdIsShown() async throws {
        try await SimulatorHarness.with(DemoCredentials.viewer) { sim in
            let roles = try await sim.client.allRoles()
            let byUser = try #require(roles.first { role in
                guard let author = role.author else { return false }
                return RoleDraft.isUUIDShaped(author) && author != DemoCredentials.admin.apiClientID
            })
            let authorID = try #require(byUser.author)
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select(byUser.name)
            #expect(console.state.roles.userNames[authorID] == .unresolved)
            let text = DetailContent.lines(console.state, width: 100).map(\.plainText).joined(separator: "\n")
            #expect(text.contains(authorID), "\(text)")
            #expect(console.state.toasts.toasts.allSatisfy { !$0.message.contains("users") }, "a failed look-up is not an error to dismiss")
        }
    }

    @Test func theConflictDialogNamesWhoChangedTheRole() async throws {
        try await SimulatorHarness.with { sim in
            let console = try await RoleEditorSaveTests.saveOverSomeoneElsesChange(sim)
            guard case .conflict(_, let current)? = console.state.editor?.stage else { Issue.record("no conflict shown"); return }
            let who = try #require(current.updatedBy)
            #expect(who == DemoCredentials.admin.apiClientID)
            let name = try await sim.client.user(id: who).displayName
            #expect(console.state.roles.userNames[who] == .resolved(name))
            let screen = ConsoleView.render(console.state, glyphs: .unicode).0.textLines().joined(separator: "\n")
            #expect(screen.contains("changed on the server") && screen.contains("demo") && !screen.contains(who), "\(screen)")
        }
    }
}
