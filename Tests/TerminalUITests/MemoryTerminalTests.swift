import Testing
import TerminalUI

@MainActor
@Suite struct MemoryTerminalTests {
    init() { _ = utf8Locale }

    @Test func tableIsVirtualizedRowsAskedAreOnlyTheVisibleOnes() {
        final class Counter: @unchecked Sendable { var calls = 0 }
        let counter = Counter()
        let table = Table(columns: Samples.columns, rowCount: 100_000, identity: { "r\($0)" }, row: { index in
            counter.calls += 1
            return Samples.row(index)
        })
        var state = TableState()
        state.move(to: 99_999, rowCount: 100_000, visibleRows: 23, identity: { "r\($0)" })
        var buffer = ScreenBuffer(size: Size(width: 80, height: 24))
        table.render(into: &buffer, in: buffer.bounds, state: state)
        #expect(counter.calls == 23)
        #expect(buffer.textLines().last!.contains("›"))
    }

    @Test func movingTheSelectionOneRowChangesOnlyTwoRows() {
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24))
        let table = Table(columns: Samples.columns, rowCount: 1000, identity: { "r\($0)" }, row: Samples.row)
        var state = TableState()
        var buffer = terminal.makeBuffer()
        table.render(into: &buffer, in: buffer.bounds, state: state)
        terminal.draw(buffer, cursor: nil)
        _ = state.apply(.down, rowCount: 1000, visibleRows: 23, identity: { "r\($0)" })
        var next = terminal.makeBuffer()
        let cursor = table.render(into: &next, in: next.bounds, state: state)
        terminal.draw(next, cursor: cursor)
        #expect(terminal.lastChangedCells > 0)
        #expect(terminal.lastChangedCells <= 2 * 80)
        #expect(terminal.cursor == CursorRequest(x: 0, y: 2, visible: false))
    }

    @Test func redrawingTheSameFrameChangesNothing() {
        let terminal = MemoryTerminal(size: Size(width: 20, height: 3))
        var buffer = terminal.makeBuffer()
        buffer.write("運用 🚀", x: 0, y: 0)
        terminal.draw(buffer, cursor: nil)
        terminal.draw(buffer, cursor: nil)
        #expect(terminal.lastChangedCells == 0)
        #expect(terminal.frameCount == 2)
    }

    @Test func resizeQueuesAResizeKeyAndSuspendResumeRepaints() {
        let terminal = MemoryTerminal(size: Size(width: 20, height: 3))
        terminal.resize(to: Size(width: 10, height: 2))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .resize)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
        #expect(terminal.makeBuffer().size == Size(width: 10, height: 2))
        var buffer = terminal.makeBuffer()
        buffer.write("hi", x: 0, y: 0)
        terminal.draw(buffer, cursor: nil)
        terminal.suspend()
        #expect(terminal.isSuspended)
        terminal.resume()
        terminal.draw(buffer, cursor: nil)
        #expect(terminal.lastChangedCells == 2)
        terminal.shutdown()
        #expect(terminal.isShutDown)
    }
}
