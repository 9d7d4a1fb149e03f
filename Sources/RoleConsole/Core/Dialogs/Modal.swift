import PrivXAPI
import RoleEditing
import TerminalUI

/// A question the console is waiting on.
public enum PendingConfirmation: Sendable, Hashable {
    case applyMapping(MappingPlan)
    case applyGrants(GrantPlan)
    case conflict(MappingPlan, current: [RoleRef])
    case deleteAWSRole(id: String, name: String)
    /// Delete a role; `typed` when the person must type its name (members or AWS grants).
    case deleteRole(id: String, name: String, detail: String, typed: Bool)
    case quit
    /// Ctrl-C with unsaved edits in the form: quit (the edits go to a recovery file) or keep working.
    case interrupt(roleName: String)
    /// Revoke one user's explicit grant of a role (`detail`: their grant and whether the rules map them too).
    case revokeGrant(RoleRef, Grantee, detail: String)
    /// Undo a change of this run (`u`, see `HistoryUndo`): the dialog names the change and how it is reverted.
    case undo(UndoOffer)
    /// A field both I and someone else changed, after the form reloaded the role (`position` of `total`):
    /// yes takes theirs, no keeps mine.
    case mergeConflict(RoleMerge.Conflict, position: Int, total: Int, roleName: String)
}

/// A modal layer over the screen; it gets every key while open.
public enum Modal: Sendable, Equatable {
    case help(offset: Int)
    /// A question (`ModalViews.question`) and its highlighted button.
    case confirm(PendingConfirmation, QuestionFocus)
    /// A destructive question answered by typing a name (the name typed so far in the focus).
    case typedConfirm(PendingConfirmation, QuestionFocus)
    case message(title: String, text: String, isError: Bool)
}
