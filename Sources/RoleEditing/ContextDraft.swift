import Foundation
import PrivXAPI

/// The context editor's fields as typed, with validation and the live preview, so the form can show
/// errors inline and write back only what the person changed.
public struct ContextDraft: Sendable, Hashable {
    /// A field of the context form, for placing an error next to it.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case start = "start_time", end = "end_time", timeZone = "timezone", ipMasks = "ip_masks"
    }

    public var enabled: Bool
    public var blockRole: Bool
    /// Days (0 = Monday … 6 = Sunday) ticked.
    public var days: Set<Int>
    /// `HH:MM` as typed.
    public var start: String
    public var end: String
    public var timeZone: String
    /// One CIDR range per line, as typed.
    public var ipMasks: [String]

    /// The draft of a stored context (a role without one starts disabled, every day, UTC).
    public init(_ context: RoleContext?) {
        enabled = context?.enabled ?? false
        blockRole = context?.blockRole ?? true
        days = Set((context?.validity ?? []).compactMap { ContextSchedule.weekdayCodes.firstIndex(of: $0.uppercased()) })
        start = context?.startTime ?? "00:00"
        end = context?.endTime ?? "00:00"
        timeZone = context?.timezone ?? "UTC"
        ipMasks = context?.ipMasks ?? []
    }

    /// One line each on what happens outside the limits, shown next to the toggle.
    public static let blockExplanation = "Block: outside these limits the role is not granted at all."
    public static let auditExplanation = "Audit: outside these limits the role is still granted, and an audit event is raised."

    /// Ticks Monday to Friday.
    public mutating func presetWeekdays() { days = Set(0...4) }
    /// Ticks every day.
    public mutating func presetEveryDay() { days = Set(0...6) }
    /// Flips one day (0 = Monday).
    public mutating func toggle(day: Int) {
        guard (0...6).contains(day) else { return }
        if days.contains(day) { days.remove(day) } else { days.insert(day) }
    }

    /// Every problem of every field, as if the whole context were typed anew.
    public var problems: [Field: String] { problems(checking: Set(Field.allCases)) }

    /// The problems an admin must fix before saving, against the context as stored: a field is checked when it
    /// was edited, and the times, zone and ranges all when the limits were turned on. An untouched field is never
    /// a reason to refuse a save: real servers hold disabled contexts with `""` times and zone (the built-in
    /// roles in Tests/RealPrivXCorpus/bat_roles_page_0.json), and they go back as they came.
    public func problems(since stored: ContextDraft) -> [Field: String] {
        let turnedOn = enabled && !stored.enabled
        var fields: Set<Field> = []
        if turnedOn || start != stored.start { fields.insert(.start) }
        if turnedOn || end != stored.end { fields.insert(.end) }
        if turnedOn || timeZone != stored.timeZone { fields.insert(.timeZone) }
        if turnedOn || ipMasks != stored.ipMasks { fields.insert(.ipMasks) }
        return problems(checking: fields)
    }

    /// True when the stored context says nothing beyond "off": disabled, with empty times and zone.
    public var isEmptyAndOff: Bool { !enabled && start.isEmpty && end.isEmpty && timeZone.isEmpty }

    private func problems(checking fields: Set<Field>) -> [Field: String] {
        var out: [Field: String] = [:]
        if fields.contains(.start), ContextSchedule.minutes(fromClock: start) == nil {
            out[.start] = "Start time \u{201C}\(start)\u{201D} is not HH:MM (00:00–23:59): type e.g. 08:00."
        }
        if fields.contains(.end), ContextSchedule.minutes(fromClock: end) == nil {
            out[.end] = "End time \u{201C}\(end)\u{201D} is not HH:MM (00:00–24:00): type e.g. 17:00."
        }
        if fields.contains(.timeZone), !Self.isKnownTimeZone(timeZone) {
            let hint = Self.timeZoneCompletions(timeZone).prefix(3).joined(separator: ", ")
            out[.timeZone] = "Time zone \u{201C}\(timeZone)\u{201D} is not in the system's time-zone database"
                + (hint.isEmpty ? ": type a name such as Europe/Helsinki (Tab completes)." : ": did you mean \(hint)? (Tab completes)")
        }
        // Every range PrivX cannot take, at once; the warnings (host bits, covered ranges) never stop a save.
        let errors = IPRangeCheck.findings(ipMasks).filter { $0.severity == .error }
        if fields.contains(.ipMasks), !errors.isEmpty {
            out[.ipMasks] = errors.map(\.message).joined(separator: " ")
        }
        return out
    }

    /// Whether the window runs past midnight (said next to the times).
    public var wrapsMidnight: Bool {
        guard let s = ContextSchedule.minutes(fromClock: start), let e = ContextSchedule.minutes(fromClock: end) else { return false }
        return s > e
    }

    /// The draft as a schedule (invalid times count as no limit), for the preview and the grid.
    public var schedule: ContextSchedule {
        ContextSchedule(enabled: enabled, blockRole: blockRole, validity: validity, startTime: start, endTime: end,
                        timeZone: timeZone, ipMasks: ipMasks)
    }

    /// "Active Mon–Fri 08:00–17:00 Europe/Helsinki from 10.0.0.0/8 and 1 more — now 14:02 there: active" (no
    /// ranges said when they limit nothing).
    public func preview(at date: Date) -> String {
        guard enabled else { return "No contextual limitation: the role is active at all times, from any address." }
        let schedule = schedule
        var text = "Active \(schedule.daysDescription)"
        if let s = ContextSchedule.minutes(fromClock: start), let e = ContextSchedule.minutes(fromClock: end), s != e {
            text += " \(ContextSchedule.clock(s))–\(ContextSchedule.clock(e))" + (s > e ? " (past midnight)" : "")
        } else {
            text += " all day"
        }
        text += " \(timeZone)"
        // The ranges when they limit anything (`from 10.0.0.0/8 and 1 more`); the field's row says `(any address)` otherwise.
        let ranges = IPRangeCheck.summary(ipMasks)
        if ranges != IPRangeCheck.anyAddressSummary { text += " " + ranges }
        guard Self.isKnownTimeZone(timeZone), let local = schedule.localTime(at: date) else {
            return text + " — unknown time zone, cannot tell the time there"
        }
        let active = schedule.isActive(day: local.day, minute: local.minute)
        let outside = blockRole ? "blocked" : "inactive (granted with an audit event)"
        return text + " — now \(ContextSchedule.weekdayNames[local.day]) \(ContextSchedule.clock(local.minute)) there: \(active ? "active" : outside)"
    }

    /// Weekday codes in calendar order.
    public var validity: [String] { days.sorted().map { ContextSchedule.weekdayCodes[$0] } }

    /// `context` with only the fields that differ from the draft rewritten; every other key kept.
    public func applied(to context: RoleContext?) -> RoleContext { applied(to: context, since: context) }

    /// `context` with the fields that differ from `baseline` rewritten (re-applying edits over another change).
    public func applied(to context: RoleContext?, since baseline: RoleContext?) -> RoleContext {
        var out = context ?? RoleContext(document: JSONObject())
        let before = ContextDraft(baseline)
        if context == nil || before.enabled != enabled { out.enabled = enabled }
        if context == nil || before.blockRole != blockRole { out.blockRole = blockRole }
        if context == nil || before.days != days { out.validity = validity }
        if context == nil || before.start != start { out.startTime = start }
        if context == nil || before.end != end { out.endTime = end }
        if context == nil || before.timeZone != timeZone { out.timezone = timeZone }
        if context == nil || before.ipMasks != ipMasks { out.ipMasks = ipMasks.map { $0.trimmingCharacters(in: .whitespaces) } }
        return out
    }

    /// True when `name` is in the system's time-zone database (exact spelling).
    public static func isKnownTimeZone(_ name: String) -> Bool { zoneSet.contains(name) }

    /// Zone names that start with `prefix` (case-insensitive), then those that contain it; at most 20.
    public static func timeZoneCompletions(_ prefix: String) -> [String] {
        let lower = prefix.lowercased()
        if lower.isEmpty { return Array(zones.prefix(20)) }
        let starts = zones.filter { $0.lowercased().hasPrefix(lower) }
        let contains = zones.filter { !$0.lowercased().hasPrefix(lower) && $0.lowercased().contains(lower) }
        return Array((starts + contains).prefix(20))
    }

    private static let zones: [String] = (TimeZone.knownTimeZoneIdentifiers + ["UTC"]).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
    private static let zoneSet = Set(zones)
}
