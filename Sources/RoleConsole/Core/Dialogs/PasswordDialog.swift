import PrivXAPI
import TerminalUI

/// The password dialog: a person's session could not be renewed (or the last password was wrong), and the
/// request that needed the login waits for it. It lies over everything on screen; the form, the inspector
/// and any other dialog stay open below it with every unsaved edit. The typed password is a `SecretText`:
/// masked on screen, redacted in every description, wiped once handed to the login or on Esc.
public struct PasswordDialog: Sendable, Equatable {
    /// Whose password and why it is asked.
    public var request: PasswordRequest
    /// What was typed (never drawn, only its mask).
    public var secret = SecretText()
    /// A line under the input, e.g. that Enter needs a password first.
    public var note: String?

    /// A dialog for `request`.
    public init(request: PasswordRequest) {
        self.request = request
    }

    /// Why the dialog is open, in a person's words.
    var message: String {
        let user = sanitize(request.user)
        switch request.reason {
        case .sessionExpired:
            return "Your PrivX session has ended: the server did not renew it. Log in again as \(user) to carry on; "
                + "what was waiting resumes once you are in, and your edits stay as they are."
        case .wrongPassword(let attempt):
            return "The user name or password was not accepted; try again (attempt \(attempt) of 3). Your edits stay as they are."
        case .firstLogin:
            return "PrivX needs the password of \(user) to carry on. Your edits stay as they are."
        }
    }
}

/// Draws the password dialog: the reason, the masked input and the dialog's keys from `ModalKeys`.
enum PasswordDialogView {
    static func render(_ dialog: PasswordDialog, into buffer: inout ScreenBuffer, _ area: Rect) -> CursorRequest {
        let width = min(area.width, 62)
        let textWidth = max(1, width - 4)
        let prompt = "Password for \(sanitize(dialog.request.user)):"
        var message = TextWidth.wrap(dialog.message, width: textWidth)
        // The input, its prompt, the keys and the borders always show; the explanation gets what is left.
        let fixed = 2 + 1 + 1 + 1 + (dialog.note == nil ? 0 : 1)
        message = Array(message.prefix(max(1, area.height - fixed)))
        let box = area.centered(width: width, height: min(area.height, message.count + fixed))
        let inside = Layout.bordered(&buffer, box, title: "Log in to PrivX", focused: true, padding: 0).inset(left: 1, right: 1)
        var row = 0
        for line in message where row < inside.height - 3 {
            buffer.write(line, in: inside.row(row), style: dialog.request.reason == .sessionExpired ? .normal : .warning)
            row += 1
        }
        let input = inside.row(row)
        buffer.fill(input)
        let used = buffer.write(prompt + " ", x: input.x, y: input.y, style: .header, clip: input)
        let field = Rect(x: input.x + used, y: input.y, width: max(1, input.width - used), height: 1)
        buffer.fill(field, style: .focus)
        let glyph = buffer.glyphs.asciiOnly ? "*" : "\u{2022}"
        // The mask grows with what was typed, cut at the field's width: the characters themselves are never drawn.
        let mask = String(dialog.secret.mask(glyph).suffix(max(0, field.width - 1)))
        let masked = buffer.write(mask, x: field.x, y: field.y, style: .focus, clip: field)
        if let note = dialog.note { buffer.write(note, in: inside.row(row + 1), style: .warning) }
        // Enter and Esc in the box (typing needs no saying there); the hint bar below lists all three.
        let keys = KeyEntry.line(KeyEntry.hinted(ModalKeys.table, at: .password).filter { $0.run != nil })
        buffer.write(keys, in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        return CursorRequest(x: field.x + masked, y: field.y, visible: true)
    }
}
