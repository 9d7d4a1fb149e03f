import Foundation

/// When a role's contextual limitation lets it be used: weekdays, a daily window in a time zone, and
/// client address ranges. Pure values, so the table, the detail grid and the editor preview agree.
public struct ContextSchedule: Equatable, Sendable {
    /// PrivX weekday codes in calendar order, Monday first.
    public static let weekdayCodes = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
    /// Short English weekday names in the same order.
    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    /// The masks PrivX uses when a context allows every address.
    public static let anyAddress: Set<String> = ["0.0.0.0/0", "::/0"]
    /// How every screen words an empty IP list (or one of only the any-address ranges): the role is not
    /// limited by address.
    public static let anyAddressText = "(any address)"

    public var enabled: Bool
    public var blockRole: Bool
    /// Days (0 = Monday … 6 = Sunday) on which the role is active. Empty means every day.
    public var days: Set<Int>
    /// Minutes after midnight; `start == end` means no time limit.
    public var startMinute: Int
    public var endMinute: Int
    public var timeZone: String
    public var ipMasks: [String]

    /// A schedule from the context document's fields (weekday codes, `HH:MM` times, IANA zone).
    public init(enabled: Bool, blockRole: Bool, validity: [String], startTime: String?, endTime: String?,
                timeZone: String?, ipMasks: [String]?) {
        self.enabled = enabled
        self.blockRole = blockRole
        self.days = Set(validity.compactMap { Self.weekdayCodes.firstIndex(of: $0.uppercased()) })
        self.startMinute = startTime.flatMap(Self.minutes(fromClock:)) ?? 0
        self.endMinute = endTime.flatMap(Self.minutes(fromClock:)) ?? 0
        self.timeZone = timeZone ?? ""
        self.ipMasks = ipMasks ?? []
    }

    /// Parses `HH:MM` (00:00–23:59; `24:00` is accepted as end of day) into minutes after midnight.
    public static func minutes(fromClock text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
              (0...59).contains(minutes), (0...23).contains(hours) || (hours == 24 && minutes == 0)
        else { return nil }
        return hours * 60 + minutes
    }

    /// `HH:MM` for minutes after midnight.
    public static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60 % 25, minutes % 60)
    }

    public var hasTimeLimit: Bool { startMinute != endMinute }
    public var wrapsMidnight: Bool { startMinute > endMinute }
    public var hasDayLimit: Bool { !days.isEmpty && days.count < 7 }
    public var hasAddressLimit: Bool { !ipMasks.isEmpty && !ipMasks.allSatisfy { Self.anyAddress.contains($0) } }

    /// Whether the role is active on `day` (0 = Monday) at `minute` after midnight, in the context's zone.
    /// Start is inclusive, end exclusive; a window past midnight belongs to the day it starts on.
    public func isActive(day: Int, minute: Int) -> Bool {
        guard enabled else { return true }
        let dayAllowed = { (d: Int) in days.isEmpty || days.contains((d + 7) % 7) }
        guard hasTimeLimit else { return dayAllowed(day) }
        if !wrapsMidnight {
            return dayAllowed(day) && minute >= startMinute && minute < endMinute
        }
        return (dayAllowed(day) && minute >= startMinute) || (dayAllowed(day - 1) && minute < endMinute)
    }

    /// The wall-clock moment `date` as (day, minute) in the context's zone, or nil for an unknown zone.
    public func localTime(at date: Date) -> (day: Int, minute: Int)? {
        guard let zone = TimeZone(identifier: timeZone.isEmpty ? "UTC" : timeZone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else { return nil }
        return ((weekday + 5) % 7, hour * 60 + minute)   // Calendar: 1 = Sunday
    }

    /// Whether the role is active at `date` (ignoring client addresses), or nil for an unknown zone.
    public func isActive(at date: Date) -> Bool? {
        guard enabled else { return true }
        return localTime(at: date).map { isActive(day: $0.day, minute: $0.minute) }
    }

    /// "Mon–Fri", "Mon, Wed, Fri", "every day".
    public var daysDescription: String {
        if !hasDayLimit { return "every day" }
        var runs: [(Int, Int)] = []
        for day in days.sorted() {
            if let last = runs.last, last.1 == day - 1 { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
        }
        return runs.map { run in
            switch run.1 - run.0 {
            case 0: return Self.weekdayNames[run.0]
            case 1: return Self.weekdayNames[run.0] + ", " + Self.weekdayNames[run.1]
            default: return Self.weekdayNames[run.0] + "–" + Self.weekdayNames[run.1]
            }
        }.joined(separator: ", ")
    }

    /// A one-line summary for tables: "Mon–Fri 08–17 Europe/Helsinki", "always".
    public var summary: String {
        guard enabled else { return "always" }
        var parts: [String] = []
        if hasDayLimit { parts.append(daysDescription) }
        if hasTimeLimit {
            let whole = startMinute % 60 == 0 && endMinute % 60 == 0
            let format = { (m: Int) in whole ? String(format: "%02d", m / 60) : Self.clock(m) }
            parts.append(format(startMinute) + "–" + format(endMinute))
        }
        if hasTimeLimit || hasDayLimit { parts.append(timeZone.isEmpty ? "UTC" : timeZone) }
        if hasAddressLimit { parts.append(ipMasks.count == 1 ? ipMasks[0] : "\(ipMasks.count) IP ranges") }
        if parts.isEmpty { return blockRole ? "always" : "always (audit)" }
        return parts.joined(separator: " ") + (blockRole ? "" : " (audit)")
    }

    /// The limitation in words, one sentence per aspect, for the detail pane.
    public var sentences: [String] {
        guard enabled else { return ["No contextual limitation: the role is active at all times, from any address."] }
        var lines: [String] = []
        let window = hasTimeLimit
            ? "from \(Self.clock(startMinute)) to \(Self.clock(endMinute))" + (wrapsMidnight ? " (past midnight)" : "")
            : "all day"
        lines.append("Active \(daysDescription), \(window), \(timeZone.isEmpty ? "UTC" : timeZone) time.")
        lines.append(hasAddressLimit ? "Only from \(ipMasks.joined(separator: ", "))." : "From any address.")
        lines.append(blockRole
            ? "Outside these limits the role is blocked."
            : "Outside these limits the role is still granted, and an audit event is raised.")
        return lines
    }
}

extension ContextSchedule {
    /// An IP list as the form and its save diff show it: `(any address)` when empty, the ranges followed
    /// by `(any address)` when they are exactly 0.0.0.0/0 and ::/0 (a new role's), else the ranges.
    public static func describeIPRanges(_ masks: [String]) -> String {
        if masks.isEmpty { return anyAddressText }
        let list = masks.joined(separator: ", ")
        return Set(masks) == anyAddress ? "\(list) \(anyAddressText)" : list
    }
}
