import Testing
import TerminalUI

@Suite struct ScreenBufferTests {
    init() { _ = utf8Locale }

    @Test func wideCharacterOwnsAContinuationCell() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("運a", x: 0, y: 0)
        #expect(buffer[0, 0].text == "運")
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].text == "a")
        #expect(buffer.textLines() == ["運a   "])
    }

    /// The hostile seed's ZWJ family: with the joiners made visible, each emoji owns its two cells, so the
    /// terminal draws exactly the columns the buffer counted and nothing stale is left after it.
    @Test func aJoinedEmojiSequenceIsLaidOutAsSeparateCells() {
        var buffer = ScreenBuffer(size: Size(width: 14, height: 1))
        let used = buffer.write("👩\u{200D}👩\u{200D}👧\u{200D}👦x", x: 0, y: 0)
        #expect(used == 12)
        #expect(buffer.textLines() == ["👩¤👩¤👧¤👦x  "])
        #expect(!buffer.textLines()[0].unicodeScalars.contains("\u{200D}"))
        #expect(buffer[0, 0].text == "👩" && buffer[2, 0].text == "¤" && buffer[11, 0].text == "x")
    }

    @Test func writingOverTheRightHalfClearsTheLeftHalf() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("運用", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.textLines() == [" x用  "])
        #expect(!buffer[1, 0].isContinuation)
    }

    @Test func writingOverTheLeftHalfClearsTheRightHalf() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("運用", x: 0, y: 0)
        buffer.write("x", x: 2, y: 0)
        #expect(buffer.textLines() == ["運x   "])
    }

    @Test func wideCharacterOverlappingAnotherClearsItsOrphan() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("運用", x: 0, y: 0)
        buffer.write("🚀", x: 1, y: 0)
        #expect(buffer.textLines() == [" 🚀   "])
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = ScreenBuffer(size: Size(width: 3, height: 1))
        let used = buffer.write("a運用", x: 0, y: 0)
        #expect(buffer.textLines() == ["a運"])
        #expect(used == 3)
        var clipped = ScreenBuffer(size: Size(width: 4, height: 1))
        clipped.write("ab運", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(clipped.textLines() == ["ab  "])
    }

    @Test func writesAreClippedToTheirRectangle() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 2))
        buffer.write("abcdefgh", x: 2, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        buffer.write("zz", x: 0, y: 5)
        #expect(buffer.textLines() == ["  abc   ", "        "])
    }

    @Test func rectWriteTruncatesWithEllipsisAndAligns() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 2))
        buffer.write("運用チーム", in: Rect(x: 0, y: 0, width: 7, height: 1))
        buffer.write("42", in: Rect(x: 0, y: 1, width: 8, height: 1), alignment: .right)
        #expect(buffer.textLines() == ["運用チ… ", "      42"])
    }

    @Test func asciiGlyphsReplaceNonASCIITextKeepingColumns() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 1), glyphs: .ascii)
        buffer.write("é運a", x: 0, y: 0)
        #expect(buffer.textLines() == ["???a    "])
    }

    @Test func borderDrawsBoxAndTitle() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        buffer.drawBorder(buffer.bounds, title: "Rôles")
        #expect(buffer.textLines() == ["┌ Rôles ─┐", "│        │", "└────────┘"])
        var ascii = ScreenBuffer(size: Size(width: 6, height: 3), glyphs: .ascii)
        ascii.drawBorder(ascii.bounds)
        #expect(ascii.textLines() == ["+----+", "|    |", "+----+"])
    }

    @Test func spansKeepStylesAndCutTheRunWithOneEllipsis() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 1))
        buffer.write(spans: [TextRun("ab", .header), TextRun("運用チ", .danger)], in: Rect(x: 0, y: 0, width: 7, height: 1))
        #expect(buffer.textLines() == ["ab運用… "])
        #expect(buffer.styleLines() == ["hhddddd."])
    }

    @Test func changedPositionsIsTheFrameDiff() {
        var a = ScreenBuffer(size: Size(width: 4, height: 2))
        a.write("abcd", x: 0, y: 0)
        var b = a
        b.write("X", x: 2, y: 1)
        #expect(b.changedPositions(from: a) == [6])
    }
}
