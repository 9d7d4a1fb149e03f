/// The id of one running operation: the effect that does the work carries it (`Effect.tracked`) and its
/// answer comes back with it (`Message.finished`), so the operation ends where the answer arrives.
public struct OperationID: Hashable, Sendable, CustomStringConvertible {
    let raw: Int
    public var description: String { "op\(raw)" }
}

/// What an operation works on: a second operation on the same target is refused while the first runs,
/// so a double confirmation sends one write.
public enum OperationTarget: Hashable, Sendable {
    /// An AWS role: its mapping (`m`, undo, a conflict's retry) or deleting the cached AWS role.
    case awsRole(name: String)
    /// The AWS roles one PrivX role grants (`a`).
    case grantsOf(roleName: String)
    /// A PrivX role being deleted.
    case role(name: String)
    /// The open form's save (create or update; F2 then y, or o after a conflict).
    case roleForm
    /// `POST /roles/evaluate` (one at a time; its answer opens the inspector).
    case evaluation
    /// The AWS re-scan (`refresh=true`).
    case awsRescan
    /// The explicit grants of a PrivX role (add members, revoke, undo).
    case memberGrants(roleName: String)
    /// A write to a role's principal keys (generate with its wait, import, delete): one at a time per role.
    case principalKeys(roleName: String)

    /// What the status bar and the refusal call it.
    var kind: Operation.Kind {
        switch self {
        case .awsRole, .grantsOf, .role, .roleForm, .memberGrants, .principalKeys: .write
        case .evaluation: .evaluation
        case .awsRescan: .rescan
        }
    }

    /// The notice when a second request for this target arrives while the first runs (nil: ignored quietly).
    var duplicateNotice: (text: String, seconds: Double)? {
        switch self {
        case .awsRole(let name), .grantsOf(let name), .role(let name):
            ("A change to \(name) is still being written; nothing more was sent.", 6)
        case .memberGrants(let name):
            ("A change to the grants of \(name) is still being written; nothing more was sent.", 6)
        case .roleForm: ("A save is already in flight; nothing more was sent.", 4)
        case .evaluation: ("An evaluation is already running; its answer opens when it arrives.", 4)
        case .awsRescan: nil
        case .principalKeys(let name):
            ("A change to the principal keys of \(name) is still running (a new key is waited for until it is ready); nothing more was sent.", 6)
        }
    }
}

/// One operation in flight.
public struct Operation: Sendable, Hashable {
    /// What the status bar shows for it.
    public enum Kind: Sendable, Hashable {
        /// Changes server data: "applying", and quitting asks first.
        case write
        /// Waits for an answer that opens a view (the evaluate inspector).
        case evaluation
        /// The AWS re-scan: "re-scanning AWS".
        case rescan
    }

    public var id: OperationID
    public var target: OperationTarget
    public var kind: Kind { target.kind }
}

/// Every operation that writes or waits, by id: the one place that starts them, ends them and refuses a
/// duplicate for a target already in flight. The status bar and the quit question read it.
public struct Operations: Sendable {
    private var running: [OperationID: Operation] = [:]
    private var next = 1

    /// No operation in flight.
    public init() {}

    /// Starts an operation on `target`; nil when one on the same target is still running.
    public mutating func start(_ target: OperationTarget) -> OperationID? {
        guard !isRunning(target) else { return nil }
        let id = OperationID(raw: next)
        next += 1
        running[id] = Operation(id: id, target: target)
        return id
    }

    /// Ends an operation (its answer arrived); an unknown id is ignored.
    public mutating func end(_ id: OperationID) { running[id] = nil }

    /// True while an operation on `target` runs.
    public func isRunning(_ target: OperationTarget) -> Bool { running.values.contains { $0.target == target } }

    /// Writes in flight.
    public var writes: Int { running.values.filter { $0.kind == .write }.count }

    /// True while nothing runs.
    public var isEmpty: Bool { running.isEmpty }

    /// True while a write or the re-scan runs (the status bar spins).
    var spins: Bool { running.values.contains { $0.kind != .evaluation } }

    /// True while the re-scan runs.
    var rescanning: Bool { running.values.contains { $0.kind == .rescan } }
}
