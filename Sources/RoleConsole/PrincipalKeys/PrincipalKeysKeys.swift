import TerminalUI

/// Where the keyboard is in the principal keys panel.
public enum PrincipalKeysPlace: Hashable, Sendable, CaseIterable {
    /// The list with a key selected.
    case list
    /// No key listed (none yet, or still loading).
    case empty
    /// The import prompt (typed path).
    case importPath
    /// The question before a write (generate, import, delete).
    case confirm
    /// The panel's key help.
    case help
}

/// `K` on the roles screen, and the panel's own keys: one table that `KeyDispatcher` runs (refusing the
/// writes in `--read-only` and after the server refused roles-manage) and the hint bar, the key line in the
/// panel and its `?` help are made from. A key without a handler belongs to the panel (`PrincipalKeysState.key`).
enum PrincipalKeysKeys {
    /// What the writes need (docs/role-store-evidence.md, "Principal keys": a key is part of its role).
    static let writePermission = "roles-manage"

    /// `K` on the roles screen.
    static let open = ActionRegistry.action(.principalKeys, "Principal keys of the role: list, generate, import, delete, copy (OSC 52)",
               [.character("K")], label: "K", screens: [.roles], permission: "roles-view", group: "Roles", hint: "keys") { state, _ in
            guard let row = state.roles.list.selected else { return [] }
            let (panel, effects) = PrincipalKeysState.opening(roleID: row.id, roleName: row.role.name)
            state.principalKeys = panel
            return effects
        }

    static let listed: Set<PrincipalKeysPlace> = [.list, .empty]

    /// A write of the panel: refused in read-only mode and once the server refused roles-manage.
    static func write(_ keys: [Key], _ label: String, _ title: String, hint: (String, String)?, group: String = "Principal keys",
                      places: Set<PrincipalKeysPlace>, confirmation: ConfirmationLevel = .none, refusedAs: String,
                      run: @escaping ComponentKeyHandler<PrincipalKeysState>) -> KeyEntry<PrincipalKeysPlace> {
        KeyEntry(keys, label, title, hint: hint, group: group, places: places, mutating: true, confirmation: confirmation,
                 permission: writePermission, needs: .managePrincipalKeys, refusedAs: refusedAs, run: AppState.handler(\.principalKeys, run))
    }

