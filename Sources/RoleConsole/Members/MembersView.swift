import Foundation
import PrivXAPI
import TerminalUI

/// Draws the members screen and its add-members dialog.
enum MembersView {
    static let memberColumns = [
        TableColumn("Principal", minWidth: 10, maxWidth: 24, priority: 1), TableColumn("Full name", minWidth: 8, maxWidth: 28),
        TableColumn("E-mail", minWidth: 8, maxWidth: 36), TableColumn("Source", minWidth: 6, maxWidth: 20),
        TableColumn("Holds by", minWidth: 26, maxWidth: 48),
    ]

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        guard let members = state.members else { return nil }
        var cursor = ListScreens.renderList(members.list, noun: "Members", columns: memberColumns, into: &buffer, box: body,
                                            focused: members.adding == nil, title: members.title)
        if let dialog = members.adding { cursor = renderDialog(dialog, members, state, into: &buffer, body) }
        return cursor
    }

    /// The dialog's box: most of the body, centred.
    static func dialogBox(_ body: Rect) -> Rect { body.inset(top: 1, left: 2, bottom: 1, right: 2) }

    /// The dialog's inside, without its border and side padding.
    static func dialogInside(_ body: Rect) -> Rect { dialogBox(body).inset(1).inset(left: 1, right: 1) }

    /// Between the chosen line and the key line.
    static func stageArea(_ inside: Rect) -> Rect {
        Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: max(0, inside.height - 2))
    }

    /// The search results below the query line.
    static func resultsArea(_ area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
    }

    /// Stores the results table's drawn offset and height (`ConsoleView.settle`), so pages move by what is shown.
    static func settle(_ state: inout AppState, _ body: Rect) {
        guard var dialog = state.members?.adding, dialog.stage == .search else { return }
        let area = resultsArea(stageArea(dialogInside(body)))
        dialog.table.settle(rowCount: dialog.results.count, visibleRows: max(1, Table.visibleRows(in: area)))
        state.members?.adding = dialog
    }

    static func renderDialog(_ dialog: AddMembersDialog, _ members: MembersState, _ state: AppState,
                             into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let box = dialogBox(body)
        buffer.fill(body.inset(1))    // no cut-off cells of the list show around the dialog
        let inside = Layout.bordered(&buffer, box, title: "Add members to \(members.roleName)", focused: true, padding: 0).inset(left: 1, right: 1)
        guard inside.height >= 4 else { return nil }
        let chosen = dialog.chosen.isEmpty ? "Chosen: nobody yet" : "Chosen (\(dialog.chosen.count)): " + dialog.chosen.map(\.principal).joined(separator: ", ")
        buffer.write(chosen, in: inside.row(0), style: .warning)
        let place = MembersState.place(dialog)
        buffer.write(ModalKeys.line(place), in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        let area = stageArea(inside)
        switch dialog.stage {
        case .search: return renderSearch(dialog, sourceNames: state.sourceNames, into: &buffer, area)
        case .terms: return renderTerms(dialog, into: &buffer, area)
        case .review:
            // The grant's confirmation is a question like every other, over the dialog.
            return members.reviewQuestion(dialog, now: state.now).box(dialog.questionFocus).render(into: &buffer, in: body)
        }
    }

    static func renderSearch(_ dialog: AddMembersDialog, sourceNames: [String: String], into buffer: inout ScreenBuffer,
                             _ area: Rect) -> CursorRequest? {
        let prompt = "Find: "
        buffer.write(prompt, x: area.x, y: area.y, style: .header, clip: area)
        let field = Rect(x: area.x + prompt.count, y: area.y, width: max(1, area.width - prompt.count), height: 1)
        let slice = dialog.search.input.visibleSlice(width: field.width)
        let used = buffer.write(slice.text, x: field.x, y: field.y, clip: field)
        let status = dialog.search.waiting ? "  searching…"
            : dialog.search.sent.isEmpty ? "  name, e-mail or principal; every directory is searched"
            : "  \(dialog.resultTotal) found" + (dialog.resultTotal > dialog.results.count ? ", \(dialog.results.count) shown: type more" : "")
        buffer.write(status, x: field.x + used, y: field.y, style: .muted, clip: field)
        let results = dialog.results
        let chosen = Set(dialog.chosen.map(\.id))
        let table = Table(columns: [TableColumn("", minWidth: 3, maxWidth: 3), TableColumn("Principal", minWidth: 10, maxWidth: 24),
                                    TableColumn("Full name", minWidth: 8, maxWidth: 28), TableColumn("E-mail", minWidth: 8, maxWidth: 36),
                                    TableColumn("Directory", minWidth: 8, maxWidth: 24)],
                          rowCount: results.count, emptyText: dialog.search.sent.isEmpty ? "Type to search." : "Nobody matches.",
                          focused: true, identity: { results[$0].id }, row: { index in
                              let user = results[index]
                              let source = user.source.flatMap { sourceNames[$0] } ?? user.sourceType ?? user.source ?? "–"
                              return [chosen.contains(user.id) ? "[x]" : "[ ]", user.principal, user.fullName ?? "", user.email ?? "", source]
                          })
        _ = table.render(into: &buffer, in: resultsArea(area), state: dialog.table)
        return CursorRequest(x: field.x + slice.cursorColumn, y: field.y, visible: true)
    }

    static func renderTerms(_ dialog: AddMembersDialog, into buffer: inout ScreenBuffer, _ area: Rect) -> CursorRequest? {
        var cursor: CursorRequest?
        var y = area.y
        func line(_ label: String, _ text: String, focused: Bool, input: TextInputState? = nil) {
            guard y < area.maxY else { return }
            let marker = focused ? "› " : "  "
            buffer.write(marker + label, x: area.x, y: y, style: focused ? .header : .normal, clip: area)
            let x = area.x + 20
            let field = Rect(x: x, y: y, width: max(1, area.maxX - x), height: 1)
            if let input {
                let slice = input.visibleSlice(width: field.width)
                buffer.write(slice.text, x: field.x, y: y, clip: field)
                if focused { cursor = CursorRequest(x: field.x + slice.cursorColumn, y: y, visible: true) }
            } else {
                buffer.write(text, x: field.x, y: y, clip: field)
            }
            y += 1
        }
        let kinds = AddMembersDialog.Kind.allCases.map { $0 == dialog.kind ? "(•) \($0.rawValue)" : "( ) \($0.rawValue)" }.joined(separator: "  ")
        line("Grant type", kinds, focused: dialog.field == .kind)
        let zone = GrantText.zoneName(dialog.zone) + (dialog.zone.identifier == GrantText.zoneName(dialog.zone) ? "" : ", \(dialog.zone.identifier)")
        switch dialog.kind {
        case .permanent:
            line("", "Until revoked.", focused: false)
        case .timeRestricted:
            line("Start", "", focused: dialog.field == .start, input: dialog.start)
            line("End", "", focused: dialog.field == .end, input: dialog.end)
            line("", "YYYY-MM-DD HH:MM in your time zone (\(zone)); sent as UTC.", focused: false)
        case .floating:
            line("Length (hours)", "", focused: dialog.field == .hours, input: dialog.hours)
            line("", "The window starts at the user's first connection.", focused: false)
        }
        if let problem = dialog.problem, y < area.maxY {
            buffer.write(problem, in: Rect(x: area.x, y: y + 1, width: area.width, height: 1), style: .danger)
        }
        return cursor
    }
}

extension MembersState {
    /// Where the dialog's keyboard is.
    static func place(_ dialog: AddMembersDialog) -> ModalPlace {
        switch dialog.stage {
        case .search: .addMembersSearch
        case .terms: dialog.kind == .permanent ? .addMembersKind : .addMembersTerms
        case .review: .addMembersReview
        }
    }
}
