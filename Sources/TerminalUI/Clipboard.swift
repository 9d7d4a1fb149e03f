import Foundation

/// A clipboard write as an OSC 52 escape sequence (xterm ctlseqs, "Operating System Commands", Ps = 52:
/// `ESC ] 52 ; c ; base64 BEL`), so a console running over ssh can put text on the person's own clipboard.
/// Inside tmux the sequence is wrapped in tmux's passthrough (`ESC P tmux; … ESC \`, every ESC inside
/// doubled), which tmux hands to the outer terminal when `allow-passthrough` is on (tmux 3.3 and later).
public enum ClipboardSequence {
    /// The longest sequence sent: terminals drop longer ones. hterm's `osc52.sh` (Chromium OS) refuses
    /// sequences over 100,000 bytes, and the `yank` scripts copied from it allow 74,994 bytes of text for that.
    public static let maximumBytes = 100_000

    /// Why a text was not sent.
    public enum Refusal: Error, Equatable, Sendable {
        /// The sequence would be `bytes` long, over `maximumBytes`.
        case tooLarge(bytes: Int)
    }

    /// The bytes that ask the terminal to put `text` on the clipboard; inside tmux (`tmux` true, `$TMUX`
    /// set) wrapped for passthrough. Refuses a text whose sequence would exceed `maximumBytes`.
    public static func osc52(_ text: String, tmux: Bool) -> Result<[UInt8], Refusal> {
        let encoded = Data(text.utf8).base64EncodedString()
        let escape = "\u{1B}"
        let plain = escape + "]52;c;" + encoded + "\u{07}"
        let sequence = tmux ? escape + "Ptmux;" + plain.replacingOccurrences(of: escape, with: escape + escape) + escape + "\\" : plain
        let bytes = Array(sequence.utf8)
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge(bytes: bytes.count)) }
        return .success(bytes)
    }
}
