import PrivXAPI

/// One change this run made, as `:history` lists it and `u` reverts it.
public struct ChangeRecord: Sendable {
    /// What became of the change since.
    public enum Status: Sendable, Equatable {
        /// As made; `u` reverts the newest open change first.
        case open
        /// Reverted by `u` at this time (seconds since 1970).
        case undone(at: Double)
        /// Could not be undone, and the person chose to leave it so `u` reaches the change before it.
        case setAside(at: Double)
    }

    /// Numbered from 1 in the order the changes were made.
    public let number: Int
    /// When the server confirmed it (seconds since 1970).
    public let time: Double
    public let change: RecordedChange
    public var status: Status = .open
    /// The last undo attempt that did not go through, worded for a person (kept until the next attempt).
    public var note: String?

    /// True while `u` may still revert it (in order).
    public var isOpen: Bool { status == .open }
}

/// The kinds of change the console makes, each with what its undo needs, as read back from the server.
public enum RecordedChange: Sendable {
    /// A role saved from the form: the role before (as the form opened it) and as read back after.
    case roleEdit(before: Role, after: Role, fields: [String])
    /// The mapping of one AWS role (`m` on the AWS roles screen) and the mapping read back after it.
    case mapping(MappingPlan, after: [RoleRef])
    /// One role granted on or revoked from several AWS roles (`a` on the roles screen): only the targets written.
    case awsGrants(GrantPlan)
    /// Explicit grants of one role changed from the members or users screen: each user's grant before it.
    case memberGrants(RoleRef, [GranteeBefore])
    /// A role created from the form (`n`, `c`), as read back.
    case created(Role, copiedFrom: String?)
    /// A role deleted (`d`): its document read just before the DELETE (nil when that read failed), and the
    /// AWS roles that granted it then.
    case deletedRole(id: String, name: String, document: Role?, awsRoles: [String])
    /// PrivX's cached copy of an AWS role deleted (`d` on the AWS roles screen), with the roles it mapped.
    case deletedAWSRole(id: String, name: String, mapped: [String])
}

/// This run's changes, oldest first, and which undo is being answered. Kept by the core and reached by the
/// features through `ConsoleContext.record`: a change that arrives while an undo is answered is that undo, not a
/// new change (so `u` never undoes its own undo); `HistoryScreen.update` then marks the entry by the answer.
public struct ChangeHistory: Sendable {
    public private(set) var entries: [ChangeRecord] = []
    /// Undo writes in flight: the operation → the number of the change it reverts.
    var inFlight: [OperationID: Int] = [:]
    /// The change whose undo's answer is being routed right now (set by `Console.apply` around it).
    var answering: Int?
    /// The most changes kept (the oldest are dropped beyond it).
    static let limit = 1000

    public init() {}

    /// The newest change still open (what `u` offers), if any.
    public var newestOpen: ChangeRecord? { entries.last(where: \.isOpen) }

    /// The open change made just before `number`.
    func openBefore(_ number: Int) -> ChangeRecord? {
        entries.last { $0.isOpen && $0.number < number }
    }

    /// The change numbered `number`.
    public func entry(_ number: Int) -> ChangeRecord? { entries.first { $0.number == number } }

    /// Keeps a change the server confirmed (nothing while an undo is answered: that answer is the undo itself).
    mutating func record(_ change: RecordedChange, now: Double) {
        guard answering == nil else { return }
        entries.append(ChangeRecord(number: (entries.last?.number ?? 0) + 1, time: now, change: change))
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// Marks the change `number` undone (its undo held on the server).
    mutating func markUndone(_ number: Int, now: Double) {
        update(number) {
            $0.status = .undone(at: now)
            $0.note = nil
        }
    }

    /// Leaves the change `number` as it is, so `u` reaches the one before it.
    mutating func setAside(_ number: Int, now: Double) {
        update(number) { $0.status = .setAside(at: now) }
    }

    /// Notes why an undo of `number` did not go through (the entry stays open).
    mutating func note(_ number: Int, _ text: String) {
        update(number) { $0.note = text }
    }

    /// Remembers that the undo of `number` runs as the operation in `effects` (from `ConsoleContext.begin`).
    mutating func bind(_ effects: [Effect], to number: Int) {
        for case .tracked(let id, _) in effects { inFlight[id] = number }
    }

    private mutating func update(_ number: Int, _ body: (inout ChangeRecord) -> Void) {
        guard let index = entries.firstIndex(where: { $0.number == number }) else { return }
        body(&entries[index])
    }
}
