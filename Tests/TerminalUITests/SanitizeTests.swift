import Testing
import TerminalUI

@Suite struct SanitizeTests {
    /// True when no scalar could act on a terminal.
    func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func clearScreenAndCursorMovementBecomeOneMarker() {
        #expect(sanitize("a\u{1B}[2Jb") == "a␛b")
        #expect(sanitize("\u{1B}[10;10Hx") == "␛x")
        #expect(sanitize("\u{1B}[31mRED\u{1B}[0m") == "␛RED␛")
    }

    @Test func titleAndClipboardOSCSequencesAreRemovedWhole() {
        #expect(sanitize("\u{1B}]0;pwned\u{07}ok") == "␛ok")
        #expect(sanitize("\u{1B}]52;c;ZXZpbA==\u{1B}\\ok") == "␛ok")
        #expect(sanitize("\u{1B}P1$r0m\u{1B}\\ok") == "␛ok")
    }

    @Test func c1ControlsAndEightBitCSIAreNeutralized() {
        #expect(sanitize("\u{9B}31mX") == "␛X")
        #expect(sanitize("a\u{85}b") == "a\u{FFFD}b")
        #expect(isInert(sanitize("\u{9D}0;t\u{9C}\u{90}x\u{9C}")))
    }

    @Test func c0ControlsAndDELBecomeControlPictures() {
        #expect(sanitize("a\u{00}b\u{07}c\u{7F}") == "a␀b␇c␡")
        #expect(sanitize("line1\nline2\r") == "line1␊line2␍")
        #expect(sanitize("line1\r\nline2", keepNewlines: true) == "line1\nline2")
        #expect(sanitize("tab\there") == "tab here")
    }

    @Test func bidiOverridesAndZeroWidthCharactersBecomeVisible() {
        #expect(sanitize("evil\u{202E}txt.exe") == "evil¤txt.exe")
        #expect(sanitize("a\u{200B}b\u{FEFF}c\u{2066}d") == "a¤b¤c¤d")
    }

    /// Joiners glue emoji into one glyph that terminals draw narrower than `wcwidth` counts (tmux 3.3: the
    /// family 👩‍👩‍👧‍👦 in 2 columns, `wcwidth` 8), leaving stale cells: they and the other invisible format
    /// characters become visible marks, so every emoji keeps its own cells.
    @Test func joinersAndOtherInvisibleFormatCharactersBecomeVisible() {
        #expect(sanitize("👩\u{200D}👩\u{200D}👧\u{200D}👦") == "👩¤👩¤👧¤👦")
        #expect(sanitize("zero\u{200C}width") == "zero¤width")
        #expect(sanitize("a\u{180E}b\u{2065}c\u{206A}d\u{E0041}e\u{E007F}") == "a¤b¤c¤d¤e¤")
        #expect(sanitize("\u{2062}\u{2063}\u{2064}") == "¤¤¤")
        for scalar in ["\u{200C}", "\u{200D}", "\u{180E}", "\u{206F}", "\u{E0020}"].flatMap(\.unicodeScalars) {
            #expect(isTerminalUnsafe(scalar))
        }
        // Emoji that need no joiner are left alone: modifiers, flags, variation selectors.
        #expect(sanitize("👍🏽 🇫🇮 ❤\u{FE0F}") == "👍🏽 🇫🇮 ❤\u{FE0F}")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Développeurs 運用チーム 🚀 Zürich e\u{301}"
        #expect(sanitize(text) == text)
    }

    @Test func truncatedSequencesAtTheEndAreStillSwallowed() {
        #expect(sanitize("x\u{1B}") == "x␛")
        #expect(sanitize("x\u{1B}[12") == "x␛")
        #expect(sanitize("x\u{1B}]0;no terminator") == "x␛")
    }

    @Test func everyBufferWriteIsSanitized() {
        _ = utf8Locale
        var buffer = ScreenBuffer(size: Size(width: 20, height: 1))
        buffer.write("\u{1B}[2J\u{1B}]0;t\u{07}ok\u{9B}1m", x: 0, y: 0)
        #expect(buffer.textLines()[0].hasPrefix("␛␛ok␛"))
        #expect(isInert(buffer.textLines()[0]))
    }
}
