import TerminalUI

/// Where each part of the console goes for a terminal size; update and render share it, so paging
/// moves by exactly the rows that are visible.
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

    /// Visible data rows of the main list of a screen.
    public static func listRows(_ state: AppState) -> Int {
        let body = frame(state.size).body
        switch state.screen {
        case .roles, .awsRoles: return tableRows(in: panes(body, focus: state.focus).table)
        default: return tableRows(in: body)
        }
    }

    /// The mapping checklist's box, centred in the body.
    public static func checklistBox(_ size: Size) -> Rect {
        let body = frame(size).body
        return body.centered(width: min(body.width, 76), height: body.height)
    }

    /// Visible items of the mapping checklist.
    public static func checklistRows(_ size: Size) -> Int { max(1, checklistBox(size).height - 6) }

    /// Rows of the role form's right-hand panel (its lists scroll in it).
    public static func formPanelRows(_ size: Size) -> Int { max(1, frame(size).body.height - 7) }

    /// Visible rows of the rules tab's tree (and of its raw JSON and directory chooser).
    public static func rulesTreeRows(_ size: Size) -> Int { max(1, frame(size).body.height - 6) }

    /// Visible users in the evaluate inspector's table.
    public static func inspectorRows(_ size: Size) -> Int { max(1, frame(size).body.height - 6) }

    /// Columns of the detail pane's text.
    public static func detailWidth(_ state: AppState) -> Int {
        let (table, detail) = panes(frame(state.size).body, focus: state.focus)
        return max(1, (detail ?? table).width - 4)
    }

    /// Visible lines of the detail pane.
    public static func detailRows(_ state: AppState) -> Int {
        let body = frame(state.size).body
        let (table, detail) = panes(body, focus: state.focus)
        return max(1, (detail ?? table).height - 2)
    }
}
