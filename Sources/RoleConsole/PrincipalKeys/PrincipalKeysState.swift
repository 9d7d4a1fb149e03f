import Foundation
import PrivXAPI
import TerminalUI

/// The principal keys of one role as a component (`K` on the roles screen): the keys with their ids as
/// `GET …/principalkeys` lists them, and the actions on them: generate (progress while PrivX works), import
/// from a file (path completed as typed), delete (asked first, naming the fingerprint) and copy the public
/// key line (OSC 52). Each write is asked about first, as every write of the console is. Its keys are
/// `PrincipalKeysKeys.table`; its results come through `update`.
public struct PrincipalKeysState: ConsoleComponent, Equatable {
    public var roleID: String
    public var roleName: String
    /// The keys as last read (a key being generated has an empty public key).
    public var keys: [PrincipalKey] = []
    /// True until the first list arrives, and while it is read again.
    public var loading = false
    public var table = TableState()
    public var mode: Mode = .list
    /// The generation in flight, for the progress line.
    public var generation: Generation?
    /// How long a generated key is waited for (the Terraform provider's 12 s, `PrincipalKeyGeneration`).
    public var waitSeconds = PrincipalKeyGeneration().bound

    /// What the panel shows over its list.
    public enum Mode: Sendable, Equatable {
        case list
        /// The import prompt: the typed path (completed as typed) and why the last Enter was refused.
        case importPath(CommandLineState, problem: String?)
        /// The question before a write.
        case confirm(KeyChange, QuestionFocus)
        /// The panel's keys (`?`), scrolled by `offset`.
        case help(offset: Int)
    }

    /// A write the panel asks about before sending it.
    public enum KeyChange: Sendable, Equatable {
        case generate
        case importFile(path: String)
        case delete(keyID: String, fingerprint: String)
    }

    /// A key being generated: nil `keyID` until PrivX answered the POST.
    public struct Generation: Sendable, Equatable {
        public var keyID: String?
        public var poll = 0
        public var waited = 0.0
    }

    /// A panel for `roleName` with nothing read yet.
    public init(roleID: String, roleName: String) {
        self.roleID = roleID
        self.roleName = roleName
    }

    /// The panel opened on a role: it shows it is loading and the keys are asked for.
    static func opening(roleID: String, roleName: String) -> (PrincipalKeysState, [Effect]) {
        var panel = PrincipalKeysState(roleID: roleID, roleName: roleName)
        let effects = panel.reload()
        return (panel, effects)
    }

    /// Reads the keys again.
    mutating func reload() -> [Effect] {
        loading = true
        return [.principalKeys(.load(roleID: roleID, roleName: roleName))]
    }

    /// The selected key, if any.
    public var selected: PrincipalKey? { keys.indices.contains(table.selected) ? keys[table.selected] : nil }

    // MARK: Actions (run by the entries of `PrincipalKeysKeys`)

    /// `n`: asks before asking PrivX for a new key pair.
    mutating func askToGenerate() { mode = .confirm(.generate, QuestionFocus()) }

    /// `i`: opens the import prompt.
    mutating func askForFile() {
        var line = CommandLineState()
        line.completions = PathCompletion.candidates("")
        mode = .importPath(line, problem: nil)
    }

    /// Enter in the import prompt: a path that names a file is asked about (the file is read only when the
    /// import is sent); otherwise the prompt stays with the path and says what is wrong.
    mutating func submitFile() {
        guard case .importPath(let line, _) = mode else { return }
        let typed = line.input.text.trimmingCharacters(in: .whitespaces)
        if let problem = PathCompletion.problem(typed) {
            mode = .importPath(line, problem: problem)
            return
        }
        mode = .confirm(.importFile(path: PathCompletion.expand(typed)), QuestionFocus())
    }

    /// `d`: asks before deleting the selected key (a key still being generated is named by its id).
    mutating func askToDelete() {
        guard let key = selected else { return }
        mode = .confirm(.delete(keyID: key.id, fingerprint: key.parsed?.fingerprint ?? "with id \(key.id)"), QuestionFocus())
    }

    /// A key of the question: y (or Enter on the confirm button) starts the write as the one operation on
    /// this role's keys; n/Esc sends nothing.
    mutating func answer(_ answer: Answer, _ context: inout ConsoleContext) -> [Effect] {
        guard case .confirm(let change, _) = mode else { return [] }
        mode = .list
        if answer == .yes { return start(change, &context) }
        switch change {
        case .generate: context.post(.info, "Nothing generated.")
        case .importFile: context.post(.info, "Nothing imported; the file was not read.")
        case .delete: context.post(.info, "Nothing deleted.")
        }
        return []
    }

    private mutating func start(_ change: KeyChange, _ context: inout ConsoleContext) -> [Effect] {
        let work: PrincipalKeysEffect = switch change {
        case .generate: .generate(roleID: roleID, roleName: roleName, waitSeconds: waitSeconds)
        case .importFile(let path): .importKey(roleID: roleID, roleName: roleName, path: path)
        case .delete(let keyID, let fingerprint): .delete(roleID: roleID, roleName: roleName, keyID: keyID, fingerprint: fingerprint)
        }
        let effects = context.begin(.principalKeys(roleName: roleName), .principalKeys(work))
        guard !effects.isEmpty else { return [] }
        switch change {
        case .generate: generation = Generation()
        case .importFile(let path): context.post(.info, "Importing the key in \(path) into \(roleName)…", seconds: 3)
        case .delete: break
        }
        return effects
    }

