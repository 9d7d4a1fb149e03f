import TerminalUI

/// A feature of the console as a component (bubbletea's nested model): a value that owns the feature's
/// state, whose key-table handlers act on it, and whose `update` takes the result messages of the
/// effects it asked for. `AppState` composes the components; the core only routes to them: a key
/// through `KeyDispatcher` (which refuses read-only and 403 keys before any handler runs), a result to
/// the component that owns it, an effect to `EffectRunner`.
protocol ConsoleComponent: Sendable {
    /// Takes a result message addressed to this component; returns the work to start.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect]
}

/// What a component may use of the shared core, passed explicitly instead of the whole `AppState`:
/// the clock, directory names, a read-only view of the roles, and the means to post a notice, record an error,
/// start an operation, ask a question or show a message, record a change for `:history` and note a 403. `AppState.run` builds it and writes back what the component changed.
struct ConsoleContext {
    /// Seconds since 1970, as of the last tick.
    let now: Double
    /// Directory id → name.
    let sourceNames: [String: String]
    /// The roles as loaded, read-only (role names for completion and lookup).
    let roles: Catalog<RoleRow>
    fileprivate(set) var toasts: ToastState
    fileprivate(set) var operations: Operations
    fileprivate(set) var errors: [ErrorEntry]
    /// The dialog layer: a component asks a question or shows a message through it (`ask`, `show`).
    fileprivate(set) var modal: Modal?
    /// This run's changes (`:history`), which `u` reverts newest first, from whichever feature made them.
    fileprivate(set) var history: ChangeHistory
    /// Actions the server refused with 403, with the missing permission.
    fileprivate(set) var unavailable: [ActionID: String]

    /// Shows a notice for `seconds` (errors stay until dismissed).
    mutating func post(_ kind: Toast.Kind, _ text: String, seconds: Double = 4) {
        _ = toasts.post(kind, text, now: now, seconds: seconds)
    }

    /// Keeps an error for `:errors` and shows it until dismissed.
    mutating func recordError(_ text: String) {
        keep(error: text)
        post(.error, text)
    }

    /// Keeps an error for `:errors` only (the feature shows it itself, e.g. in the form).
    mutating func keep(error text: String) {
        errors.append(ErrorEntry(time: now, text: text))
    }

    /// The notice for a request on a target already in flight.
    mutating func refuseDuplicate(_ target: OperationTarget) {
        if let notice = target.duplicateNotice { post(.info, notice.text, seconds: notice.seconds) }
    }

    /// Asks a question; its answer goes back to the feature that asked (`Console.confirmed`/`cancelled`).
    mutating func ask(_ pending: PendingConfirmation, typed: Bool = false) {
        modal = typed ? .typedConfirm(pending, QuestionFocus()) : .confirm(pending, QuestionFocus())
    }

    /// Shows a message box.
    mutating func show(title: String, text: String, isError: Bool) {
        modal = .message(title: title, text: text, isError: isError)
    }

    /// Drops the "Applying…" notices once a write has answered.
    mutating func dismissProgressNotices() {
        for toast in toasts.toasts where toast.kind == .info && toast.message.hasPrefix("Applying") {
            toasts.dismiss(id: toast.id)
        }
    }

    /// Keeps a change the server confirmed for `:history` and `u` (while an undo is answered, that undo is not a new change).
    mutating func record(_ change: RecordedChange) { history.record(change, now: now) }

    /// The undo of change `number` holds on the server: marks it undone and says so.
    mutating func undone(_ number: Int, note: String? = nil) {
        history.markUndone(number, now: now)
        let title = history.entry(number)?.title(now: now) ?? "#\(number)"
        let next = history.newestOpen.map { " u next offers #\($0.number)." } ?? ""
        post(note == nil ? .success : .warning, "Undone \(title)" + (note.map { " (\($0))" } ?? "") + "." + next, seconds: 8)
    }

    /// Binds the operation in `effects` to the change the form's save reverts (nil: an ordinary save).
    mutating func bindUndo(_ effects: [Effect], _ target: UndoTarget?) {
        if let target { history.bind(effects, to: target.number) }
    }

