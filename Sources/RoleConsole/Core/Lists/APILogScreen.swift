import Foundation
import PrivXAPI
import TerminalUI

/// The API log screen (`:log`): every HTTP exchange of this run, oldest first. `/` keeps the calls whose
/// method, path or status hold every typed word; Enter shows the selected call whole (its path is never
/// cut there).
enum APILogScreen {
    /// The screen's own keys: its filter (plain words, not the role filter's `perm:` syntax) and the detail.
    static let keys: [ConsoleAction] = [
        ActionRegistry.action(.logFilter, "Filter the calls (words in the method, path or status)", [.character("/")], label: "/",
                              screens: [.log], group: "Lists", hint: "filter") { state, _ in
            state.filterEditing = true
            return []
        },
        ActionRegistry.action(.logDetail, "Show the selected call whole", [.enter], label: "Enter",
                              screens: [.log], group: "Lists", hint: "detail") { state, _ in
            let view = APILogScreen.view(state)
            guard state.logTable.selected < view.count else { return [] }
            let record = state.apiLog[view[state.logTable.selected]]
            state.modal = .message(title: "\(record.method) call", text: detail(record), isError: record.status.map { $0 >= 400 } ?? true)
            return []
        },
    ]

    /// Indexes into `state.apiLog` of the calls the filter keeps, oldest first.
    static func view(_ state: AppState) -> [Int] {
        let words = state.logFilter.text.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return Array(state.apiLog.indices) }
        return state.apiLog.indices.filter { index in
            let record = state.apiLog[index]
            let text = "\(record.method) \(record.path) \(status(record))".lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// `200 OK`, `404 Not Found`, `timeout`, with ` r1` for a first retry.
    static func status(_ record: APICallRecord) -> String {
        let text = record.status.map { code in reason(code).map { "\(code) \($0)" } ?? String(code) } ?? (record.errorKind ?? "error")
        return text + (record.attempt > 1 ? " r\(record.attempt - 1)" : "")
    }

    /// The reason phrase of the statuses the role-store API answers with (RFC 9110 §15).
    static func reason(_ code: Int) -> String? {
        switch code {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 422: "Unprocessable"
        case 429: "Too Many Requests"
        case 500: "Server Error"
        case 502: "Bad Gateway"
        case 503: "Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }

    /// One call whole, for the Enter dialog.
    static func detail(_ record: APICallRecord) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var lines = ["Path: \(record.path)", "Status: \(status(record))",
                     "Took: \(Int(record.durationMilliseconds.rounded())) ms", "Started: \(formatter.string(from: record.startedAt))"]
        if record.attempt > 1 { lines.append("Attempt: \(record.attempt) (an automatic retry)") }
        if let kind = record.errorKind { lines.append("No answer: \(kind) (:errors has the message)") }
        return lines.joined(separator: "\n") + "\n\nEsc closes."
    }
}