    static let table: [KeyEntry<PrincipalKeysPlace>] = [
        KeyEntry([.down, .up, .character("j"), .character("k"), .pageDown, .pageUp, .home, .end], "↑/↓ j/k", "Move in the keys",
                 hint: ("↑/↓", "move"), group: "Principal keys", places: [.list]),
        write([.character("n")], "n", "Generate a new key pair (asks first; PrivX makes it, the list follows until it is ready)",
              hint: ("n", "generate"), places: listed, confirmation: .confirm, refusedAs: "Generating a key") { panel, _, _ in
            panel.askToGenerate()
            return []
        },
        write([.character("i")], "i", "Import a private key from a file (PEM; the path completes as typed; asks first)",
              hint: ("i", "import"), places: listed, confirmation: .confirm, refusedAs: "Importing a key") { panel, _, _ in
            panel.askForFile()
            return []
        },
        write([.character("d"), .delete], "d Del", "Delete the selected key (asks first; target hosts keep it)",
              hint: ("d", "delete"), places: [.list], confirmation: .dangerous, refusedAs: "Deleting a key") { panel, _, _ in
            panel.askToDelete()
            return []
        },
        KeyEntry([.character("c"), .character("y")], "c y", "Copy the public key line to the clipboard (OSC 52)", hint: ("c", "copy"),
                 group: "Principal keys", places: [.list], run: AppState.handler(\.principalKeys) { panel, context, _ in panel.copy(&context) }),
        KeyEntry([.character("r"), .ctrl("r")], "r ctrl-r", "Read the keys again", hint: ("r", "reload"), group: "Principal keys",
                 places: listed, run: AppState.handler(\.principalKeys) { panel, _, _ in panel.reload() }),
        KeyEntry([.character("?"), .function(1)], "? F1", "The panel's keys", hint: ("?", "help"), group: "Principal keys",
                 places: listed, run: AppState.handler(\.principalKeys) { panel, _, _ in
            panel.mode = .help(offset: 0)
            return []
        }),
        KeyEntry([.escape, .character("q"), .character("K")], "Esc q K", "Close the panel", hint: ("Esc", "close"), group: "Principal keys",
                 places: listed) { state, _ in
            // Closing is the parent's: the composition drops the component (a write in flight still finishes and is announced).
            state.principalKeys = nil
            return []
        },

        KeyEntry([.character("x")], "type", "Type the path of the private key file", hint: ("type", "path"), group: "Import", places: [.importPath]),
        KeyEntry([.tab, .backTab], "Tab", "Complete the path (again: the next match)", hint: ("Tab", "complete"), group: "Import",
                 places: [.importPath]),
        write([.enter], "Enter", "Import the key in the file (asks first; read when sent, never shown or kept)", hint: ("Enter", "import"),
              group: "Import", places: [.importPath], confirmation: .confirm, refusedAs: "Importing a key") { panel, _, _ in
            panel.submitFile()
            return []
        },
        KeyEntry([.escape], "Esc", "Cancel the import", hint: ("Esc", "cancel"), group: "Import", places: [.importPath],
                 run: AppState.handler(\.principalKeys) { panel, _, _ in
            panel.mode = .list
            return []
        }),

        // The question before a write takes its own keys (`PrincipalKeysView.question`, answered by `Console.answerQuestion`).

        KeyEntry([.down, .up, .pageDown, .pageUp], "↑/↓ PgUp/PgDn", "Scroll", hint: ("↑/↓", "scroll"), group: "Help", places: [.help]),
        KeyEntry([.escape, .character("?"), .character("q"), .enter, .function(1)], "Esc ? q Enter", "Close help", hint: ("Esc", "close"),
                 group: "Help", places: [.help], run: AppState.handler(\.principalKeys) { panel, _, _ in
            panel.mode = .list
            return []
        }),
    ]

    /// Where the panel's keyboard is.
    static func place(_ panel: PrincipalKeysState) -> PrincipalKeysPlace {
        switch panel.mode {
        case .list: panel.keys.isEmpty ? .empty : .list
        case .importPath: .importPath
        case .confirm: .confirm
        case .help: .help
        }
    }

    /// The panel's keys as one line (inside its box).
    static func line(_ place: PrincipalKeysPlace) -> String { KeyEntry.line(KeyEntry.hinted(table, at: place)) }

    /// Hint bar items for the panel: a write greyed "read-only" or "needs roles-manage" when the dispatcher would refuse it.
    static func hints(_ place: PrincipalKeysPlace, readOnly: Bool, unavailable: [ActionID: String], held: Set<String>? = nil) -> [KeyHint] {
        KeyEntry.hints(table, at: place) { entry in
            KeyDispatcher.refusal(mutating: entry.mutating, needs: entry.needs, readOnly: readOnly, unavailable: unavailable,
                                  permissions: entry.permissionNames, held: held)
                .map { _ in entry.mutating && readOnly ? "read-only" : "needs \(writePermission)" }
        }
    }

    /// The help's items: the list's keys and the import prompt's, greyed with the dispatcher's reason.
    static func helpItems(readOnly: Bool, unavailable: [ActionID: String], held: Set<String>? = nil) -> [ActionItem] {
        table.filter { !$0.places.isDisjoint(with: [.list, .empty, .importPath]) }.map { entry in
            let reason = KeyDispatcher.refusal(mutating: entry.mutating, needs: entry.needs, readOnly: readOnly, unavailable: unavailable,
                                               permissions: entry.permissionNames, held: held)
            return ActionItem(keys: entry.label, title: entry.title, enabled: reason == nil, reason: reason, group: entry.group)
        }
    }
}