    /// The undo of change `number` did not go through: the change stays open with `why` on it in `:history`.
    mutating func notUndone(_ number: Int, _ why: String) { history.note(number, why) }

    /// Remembers that the server refused `action` for lack of `permission`: its keys, and every key needing only
    /// refused permissions, are then refused up front (`PermissionRefusals`).
    mutating func refuse(_ action: ActionID, permission: String) { PermissionRefusals.refuse(permission, action: action, in: &unavailable) }

    /// Starts `effect` as an operation on `target` (see `Console.begin`): a second request for a target
    /// in flight sends nothing and says so.
    mutating func begin(_ target: OperationTarget, _ effect: Effect) -> [Effect] {
        guard let id = operations.start(target) else {
            refuseDuplicate(target)
            return []
        }
        return [.tracked(id, effect)]
    }
}

/// A key handler that acts on one component and the shared context (lifted to a `KeyHandler` by `AppState.handler`).
typealias ComponentKeyHandler<C> = @Sendable (inout C, inout ConsoleContext, Key) -> [Effect]

extension AppState {
    /// The context handed to a component.
    var context: ConsoleContext {
        ConsoleContext(now: now, sourceNames: sourceNames, roles: roles.list.catalog, toasts: toasts, operations: operations, errors: errors,
                       modal: modal, history: history, unavailable: unavailable)
    }

    /// Writes back what a component did to the shared core.
    mutating func absorb(_ context: ConsoleContext) {
        toasts = context.toasts
        operations = context.operations
        errors = context.errors
        modal = context.modal
        history = context.history
        unavailable = context.unavailable
    }

    /// Runs `body` with the shared context only (a component's static start, the core's own operations).
    @discardableResult
    mutating func withContext<R>(_ body: (inout ConsoleContext) -> R) -> R {
        var context = self.context
        let result = body(&context)
        absorb(context)
        return result
    }

    /// Runs `body` on the component at `path` (when it is there) with the shared context; nil when it is not.
    @discardableResult
    mutating func run<C, R>(_ path: WritableKeyPath<AppState, C?>, _ body: (inout C, inout ConsoleContext) -> R) -> R? {
        guard var component = self[keyPath: path] else { return nil }
        var context = self.context
        let result = body(&component, &context)
        self[keyPath: path] = component
        absorb(context)
        return result
    }

    /// Runs `body` on the always-present component at `path` (a screen) with the shared context.
    @discardableResult
    mutating func run<C, R>(_ path: WritableKeyPath<AppState, C>, _ body: (inout C, inout ConsoleContext) -> R) -> R {
        var component = self[keyPath: path]
        var context = self.context
        let result = body(&component, &context)
        self[keyPath: path] = component
        absorb(context)
        return result
    }

    /// Routes a result message to the always-present component at `path`.
    mutating func route<C: ConsoleComponent>(_ message: Message, to path: WritableKeyPath<AppState, C>) -> [Effect] {
        run(path) { component, context in component.update(message, &context) }
    }

    /// A key-table handler acting on the always-present component at `path`.
    static func handler<C>(_ path: WritableKeyPath<AppState, C> & Sendable, _ body: @escaping ComponentKeyHandler<C>) -> KeyHandler {
        { state, key in state.run(path) { component, context in body(&component, &context, key) } }
    }

    /// Routes a result message to the component at `path` (ignored when it is closed).
    mutating func route<C: ConsoleComponent>(_ message: Message, to path: WritableKeyPath<AppState, C?>) -> [Effect] {
        run(path) { component, context in component.update(message, &context) } ?? []
    }

    /// A key-table handler acting on the component at `path` (the key does nothing when it is closed).
    static func handler<C>(_ path: WritableKeyPath<AppState, C?> & Sendable, _ body: @escaping ComponentKeyHandler<C>) -> KeyHandler {
        { state, key in state.run(path) { component, context in body(&component, &context, key) } ?? [] }
    }
}
