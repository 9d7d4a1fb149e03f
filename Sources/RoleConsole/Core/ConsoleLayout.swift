import TerminalUI

/// Where each part of the console goes for a terminal size. The views draw with it and
/// `ConsoleView.settle` records the heights it gives for paging; update code does not ask it for sizes
/// (the rules tab still does: see docs/codebase.md).
public enum ConsoleLayout {
    /// The smallest terminal the console lays out.
    public static let minimum = Size(width: 50, height: 12)

    /// The fixed rows: breadcrumb header, body, status bar, hint/command row.
    public struct Frame: Equatable, Sendable {
        public var header: Rect
        public var body: Rect
        public var status: Rect
        public var bottom: Rect
    }

    /// The frame for a size.
    public static func frame(_ size: Size) -> Frame {
        let w = size.width, h = size.height
        return Frame(header: Rect(x: 0, y: 0, width: w, height: 1),
                     body: Rect(x: 0, y: 1, width: w, height: max(0, h - 3)),
                     status: Rect(x: 0, y: max(0, h - 2), width: w, height: 1),
                     bottom: Rect(x: 0, y: max(0, h - 1), width: w, height: 1))
    }

    /// The table and detail boxes (borders included) of a two-pane screen; nil detail when only the
    /// focused pane fits (then the table box holds whichever pane has focus).
    public static func panes(_ body: Rect, focus: Pane) -> (table: Rect, detail: Rect?) {
        if body.width >= 100 {
            let parts = Layout.split(body, .horizontal, ratios: [60, 40], minimums: [40, 30])
            return (parts[0], parts[1])
        }
        if body.height >= 18 {
            let parts = Layout.split(body, .vertical, ratios: [50, 50], minimums: [7, 6])
            return (parts[0], parts[1])
        }
        return (body, nil)
    }

    /// Rows of table data visible in a bordered table box (header row excluded).
    public static func tableRows(in box: Rect) -> Int { max(1, box.height - 3) }

    /// The mapping checklist's box, centred in the body.
    public static func checklistBox(_ body: Rect) -> Rect {
        body.centered(width: min(body.width, 76), height: body.height)
    }
}
