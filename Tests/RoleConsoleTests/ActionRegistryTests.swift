import Foundation
import RoleConsole
import TerminalUI
import Testing

@Suite struct ActionRegistryTests {
    @Test func noKeyIsBoundTwiceOnAScreen() {
        for screen in ScreenKind.allCases {
            var seen: [Key: ActionID] = [:]
            for action in ActionRegistry.all where action.applies(to: screen) {
                for key in action.keys {
                    #expect(seen[key] == nil, "\(key.name) is bound to \(seen[key].map { "\($0)" } ?? "") and \(action.id) on \(screen)")
                    seen[key] = action.id
                }
            }
        }
    }

    @Test func everyChangingActionAsksAndNamesItsPermission() {
        for action in ActionRegistry.all where action.mutating {
            #expect(action.confirmation != .none)
            #expect(action.permission != nil)
        }
    }

    @Test func hintsGreyOutChangingActionsInReadOnlyMode() {
        let items = ActionRegistry.items(for: .awsRoles, readOnly: true, unavailable: [:], hintsOnly: false)
        let disabled = items.filter { !$0.enabled }
        #expect(disabled.count == 3)   // map roles, delete, undo
        #expect(disabled.allSatisfy { $0.reason?.contains("--read-only") == true })
    }

    /// The docs' key table is the registry's output, byte for byte (regenerate with `privx-roles keys --markdown`).
    @Test func documentedKeyTableMatchesTheRegistry() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var checked = 0
        for name in ["README.md"] {
            guard let text = try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8),
                  let table = KeyTable.extract(from: text) else { continue }
            #expect(table == KeyTable.markdown(), "\(name)'s key table is stale: paste `privx-roles keys --markdown` between the markers")
            checked += 1
        }
        #expect(checked >= 1, "README.md must hold the generated key table between its markers")
    }
}
