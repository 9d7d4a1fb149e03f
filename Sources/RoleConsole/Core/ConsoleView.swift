import Foundation
import PrivXAPI
import TerminalUI

/// Draws the whole console for a state: header, the current screen, status bar, hints, toasts, modals.
public enum ConsoleView {
    /// The frame for a state, and where the cursor goes (on the selected row, or in an input).
    public static func render(_ state: AppState, glyphs: Glyphs) -> (ScreenBuffer, CursorRequest?) {
        guard glyphs.asciiOnly else { return draw(state, glyphs: glyphs) }
        var (buffer, cursor) = draw(state, glyphs: ASCIIFallback.permissive)
        ASCIIFallback.apply(&buffer)
        return (buffer, cursor)
    }

    static func draw(_ state: AppState, glyphs: Glyphs) -> (ScreenBuffer, CursorRequest?) {
        var buffer = ScreenBuffer(size: state.size, glyphs: glyphs)
        let tooSmall = TooSmallScreen(minimum: ConsoleLayout.minimum, note: Console.tooSmallNote(state))
        if tooSmall.applies(to: state.size) {
            tooSmall.render(into: &buffer)
            return (buffer, nil)
        }
        let frame = ConsoleLayout.frame(state.size)
        renderHeader(state, into: &buffer, frame.header)
        var cursor: CursorRequest?
        switch state.screen {
        case .roles, .awsRoles: cursor = ListScreens.renderTwoPane(state, into: &buffer, frame.body)
        case .members: cursor = MembersView.render(state, into: &buffer, frame.body)
        case .users: cursor = UsersView.render(state, into: &buffer, frame.body)
        case .log: cursor = ListScreens.renderLog(state, into: &buffer, frame.body)
        case .errors: cursor = ListScreens.renderErrors(state, into: &buffer, frame.body)
        case .history: cursor = HistoryView.render(state, into: &buffer, frame.body)
        }
        statusBar(state).render(into: &buffer, in: frame.status)
        if state.filterEditing {
            cursor = renderFilterInput(state, into: &buffer, frame.bottom)
        } else if let prompt = state.commandLine {
            cursor = CommandLineView().render(into: &buffer, in: frame.bottom, state: prompt.line)
        } else {
            HintBar(items: ConsoleHints.current(state).map(\.item)).render(into: &buffer, in: frame.bottom)
        }
        if state.editor != nil { cursor = RoleEditorView.render(state, into: &buffer, frame.body) }
        if state.inspector != nil { cursor = EvaluateInspectorView.render(state, into: &buffer, frame.body) }
        if state.principalKeys != nil { cursor = PrincipalKeysView.render(state, into: &buffer, frame.body, bottom: frame.bottom) }
        let inputShown = state.filterEditing || state.commandLine != nil || state.principalKeys?.promptShown == true
        NoticeView.render(state.toasts, into: &buffer, rows: NoticeView.rows(frame, inputShown: inputShown),
                          escClears: state.editor == nil && state.inspector == nil && state.modal == nil && !inputShown)
        if let modalCursor = ModalViews.render(state, into: &buffer, frame.body) { cursor = modalCursor }
        if let login = state.login { cursor = PasswordDialogView.render(login, into: &buffer, frame.body) }
        return (buffer, cursor)
    }

