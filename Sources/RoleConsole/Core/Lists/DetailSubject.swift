import TerminalUI

extension AppState {
    /// What the detail pane shows: the screen and the id of its row (nil on screens without the pane).
    var detailSubject: String? {
        switch screen {
        case .roles: detailRole.map { "role " + $0.id }
        case .awsRoles: detailAWSRole.map { "aws " + $0.id }
        default: nil
        }
    }

    /// After every message: when the pane shows another row than its scroll position belongs to (a move,
    /// a filter, a reload that dropped the row, a click), it starts from the top of the new one.
    mutating func followDetailSubject() {
        let subject = detailSubject
        guard detail.subject != subject else { return }
        detail = DetailViewState()
        detail.subject = subject
    }
}
