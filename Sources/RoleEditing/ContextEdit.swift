import Foundation

/// A change to a role's contextual limitation given as command-line flags (`roles set-context`): what to set,
/// applied to the same `ContextDraft` the console's form edits, so the two validate alike
/// (`ContextDraft.problems(since:)`) and write back only what changed (`ContextDraft.applied(to:since:)`).
public struct ContextEdit: Sendable, Equatable {
    /// Turn the limits on or off; nil leaves it.
    public var enabled: Bool?
    /// Block outside the limits (true) or grant with an audit event (false); nil leaves it.
    public var blockRole: Bool?
    /// Days (0 = Monday); nil leaves them.
    public var days: Set<Int>?
    /// `HH:MM` as typed; nil leaves them.
    public var start: String?
    public var end: String?
    public var timeZone: String?
    /// The whole list of ranges; nil leaves it.
    public var ipMasks: [String]?
    /// Ranges added (when absent) and removed (when present) after `ipMasks`.
    public var addIPMasks: [String] = []
    public var removeIPMasks: [String] = []

    public init() {}

    /// True when the edit sets nothing.
    public var isEmpty: Bool {
        enabled == nil && blockRole == nil && days == nil && start == nil && end == nil && timeZone == nil
            && ipMasks == nil && addIPMasks.isEmpty && removeIPMasks.isEmpty
    }

    /// `draft` with this edit made; a removed range that is not there is said in `notes`.
    public func applied(to draft: ContextDraft, notes: inout [String]) -> ContextDraft {
        var out = draft
        if let enabled { out.enabled = enabled }
        if let blockRole { out.blockRole = blockRole }
        if let days { out.days = days }
        if let start { out.start = start }
        if let end { out.end = end }
        if let timeZone { out.timeZone = timeZone }
        if let ipMasks { out.ipMasks = ipMasks }
        for mask in addIPMasks where !out.ipMasks.contains(where: { Self.same($0, mask) }) { out.ipMasks.append(mask) }
        for mask in removeIPMasks {
            if out.ipMasks.contains(where: { Self.same($0, mask) }) {
                out.ipMasks.removeAll { Self.same($0, mask) }
            } else {
                notes.append("IP range \(mask) was not there")
            }
        }
        return out
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Days from `all`, `weekdays` (`mon-fri`), `weekend`, a range `mon-fri`, a list `mon,wed,fri`, or both
    /// (`mon-wed,sat`); day names are the PrivX codes (`MON` … `SUN`) in any case, or full English names.
    public static func days(_ spec: String) -> Result<Set<Int>, JSONEditProblem> {
        let text = spec.trimmingCharacters(in: .whitespaces).lowercased()
        switch text {
        case "all", "every", "everyday", "every-day": return .success(Set(0...6))
        case "weekdays": return .success(Set(0...4))
        case "weekend": return .success([5, 6])
        case "none", "": return .failure(JSONEditProblem(message: "--days needs at least one day: e.g. mon-fri, mon,wed,fri or all."))
        default: break
        }
        var out: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            let numbers = bounds.map(Self.day(named:))
            guard (1...2).contains(numbers.count), let first = numbers.first ?? nil, let last = numbers.last ?? nil else {
                let bad = bounds.first { Self.day(named: $0) == nil } ?? String(part)
                return .failure(JSONEditProblem(message: "--days: \u{201C}\(bad)\u{201D} is not a day: use mon, tue, wed, thu, fri, sat, sun, "
                    + "ranges such as mon-fri, lists such as mon,wed,fri, or all."))
            }
            // A range may wrap the week end: fri-mon is Fri, Sat, Sun, Mon.
            var current = first
            while true {
                out.insert(current)
                if current == last { break }
                current = (current + 1) % 7
            }
        }
        return .success(out)
    }

    static func day(named name: String) -> Int? {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let lower = name.lowercased()
        guard lower.count >= 3 else { return nil }
        return names.firstIndex { $0.hasPrefix(lower) }
    }
}