    static func renderHeader(_ state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect) {
        buffer.fill(rect)
        let sep = buffer.glyphs.asciiOnly ? " > " : " › "
        var crumbs = ["privx-roles"]
        for screen in state.stack {
            if screen == .members, let members = state.members { crumbs.append(members.roleName) }
            crumbs.append(screen.title)
        }
        crumbs += ConsoleHints.crumbs(state)
        var right: [TextRun] = []
        if let progress = state.roles.list.progress, state.roles.list.loading {
            right.append(TextRun("loading roles \(progress.loaded)/\(progress.total) ", .warning))
        } else if state.roles.list.loading || state.awsRoles.list.loading {
            right.append(TextRun(spinner(state, buffer) + " loading ", .warning))
        }
        if state.operations.rescanning { right.append(TextRun(spinner(state, buffer) + " re-scanning AWS ", .warning)) }
        if state.operations.writes > 0 { right.append(TextRun(spinner(state, buffer) + " applying ", .warning)) }
        let rightWidth = right.reduce(0) { $0 + TextWidth.of($1.text) }
        buffer.write(spans: [TextRun(crumbs.joined(separator: sep), .header)],
                     in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - rightWidth - 2, height: 1))
        if rightWidth > 0 {
            buffer.write(spans: right, in: Rect(x: rect.maxX - rightWidth - 1, y: rect.y, width: rightWidth, height: 1))
        }
    }

    static func spinner(_ state: AppState, _ buffer: ScreenBuffer) -> String {
        let frames = buffer.glyphs.spinner
        return frames[state.tick % frames.count]
    }

    /// Host, identity, READ-ONLY, age of the data, counts and the active filter.
    public static func statusBar(_ state: AppState) -> StatusBar {
        var left: [TextRun] = []
        if state.settings.readOnly { left.append(TextRun(" READ-ONLY ", .danger)); left.append(TextRun(" ", .selection)) }
        if let warning = state.settings.warning { left.append(TextRun(" \(warning) ", .danger)); left.append(TextRun(" ", .selection)) }
        if state.session.loggedOut { left.append(TextRun(" LOGGED OUT ", .danger)); left.append(TextRun(" ", .selection)) }
        var right: [TextRun] = []
        var parts: [String] = []
        switch state.screen {
        case .roles: parts = counts(state.roles.list, noun: "role", now: state.now)
        case .awsRoles: parts = counts(state.awsRoles.list, noun: "AWS role", now: state.now)
        case .members:
            if let members = state.members {
                parts = ["\(members.users.count) of \(members.total) members loaded"]
                if !members.list.catalog.filterText.isEmpty {
                    parts.append("filter \(members.list.catalog.filterText): \(members.list.catalog.view.count)")
                }
            }
        case .users:
            if let users = state.users { parts = [users.search.sent.isEmpty ? "no search yet" : "\(counted(users.total, "user")) found for \(users.search.sent)"] }
        case .log:
            parts = [counted(state.apiLog.count, "API call")]
            if !state.logFilter.text.isEmpty { parts.append("filter \(state.logFilter.text): \(APILogScreen.view(state).count)") }
        case .errors: parts = [counted(state.errors.count, "error")]
        case .history: parts = [counted(state.history.entries.count, "change"), "\(state.history.entries.filter(\.isOpen).count) open"]
        }
        if !state.errors.isEmpty, state.screen != .errors { parts.append(counted(state.errors.count, "error") + " (:errors)") }
        right.append(TextRun(parts.joined(separator: " · "), .selection))
        left.append(TextRun(caller(state, room: state.size.width - 3 - min(state.size.width / 2, TextWidth.of(sanitize(right[0].text)))
                                     - left.reduce(0) { $0 + TextWidth.of($1.text) }), .selection))
        return StatusBar(left: left, right: right)
    }

    /// "host · user Bob Rolemanager (bob) from Local users", or the first shorter form that fits `room`
    /// columns, so the counts on the right stay whole: the caller and source are kept longest, then the host.
    static func caller(_ state: AppState, room: Int) -> String {
        // Until the caller is known: the configured identity, as before (the bar cuts it when narrow).
        guard state.session.identity != nil else { return "\(state.settings.endpoint) · \(state.settings.identity)" }
        let labels = state.session.labels(fallback: state.settings.identity, sourceNames: state.sourceNames)
        let endpoint = state.settings.endpoint
        let hosted = { (labels: [String]) in labels.map { "\(endpoint) · \($0)" } }
        let candidates = hosted(Array(labels.withSource.prefix(2))) + labels.withSource + hosted(labels.plain) + labels.plain
        return candidates.first { TextWidth.of($0) <= room } ?? candidates.last ?? endpoint
    }

    static func counts<Row: CatalogRow>(_ pane: ListPane<Row>, noun: String, now: Double) -> [String] {
        var parts: [String] = []
        if let at = pane.refreshedAt { parts.append("refreshed " + age(now - at)) }
        if pane.loading, let progress = pane.progress, progress.loaded < progress.total {
            parts.append("loading \(progress.loaded) of \(counted(progress.total, noun))")
        } else {
            parts.append(counted(pane.catalog.rows.count, noun))
        }
        if !pane.catalog.filterText.isEmpty { parts.append("filter \(pane.catalog.filterText): \(pane.catalog.view.count)") }
        return parts
    }

    /// "12 s ago", "3 min ago", "2 h ago".
    public static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s) s ago" }
        if s < 3600 { return "\(s / 60) min ago" }
        return "\(s / 3600) h ago"
    }

    static func renderFilterInput(_ state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect) -> CursorRequest {
        buffer.fill(rect)
        let input = Console.currentFilterInput(state)
        let prompt = "/"
        buffer.write(prompt, x: rect.x, y: rect.y, style: .header, clip: rect)
        let hint = "  Enter keep · Esc clear · " + ConsoleHints.filterWords(state.screen)
        let field = Rect(x: rect.x + 1, y: rect.y, width: max(1, rect.width - 1), height: 1)
        let slice = input.visibleSlice(width: field.width)
        let used = buffer.write(slice.text, x: field.x, y: field.y, clip: field)
        if used + TextWidth.of(hint) < field.width {
            buffer.write(hint, x: field.x + used + 1, y: field.y, style: .muted, clip: field)
        }
        return CursorRequest(x: field.x + slice.cursorColumn, y: field.y, visible: true)
    }
}
