/// The detail pane lags a moving selection: while the person holds j/k or pages through the table the
/// pane keeps showing the row it showed, and follows once the selection has rested `settleSeconds`.
/// A move then rewrites only the two table rows (about 150 bytes instead of about 1 000 over SSH),
/// and the pane is redrawn once for the row the person stopped on.
public struct DetailHold: Sendable {
    /// How long the selection must rest before the pane follows (a demanding reader does not notice).
    public static let settleSeconds = 0.12

    /// The screen whose pane is held.
    public var screen: ScreenKind
    /// The row the pane keeps showing (nil: it showed none).
    public var role: RoleRow?
    public var awsRole: AWSRoleRow?
    /// When the selection last moved (the console's clock).
    public var movedAt: Double
    /// Moves so far while held; a key that does not move releases the hold.
    public var moves: Int
}

extension AppState {
    /// The role the roles detail pane shows: the held one while the selection moves, else the selection.
    public var detailRole: RoleRow? {
        if let hold = detailHold, hold.screen == .roles { return hold.role }
        return roles.selected
    }

    /// The AWS role the AWS roles detail pane shows (held while the selection moves).
    public var detailAWSRole: AWSRoleRow? {
        if let hold = detailHold, hold.screen == .awsRoles { return hold.awsRole }
        return awsRoles.list.selected
    }

    /// Holds the pane on what it showed before a move of the table selection on a two-pane screen.
    mutating func holdDetailForMove(shownRole: RoleRow?, shownAWSRole: AWSRoleRow?) {
        if var hold = detailHold, hold.screen == screen {
            hold.movedAt = now
            hold.moves += 1
            detailHold = hold
        } else {
            detailHold = DetailHold(screen: screen, role: shownRole, awsRole: shownAWSRole, movedAt: now, moves: 1)
        }
    }

    /// Lets the pane follow the selection once it has rested; called on every clock tick.
    mutating func settleDetail(now: Double) {
        if let hold = detailHold, now - hold.movedAt >= DetailHold.settleSeconds { detailHold = nil }
    }
}
