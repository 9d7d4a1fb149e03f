import PrivXAPI

/// The paged members list of one role.
public struct MembersState: Sendable {
    public var roleID: String
    public var roleName: String
    /// The server's total.
    public var total = 0
    public var users: [User] = []
    public var list = ListPane<MemberRow>(fields: ["source"])
    /// True while a page request is in flight.
    public var loadingPage = false
}
