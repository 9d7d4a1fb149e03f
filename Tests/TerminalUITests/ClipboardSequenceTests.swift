import Foundation
import Testing
import TerminalUI

/// OSC 52 clipboard writes: the xterm form, tmux's passthrough with every inner ESC doubled, and the size cap.
@Suite struct ClipboardSequenceTests {
    @Test func plainAndTmuxForms() throws {
        let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHxs comment ü"
        let base64 = Data(line.utf8).base64EncodedString()
        let plain = try ClipboardSequence.osc52(line, tmux: false).get()
        #expect(String(decoding: plain, as: UTF8.self) == "\u{1B}]52;c;\(base64)\u{07}")
        let wrapped = try ClipboardSequence.osc52(line, tmux: true).get()
        #expect(String(decoding: wrapped, as: UTF8.self) == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(base64)\u{07}\u{1B}\\")
        // Only the passthrough's own ESCs are single: one opening, one closing, the inner one doubled.
        #expect(wrapped.filter { $0 == 0x1B }.count == 4)
    }

    @Test func aSequenceOverTheCapIsRefusedWithItsSize() {
        let fits = String(repeating: "a", count: 74_994)
        #expect((try? ClipboardSequence.osc52(fits, tmux: false).get())?.count == 99_992 + 8)
        let tooLarge = String(repeating: "a", count: 75_000)
        #expect(ClipboardSequence.osc52(tooLarge, tmux: false) == .failure(.tooLarge(bytes: 100_000 + 8)))
        // The tmux wrapper adds 10 bytes: a text that just fits plain is refused wrapped.
        guard case .failure(.tooLarge(let bytes)) = ClipboardSequence.osc52(fits, tmux: true) else { Issue.record("accepted"); return }
        #expect(bytes == 99_992 + 18)
    }
}