    /// `c`: puts the selected key's public key line on the clipboard (OSC 52, written by `ConsoleApp`).
    /// Only a line that reads as an SSH public key and holds no control character is sent, and only when
    /// its sequence fits the size terminals take.
    func copy(_ context: inout ConsoleContext) -> [Effect] {
        guard let key = selected else { return [] }
        let line = key.publicKey.trimmingCharacters(in: .whitespaces)
        guard key.isReady else {
            context.post(.warning, "The key \(key.id) is still being generated: there is no public key to copy yet.")
            return []
        }
        guard key.parsed != nil, !line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            context.post(.warning, "The key \(key.id) does not read as an SSH public key line; nothing was copied.")
            return []
        }
        // The tmux form is the longer one: checked with it, the copy fits either way.
        if case .failure(.tooLarge(let bytes)) = ClipboardSequence.osc52(line, tmux: true) {
            context.post(.warning, "The public key line is too long to copy through the terminal (\(bytes) bytes of OSC 52, "
                + "terminals take at most \(ClipboardSequence.maximumBytes)); nothing was copied. `privx-roles roles keys "
                + "\(roleName)` prints it.", seconds: 8)
            return []
        }
        context.post(.success, "Copied the public key \(key.parsed?.fingerprint ?? key.id) to the clipboard (OSC 52: the terminal "
            + "must allow clipboard writes; in tmux, allow-passthrough).", seconds: 6)
        return [.copyToClipboard(text: line)]
    }

    /// A key no entry binds: the list moves, the prompt edits and completes, help scrolls.
    mutating func key(_ key: Key, _ context: inout ConsoleContext) -> [Effect] {
        switch mode {
        case .list:
            let keys = self.keys
            _ = table.apply(key, rowCount: keys.count, identity: { keys.indices.contains($0) ? keys[$0].id : "" })
        case .importPath(var line, let problem):
            _ = line.apply(key, complete: { PathCompletion.candidates($0) })
            mode = .importPath(line, problem: problem)
        case .confirm:
            // The question takes its keys before the panel does (`Console.answerQuestion`).
            break
        case .help(let offset):
            switch key {
            case .down, .character("j"): mode = .help(offset: offset + 1)
            case .up, .character("k"): mode = .help(offset: max(0, offset - 1))
            case .pageDown, .character(" "): mode = .help(offset: offset + 10)
            case .pageUp: mode = .help(offset: max(0, offset - 10))
            default: break
            }
        }
        return []
    }

    // MARK: Results

    /// The keys read, a generation's progress, a change read back, or a failure (then the list is read
    /// again, so it shows what the server holds).
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .principalKeys(let result) where result.roleID == roleID:
            switch result {
            case .loaded(_, let keys):
                show(keys, select: nil)
            case .progress(_, let keyID, let poll, let waited):
                generation = Generation(keyID: keyID, poll: poll, waited: waited)
                if !keys.contains(where: { $0.id == keyID }) {
                    show(keys + [PrincipalKey(document: JSONObject(["id": .string(keyID), "public_key": .string("")]))], select: keyID)
                }
            case .changed(_, let change, let keys, _):
                if case .generated = change { generation = nil }
                context.post(.success, change.notice(roleName: roleName), seconds: 8)
                guard let keys else { return reload() }
                show(keys, select: change.keyID)
            }
        case .failed(.principalKeys(let job), let error) where job.roleName == roleName:
            loading = false
            if case .generate = job { generation = nil }
            // A failed import gives the typed path back, so fixing the file or the path loses nothing.
            if case .importKey(_, let path) = job, mode == .list {
                var line = CommandLineState()
                line.input.set(path)
                mode = .importPath(line, problem: "The import failed: \(Self.reason(error)) Enter tries again, Esc closes.")
            }
            if !job.isRead { return reload() }
        default:
            break
        }
        return []
    }

    /// True while the import path is typed in the bottom row (messages move to the status row meanwhile).
    var promptShown: Bool {
        if case .importPath = mode { return true }
        return false
    }

    /// Why PrivX refused: its answer's code, message and property (`PRIVATE_KEY_INVALID: … (property:
    /// private_key)`) rather than the whole call, so the panel can show the reason next to the typed path.
    static func reason(_ error: PrivXError) -> String {
        if case .http(let status, _, _, let body?) = error {
            var seen = Set<String>()
            let text = ([body.summary] + body.details.map(\.summary)).filter { !$0.isEmpty && seen.insert($0).inserted }
                .joined(separator: "; ")
            if !text.isEmpty { return "PrivX answered HTTP \(status): \(text)." }
        }
        return error.description
    }

    private mutating func show(_ keys: [PrincipalKey], select keyID: String?) {
        let previous = keyID ?? selected?.id
        self.keys = keys
        loading = false
        let position = previous.flatMap { id in keys.firstIndex { $0.id == id } } ?? min(table.selected, max(0, keys.count - 1))
        table.select(position, rowCount: keys.count, identity: { keys.indices.contains($0) ? keys[$0].id : "" })
    }

    /// `ED25519 256 SHA256:…`, or the id of a key without a readable public key.
    static func describe(_ key: PrincipalKey) -> String {
        guard let parsed = key.parsed else { return key.isReady ? "an unreadable key (id \(key.id))" : "key \(key.id) (generating)" }
        return "\(parsed.summary) \(parsed.fingerprint)"
    }
}
