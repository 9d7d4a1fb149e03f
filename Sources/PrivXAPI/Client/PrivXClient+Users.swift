import Foundation

/// What `POST /users/search` takes: `SSHcom/privx-sdk-go` @ 0652e857594638b6c2bdcee42da784889d29b193,
/// `api/rolestore/model.go` (`UserSearch{keywords, source, user_id}`, each omitted when empty).
public struct UserSearch: Sendable, Hashable {
    /// Text matched against the principal, name and e-mail.
    public var keywords: String
    /// Only users of this directory (source id).
    public var source: String?
    /// Only these user ids.
    public var userIDs: [String]

    public init(keywords: String = "", source: String? = nil, userIDs: [String] = []) {
        self.keywords = keywords
        self.source = source
        self.userIDs = userIDs
    }

    var json: JSONValue {
        var object = JSONObject()
        if !keywords.isEmpty { object["keywords"] = .string(keywords) }
        if let source, !source.isEmpty { object["source"] = .string(source) }
        if !userIDs.isEmpty { object["user_id"] = .array(userIDs.map(JSONValue.string)) }
        return .object(object)
    }
}

extension PrivXClient {
    public func searchUsers(_ search: UserSearch, page: PageRequest) async throws -> Page<User> {
        let list = try await callList(.POST, "/users/search", query: page.queryItems, body: search.json)
        return Page(count: list.count, items: list.items.map(User.init(document:)))
    }

    public func userRoles(userID: String) async throws -> [RoleHandle] {
        try await callList(.GET, "/users/\(Self.requireID(userID, "user"))/roles").items.map(RoleHandle.init(document:))
    }

    /// The body is a bare JSON array of role handles (the Go SDK's `UpdateUserRoles` PUTs `[]Role`).
    public func setUserRoles(userID: String, roles: [RoleHandle]) async throws {
        _ = try await call(.PUT, "/users/\(Self.requireID(userID, "user"))/roles", body: .array(roles.map(\.json)))
    }

    public func resolveUser(id: String) async throws -> User {
        User(document: try await callObject(.GET, "/users/\(Self.requireID(id, "user"))/resolve"))
    }
}
