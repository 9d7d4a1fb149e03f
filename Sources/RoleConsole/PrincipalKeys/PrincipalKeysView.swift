import PrivXAPI
import TerminalUI

/// Draws the principal keys panel over the screen body: a headline, the keys (type, fingerprint, comment,
/// id), the selected key's public line, the progress of a generation and the key line; the import prompt
/// in the bottom row (where the `:` command line goes, below the notices); the delete question and the
/// panel's help over it.
enum PrincipalKeysView {
    /// The inner area of the panel's bordered box.
    static func inside(_ body: Rect) -> Rect { body.inset(1).inset(left: 1, right: 1) }

    /// The keys table under the headline and above the three bottom lines; the render and
    /// `ConsoleView.settle` share it.
    static func tableArea(_ inside: Rect) -> Rect {
        Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: max(0, inside.height - 4))
    }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect, bottom: Rect) -> CursorRequest? {
        guard let panel = state.principalKeys else { return nil }
        let inside = Layout.bordered(&buffer, body, title: "Principal keys of \(sanitize(panel.roleName))", focused: true, padding: 0)
            .inset(left: 1, right: 1)
        guard inside.height >= 5 else { return nil }
        buffer.write(headline(panel), in: inside.row(0), style: .header)
        let keys = panel.keys
        let table = Table(columns: [TableColumn("Type", minWidth: 7, maxWidth: 12), TableColumn("Fingerprint (SHA256)", minWidth: 50, maxWidth: 50),
                                    TableColumn("Comment", minWidth: 7, maxWidth: 30), TableColumn("ID", minWidth: 8, maxWidth: 36)],
                          rowCount: keys.count, emptyText: panel.loading ? "Loading…" : "No keys. n generates one, i imports one.",
                          identity: { keys.indices.contains($0) ? keys[$0].id : "" }, row: { cells(keys[$0]) })
        var cursor = table.render(into: &buffer, in: tableArea(inside), state: panel.table)
        if let key = panel.selected {
            let line = key.isReady ? key.publicKey : "(PrivX is still generating this key pair)"
            buffer.write(spans: [TextRun("Public key ", .header), TextRun(sanitize(line), .muted)], in: inside.row(inside.height - 3))
        }
        if let generation = panel.generation {
            buffer.write(ConsoleView.spinner(state, buffer) + " " + progress(generation, bound: panel.waitSeconds), in: inside.row(inside.height - 2), style: .warning)
        }
        let place = PrincipalKeysKeys.place(panel)
        switch panel.mode {
        case .importPath(let line, let problem):
            if let problem {
                // The reason wraps upwards over the public key line (up to three rows), never cut mid-sentence
                // unless even three rows are too few.
                var lines = TextWidth.wrap(sanitize(problem), width: inside.width)
                if lines.count > 3 { lines = Array(lines.prefix(3)); lines[2] = TextWidth.truncate(lines[2] + " …", to: inside.width) }
                for (offset, text) in lines.enumerated() {
                    let row = inside.row(inside.height - 1 - lines.count + offset)
                    buffer.fill(row)
                    buffer.write(text, in: row, style: .warning)
                }
            }
            buffer.write(PrincipalKeysKeys.line(place), in: inside.row(inside.height - 1), style: .muted, alignment: .center)
            var shown = line
            shown.completions = line.completions.map { sanitize($0) }
            cursor = CommandLineView(prompt: "Private key file: ").render(into: &buffer, in: bottom, state: shown)
        case .confirm(let change, let dialog):
            buffer.write(PrincipalKeysKeys.line(place), in: inside.row(inside.height - 1), style: .muted, alignment: .center)
            cursor = question(change, panel).box(dialog).render(into: &buffer, in: body)
        case .help(let offset):
            HelpOverlay(items: PrincipalKeysKeys.helpItems(readOnly: state.settings.readOnly, unavailable: state.unavailable, held: state.session.permissions),
                        title: "Keys in Principal keys · ? or Esc closes").render(into: &buffer, in: body, offset: offset)
            cursor = nil
        case .list:
            buffer.write(PrincipalKeysKeys.line(place), in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        }
        return cursor
    }

    /// The question before a write: what it does on PrivX and on the hosts (a delete names the key and
    /// says that hosts keep it).
    static func question(_ change: PrincipalKeysState.KeyChange, _ panel: PrincipalKeysState) -> Question {
        let role = sanitize(panel.roleName)
        let guarding = { (what: String) in
            ChoiceGuard(permission: PrincipalKeysKeys.writePermission, needs: .managePrincipalKeys, refusedAs: what)
        }
        switch change {
        case .generate:
            return Question(.generateKey, title: "Generate principal key",
                            text: "Ask PrivX to generate a new key pair for \(role)? PrivX keeps the private half and places the "
                                + "public half on the role's target hosts. The key is listed as generating until it is ready "
                                + "(waited for up to \(Int(panel.waitSeconds.rounded())) s).",
                            choices: [Choice("y", "Generate", "generate the key pair", answer: .yes, guarding: guarding("Generating a key")),
                                      .cancel("nothing is sent")])
        case .importFile(let path):
            return Question(.importKey, title: "Import principal key",
                            text: "Import the private key in \(sanitize(path)) into \(role)? The file is read now and sent once; "
                                + "its text is not shown, logged or kept. PrivX places the public half on the role's target hosts.",
                            choices: [Choice("y", "Import", "import the key", answer: .yes, guarding: guarding("Importing a key")),
                                      .cancel("nothing is read or sent")])
        case .delete(let keyID, let fingerprint):
            return Question(.deleteKey, title: "Delete principal key",
                            text: "Delete the principal key \(fingerprint) (id \(keyID)) of \(role)?\n\n" + PrincipalKey.hostsKeepKey,
                            choices: [Choice("y", "Delete", "delete the key", answer: .yes, dangerous: true, guarding: guarding("Deleting a key")),
                                      .cancel("Keep", "keep it")],
                            irreversible: true)
        }
    }

    static func headline(_ panel: PrincipalKeysState) -> String {
        guard !panel.loading || !panel.keys.isEmpty else { return "Reading the keys…" }
        let count = panel.keys.count == 1 ? "1 key" : "\(panel.keys.count) keys"
        return "\(count) · PrivX places their public halves on the role's target hosts"
    }

    /// Type, fingerprint, comment, id of one key.
    static func cells(_ key: PrincipalKey) -> [String] {
        guard key.isReady else { return ["generating", "–", "", key.id] }
        guard let parsed = key.parsed else { return ["unreadable", "–", "", key.id] }
        return [parsed.summary, parsed.fingerprint, parsed.comment ?? "", key.id]
    }

    /// "Generating a key pair… key 1a2b3c4d, poll 3, 1.8 s (gives up after 12 s)".
    static func progress(_ generation: PrincipalKeysState.Generation, bound: Double) -> String {
        guard let keyID = generation.keyID else { return "Asking PrivX for a new key pair…" }
        let waited = (generation.waited * 10).rounded() / 10
        return "PrivX is generating key \(keyID.prefix(8)): \(generation.poll) polls, \(waited) s (gives up after \(Int(bound.rounded())) s)"
    }
}
