/// A role's contextual limitation (days, hours, time zone, client addresses); unknown keys are kept.
public struct RoleContext: DocumentBacked {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// Whether the limitation applies at all.
    public var enabled: Bool {
        get { bool("enabled") ?? false }
        set { setBool("enabled", newValue) }
    }
    /// Outside the window: true blocks the role, false grants it with an audit event.
    public var blockRole: Bool {
        get { bool("block_role") ?? false }
        set { setBool("block_role", newValue) }
    }
    /// Weekdays `MON`..`SUN`; empty means every day.
    public var validity: [String] {
        get { strings("validity") }
        set { setStrings("validity", newValue) }
    }
    /// Window start, "HH:MM".
    public var startTime: String? {
        get { string("start_time") }
        set { setString("start_time", newValue) }
    }
    /// Window end, "HH:MM" (exclusive).
    public var endTime: String? {
        get { string("end_time") }
        set { setString("end_time", newValue) }
    }
    /// IANA time zone name of the window.
    public var timezone: String? {
        get { string("timezone") }
        set { setString("timezone", newValue) }
    }
    /// Allowed client address ranges (CIDR).
    public var ipMasks: [String] {
        get { strings("ip_masks") }
        set { setStrings("ip_masks", newValue) }
    }
}
