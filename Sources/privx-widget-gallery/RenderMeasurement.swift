import TerminalUI

/// `--measure-render`: times full frames of the table page (no terminal involved) and prints the figures.
@MainActor
enum RenderMeasurement {
    static func run(rowCount: Int, size: Size, frames: Int) {
        var app = GalleryApp(rowCount: rowCount)
        var buffer = ScreenBuffer(size: size)
        _ = app.render(into: &buffer)
        let clock = ContinuousClock()
        var fullFrame = Duration.zero
        var tableOnly = Duration.zero
        let order = app.order
        let table = Table(columns: GalleryData.columns, rowCount: rowCount, identity: { GalleryData.identity(order[$0]) },
                          row: { GalleryData.row(order[$0]) })
        for frame in 0..<frames {
            app.table.move(to: (frame * 4999) % rowCount, rowCount: rowCount, visibleRows: app.tableRows, identity: app.identity)
            var fresh = ScreenBuffer(size: size)
            fullFrame += clock.measure { _ = app.render(into: &fresh) }
            var tableBuffer = ScreenBuffer(size: size)
            let state = app.table
            tableOnly += clock.measure { table.render(into: &tableBuffer, in: tableBuffer.bounds, state: state) }
        }
        func ms(_ d: Duration) -> String {
            let value = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            return String(Int((value / Double(frames)) * 1000)) + " µs"
        }
        var filterTimes: [String] = []
        for query in ["admin", "zürich"] {
            var filtering = GalleryApp(rowCount: rowCount)
            filtering.filter = TextInputState(query)
            let elapsed = clock.measure { filtering.applyFilter() }
            filterTimes.append("“\(query)” \(filtering.order.count) matches in \(Int(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)) ms (names generated on the fly)")
        }
        print("rows: \(rowCount), screen: \(size.width)x\(size.height), frames: \(frames)")
        print("full gallery frame (status bar, bordered table, side detail, hints): \(ms(fullFrame)) per frame")
        print("table widget alone, whole screen: \(ms(tableOnly)) per frame")
        print("filter all rows: " + filterTimes.joined(separator: ", "))
    }
}
