import Foundation
import PrivXAPI
import TerminalUI

/// The add-members dialog of the members screen: find users across directories as you type
/// (`POST /users/search`, debounced on the clock's ticks), choose one or several, choose the grant's terms,
/// review, confirm. Owned by `MembersState`; its keys are `MembersKeys.dialog`, typed text goes to `key`.
public struct AddMembersDialog: Sendable, Equatable {
    /// Where the dialog is.
    public enum Stage: Sendable, Equatable { case search, terms, review }
    /// The grant type being chosen.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case permanent = "Permanent", timeRestricted = "Time-restricted", floating = "Floating"
    }
    /// The inputs of the terms stage, in Tab order.
    public enum Field: Sendable, Equatable { case kind, start, end, hours }

    public var stage = Stage.search
    /// The highlighted button of the review's question (`MembersState.reviewQuestion`).
    public var questionFocus = QuestionFocus()
    /// The name, e-mail or principal typed, sent once typing rests.
    public var search = DebouncedSearch()
    public var results: [User] = []
    public var resultTotal = 0
    public var table = TableState()
    /// The chosen users, in the order chosen.
    public var chosen: [User] = []
    public var kind = Kind.permanent
    public var field = Field.kind
    public var start = TextInputState()
    public var end = TextInputState()
    public var hours = TextInputState("8")
    /// Why the terms cannot be used yet.
    public var problem: String?
    /// The terms the review shows and the confirmation sends.
    public var terms: GrantTerms?
    /// The time zone the times are typed in (the console's own).
    public var zone: TimeZone

    /// A fresh dialog; the start is prefilled with `now` in `zone`.
    init(now: Double, zone: TimeZone = .current) {
        self.zone = zone
        start = TextInputState(Self.inputText(Date(timeIntervalSince1970: now), zone))
    }

    /// `2026-11-26 09:05` in `zone`.
    static func inputText(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Reads `YYYY-MM-DD HH:MM`, `YYYY-MM-DD` (midnight) in `zone`, or RFC 3339 with its own offset.
    static func parseTime(_ text: String, _ zone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = GrantTerms.parse(trimmed) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    // MARK: Search

    /// Typed text on the search stage: the query changes and a search is due after a pause.
    mutating func typed(_ key: Key, now: Double) { _ = search.typed(key, now: now) }

    /// The clock: a query that rested long enough is sent (an empty one clears the results).
    mutating func tick(now: Double) -> [Effect] {
        guard let text = search.tick(now: now, retry: results.isEmpty) else { return [] }
        guard !text.isEmpty else {
            results = []
            resultTotal = 0
            return []
        }
        return [.members(.searchUsers(query: text))]
    }

    /// The search answered; an answer to an older query than the last one sent is dropped.
    mutating func found(query: String, _ users: [User], total: Int) {
        guard search.answered(query) else { return }
        results = users
        resultTotal = total
        table.selected = 0
        table.offset = 0
    }

    /// The search failed (the error is shown by the core).
    mutating func searchFailed() { search.waiting = false }

    /// Space: the selected result is chosen, or no longer chosen.
    mutating func toggleSelected() {
        guard results.indices.contains(table.selected) else { return }
        let user = results[table.selected]
        if let index = chosen.firstIndex(where: { $0.id == user.id }) { chosen.remove(at: index) } else { chosen.append(user) }
    }

    /// ↑/↓ and paging in the results.
    mutating func moveResults(_ key: Key) {
        let results = self.results
        _ = table.apply(key, rowCount: results.count, identity: { results.indices.contains($0) ? results[$0].id : "" })
    }

    // MARK: Terms

    /// Enter on the search: the chosen users (or the selected one when none is chosen) go on to the terms.
    mutating func proceedToTerms() -> String? {
        if chosen.isEmpty, results.indices.contains(table.selected) { chosen = [results[table.selected]] }
        guard !chosen.isEmpty else { return "Choose a user first: type a name, e-mail or principal, then Space on a result." }
        stage = .terms
        field = .kind
        return nil
    }

    /// The inputs the terms stage shows for the chosen kind, in Tab order.
    var fields: [Field] {
        switch kind {
        case .permanent: [.kind]
        case .timeRestricted: [.kind, .start, .end]
        case .floating: [.kind, .hours]
        }
    }

    /// Tab / Shift-Tab between the inputs.
    mutating func nextField(backwards: Bool) {
        let fields = self.fields
        let index = fields.firstIndex(of: field) ?? 0
        field = fields[(index + (backwards ? fields.count - 1 : 1)) % fields.count]
    }

    /// A key on the terms stage: ←/→ change the kind on the kind row, text goes to the focused input.
    mutating func termsKey(_ key: Key) {
        problem = nil
        switch field {
        case .kind:
            let all = Kind.allCases
            let index = all.firstIndex(of: kind) ?? 0
            switch key {
            case .left, .character("h"): kind = all[(index + all.count - 1) % all.count]
            case .right, .character("l"), .character(" "): kind = all[(index + 1) % all.count]
            case .character("p"): kind = .permanent
            case .character("t"): kind = .timeRestricted
            case .character("f"): kind = .floating
            default: break
            }
        case .start: _ = start.apply(key)
        case .end: _ = end.apply(key)
        case .hours: _ = hours.apply(key)
        }
    }

    /// Enter on the terms: they are read and checked; the review follows, or `problem` says what to fix.
    mutating func proceedToReview() {
        do {
            let terms = try readTerms()
            try terms.validate()
            self.terms = terms
            problem = nil
            stage = .review
            questionFocus = QuestionFocus()
        } catch {
            problem = (error as? PrivXError)?.description ?? String(describing: error)
        }
    }

    private func readTerms() throws -> GrantTerms {
        switch kind {
        case .permanent:
            return .permanent
        case .timeRestricted:
            guard let from = Self.parseTime(start.text, zone) else {
                throw PrivXError.invalidRequest("The start \u{201C}\(start.text)\u{201D} is not a time: type YYYY-MM-DD HH:MM (\(GrantText.zoneName(zone))).")
            }
            guard let until = Self.parseTime(end.text, zone) else {
                throw PrivXError.invalidRequest("The end \u{201C}\(end.text)\u{201D} is not a time: type YYYY-MM-DD HH:MM (\(GrantText.zoneName(zone))).")
            }
            return .timeRestricted(start: from, end: until)
        case .floating:
            guard let value = Int(hours.text.trimmingCharacters(in: .whitespaces)) else {
                throw PrivXError.invalidRequest("The floating length \u{201C}\(hours.text)\u{201D} is not a whole number of hours.")
            }
            return .floating(hours: value)
        }
    }

    /// The terms as the review states them: local time with its zone, and the UTC that is sent.
    func termsText(_ terms: GrantTerms) -> String {
        switch terms {
        case .permanent: return "permanent (until revoked)"
        case .timeRestricted(let from, let until):
            return "time-restricted from \(GrantText.local(from, zone)) until \(GrantText.local(until, zone)) "
                + "(sent as UTC \(GrantTerms.format(from)) – \(GrantTerms.format(until)))"
        case .floating(let hours): return "floating \(hours)h, starting at the user's first connection"
        }
    }
}
