import Testing
import TerminalUI

@Suite struct WidthTests {
    init() { _ = utf8Locale }

    @Test func scalarWidthsFollowWcwidth() {
        #expect(cellWidth("a") == 1)
        #expect(cellWidth("é") == 1)
        #expect(cellWidth("\u{301}") == 0)
        #expect(cellWidth("運") == 2)
        #expect(cellWidth("🚀") == 2)
        #expect(cellWidth("\u{1B}") == -1)
    }

    @Test func displayWidthCountsColumnsNotCharacters() {
        #expect(TextWidth.of("Zürich") == 6)
        #expect(TextWidth.of("e\u{301}t\u{301}e\u{301}") == 3)
        #expect(TextWidth.of("運用チーム") == 10)
        #expect(TextWidth.of("🚀 go") == 5)
        #expect("運用チーム".count == 5)
    }

    @Test func combiningMarksStayInTheirCell() {
        let cells = TextWidth.cells("e\u{301}x")
        #expect(cells.count == 2)
        #expect(cells[0] == CellText(text: "e\u{301}", width: 1))
    }

    @Test func truncationHappensOnCellBoundariesWithEllipsis() {
        #expect(TextWidth.truncate("運用チーム", to: 5) == "運用…")
        #expect(TextWidth.truncate("運用チーム", to: 4) == "運…")
        #expect(TextWidth.of(TextWidth.truncate("運用チーム", to: 4)) == 3)
        #expect(TextWidth.truncate("Développeurs", to: 6) == "Dével…")
        #expect(TextWidth.truncate("short", to: 10) == "short")
        #expect(TextWidth.truncate("🚀🚀🚀", to: 4) == "🚀…")
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.truncate("abcdef", to: 3, ellipsis: "~") == "ab~")
    }

    @Test func fitPadsToExactColumns() {
        #expect(TextWidth.fit("運用", to: 6) == "運用  ")
        #expect(TextWidth.fit("42", to: 5, alignment: .right) == "   42")
        #expect(TextWidth.fit("ab", to: 6, alignment: .center) == "  ab  ")
        #expect(TextWidth.of(TextWidth.fit("運用チーム", to: 7)) == 7)
    }

    @Test func wrapBreaksOnWordsAndLongWordsOnCells() {
        #expect(TextWidth.wrap("crème brûlée naïve façade", width: 12) == ["crème brûlée", "naïve façade"])
        #expect(TextWidth.wrap("運用チームです", width: 6) == ["運用チ", "ームで", "す"])
        #expect(TextWidth.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }
}
