import Foundation
import PrivXAPI

/// How the console words a role handle's grant: explicit or mapped, the grant type, its validity in the
/// person's local time zone and whether it has expired. The members screen, the revoke question and the
/// users screen share it, so a grant reads the same everywhere.
enum GrantText {
    /// "explicit · until 2026-12-01 10:00 EET", "explicit · floating 8h + mapped", "mapped".
    static func holding(_ handle: RoleHandle?, explicit: Bool, now: Double, zone: TimeZone = .current) -> String {
        guard explicit || handle?.isExplicit == true else { return "mapped" }
        guard let handle else { return "explicit" }
        return "explicit · " + terms(handle, now: now, zone: zone) + (handle.isImplicit ? " + mapped" : "")
    }

    /// The grant's terms: "permanent", "until …", "from … until …", "expired …", "floating 8h".
    static func terms(_ handle: RoleHandle, now: Double, zone: TimeZone = .current) -> String {
        switch handle.grantType {
        case nil, "PERMANENT"?:
            return "permanent"
        case "FLOATING"?:
            return "floating " + (handle.floatingHours.map { "\($0)h" } ?? "(no length)") + ", starts at first connection"
        case "TIME_RESTRICTED"?:
            return validity(handle, now: now, zone: zone)
        case let other?:
            return sanitizedType(other)
        }
    }

    /// True when the handle is an explicit grant none of whose periods counts any more.
    static func isExpired(_ handle: RoleHandle, now: Double) -> Bool {
        handle.hasExpired(at: Date(timeIntervalSince1970: now))
    }

    private static func validity(_ handle: RoleHandle, now: Double, zone: TimeZone) -> String {
        let periods = handle.periods
        guard !periods.isEmpty else { return "time-restricted (no period)" }
        if isExpired(handle, now: now) {
            return "expired " + (periods.compactMap(\.endDate).max().map { local($0, zone) } ?? "")
        }
        let current = periods.first { period in
            guard let start = period.startDate, let end = period.endDate else { return false }
            return start.timeIntervalSince1970 <= now && now < end.timeIntervalSince1970
        }
        let upcoming = periods.filter { ($0.startDate?.timeIntervalSince1970 ?? 0) > now }.min { ($0.startDate ?? .distantFuture) < ($1.startDate ?? .distantFuture) }
        let more = periods.count > 1 ? " (\(periods.count) periods)" : ""
        if let current, let end = current.endDate { return "until " + local(end, zone) + more }
        if let upcoming, let start = upcoming.startDate, let end = upcoming.endDate {
            return "from " + local(start, zone) + " until " + local(end, zone) + more
        }
        return "time-restricted, unreadable period " + sanitizedType(periods[0].start)
    }

    /// `2026-12-01 10:00 EET` in `zone`.
    static func local(_ date: Date, _ zone: TimeZone = .current) -> String {
        AddMembersDialog.inputText(date, zone) + " " + zoneName(zone, at: date)
    }

    /// The zone's abbreviation at `date` ("EET", "UTC"), else its identifier.
    static func zoneName(_ zone: TimeZone, at date: Date = Date()) -> String {
        zone.abbreviation(for: date) ?? zone.identifier
    }

    /// A grant type a newer server may send, kept short and printable.
    private static func sanitizedType(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(24).map(Character.init))
    }
}
