import TerminalUI

/// The detail pane lags a moving selection: while the person holds j/k or pages through the table the
/// pane keeps showing the row it showed, and follows once the selection has rested `settleSeconds`.
/// A move then rewrites only the two table rows (about 150 bytes instead of about 1 000 over SSH),
/// and the pane is redrawn once for the row the person stopped on.
public enum DetailHold {
    /// How long the selection must rest before the pane follows (a demanding reader does not notice).
    public static let settleSeconds = 0.12

    /// A held pane of one screen.
    public struct Held<Row: Sendable>: Sendable {
        /// The row the pane keeps showing (nil: it showed none).
        public var row: Row?
        /// When the selection last moved (the console's clock).
        public var movedAt: Double
        /// Moves so far while held; a key that does not move releases the hold.
        public var moves: Int
    }
}

/// A list screen with a detail pane beside its table (the roles and the AWS roles screens): its list, the
/// pane's scroll request and the hold. The move logic is shared; each screen component conforms.
protocol TwoPaneScreen {
    associatedtype Row: CatalogRow
    var list: ListPane<Row> { get set }
    /// The detail pane's scroll request and pending search (settled at render time).
    var detail: DetailViewState { get set }
    /// Set while the table selection moves: the pane keeps its row until the selection rests.
    var hold: DetailHold.Held<Row>? { get set }
}

extension TwoPaneScreen {
    /// The row the detail pane shows: the held one while the selection moves, else the selection.
    var shown: Row? {
        if let hold { return hold.row }
        return list.selected
    }

    /// A move of the table selection (a logical position; the view scrolls): the pane starts at its top
    /// and keeps showing what it showed until the selection rests.
    mutating func moveSelection(_ key: Key, now: Double) {
        let shown = self.shown
        let catalog = list.catalog
        guard list.table.apply(key, rowCount: catalog.view.count, identity: { catalog.id(at: $0) }) else { return }
        detail = DetailViewState()
        if var held = hold {
            held.movedAt = now
            held.moves += 1
            hold = held
        } else {
            hold = DetailHold.Held(row: shown, movedAt: now, moves: 1)
        }
    }

    /// Lets the pane follow the selection once it has rested; called on every clock tick.
    mutating func settleHold(now: Double) {
        if let held = hold, now - held.movedAt >= DetailHold.settleSeconds { hold = nil }
    }

    /// Releases a hold that `moves` did not add to (any key but another table move lets the pane catch up).
    mutating func release(unlessMovedSince moves: Int?) {
        if let moves, hold?.moves == moves { hold = nil }
    }
}

extension AppState {
    /// The role the roles detail pane shows: the held one while the selection moves, else the selection.
    public var detailRole: RoleRow? { roles.shown }

    /// The AWS role the AWS roles detail pane shows (held while the selection moves).
    public var detailAWSRole: AWSRoleRow? { awsRoles.shown }

    /// The detail pane of the two-pane screen on top (the roles screen's under the other screens).
    public var detail: DetailViewState {
        get { screen == .awsRoles ? awsRoles.detail : roles.detail }
        set { if screen == .awsRoles { awsRoles.detail = newValue } else { roles.detail = newValue } }
    }

    /// True while a detail pane waits for its selection to rest (the run loop ticks faster meanwhile).
    public var holdingDetail: Bool { roles.hold != nil || awsRoles.hold != nil }
}
