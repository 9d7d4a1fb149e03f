import Foundation

/// An AWS role PrivX discovered, with the PrivX roles that grant it; only the mapping is writable.
public struct AWSRole: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// PrivX's id for the cached AWS role.
    public var id: String { string("id") ?? "" }
    /// The AWS display name.
    public var name: String { string("name") ?? "" }
    /// `arn:aws:iam::<account>:role/<path/name>`.
    public var arn: String { string("arn") ?? "" }
    /// AWS description.
    public var description: String? { string("description") }
    /// The AWS directory (source id) it was discovered from.
    public var source: String? { string("source") }
    /// `OK`, or `MISSING` when the latest scan did not find it.
    public var status: String? { string("status") }
    /// Last update time as sent.
    public var updated: String? { string("updated") }
    /// The PrivX roles whose members may assume it (`null` reads as empty).
    public var roles: [RoleRef] { document["roles"]?.objectItems.map(RoleRef.init(document:)) ?? [] }
}

/// A user matched by a role (members, evaluate); every field optional.
public struct User: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// The user id.
    public var id: String { string("id") ?? "" }
    /// Login name.
    public var principal: String { string("principal") ?? "" }
    /// Display name.
    public var fullName: String? { string("full_name") }
    /// E-mail address.
    public var email: String? { string("email") }
    /// The directory (source) id the user comes from.
    public var source: String? { string("source") }
    /// The directory type, e.g. `LOCAL`, `LDAP`.
    public var sourceType: String? { string("source_type") }
    /// LDAP distinguished name.
    public var distinguishedName: String? { string("distinguished_name") }
    /// Roles the user holds (`null` reads as empty).
    public var roles: [RoleRef] { document["roles"]?.objectItems.map(RoleRef.init(document:)) ?? [] }
    /// Permissions (`null` reads as empty).
    public var permissions: [String] { strings("permissions") }
    /// Tags.
    public var tags: [String] { strings("tags") }
    /// The name to show for this user or API client: the full name, else the principal, else the id.
    public var displayName: String {
        if let name = fullName?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        return principal.isEmpty ? id : principal
    }
}

/// A user directory (source) that role rules select users from.
public struct Source: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// The source id referenced by `SourceRule.source`.
    public var id: String { string("id") ?? "" }
    /// Display name.
    public var name: String { string("name") ?? "" }
    /// Cache time-to-live in seconds.
    public var ttl: Int? { int("ttl") }
    /// `connection.type`, e.g. `LOCAL`, `LDAP`, `AD`, `AWS`.
    public var connectionType: String? { document["connection"]?["type"]?.stringValue }
}

/// The server's `/status` answer.
public struct ServiceStatus: DocumentBacked {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// Product variant.
    public var variant: String? { string("variant") }
    /// Server version.
    public var version: String? { string("version") }
    /// API version.
    public var apiVersion: String? { string("api_version") }
    /// Health, e.g. `ok`.
    public var status: String? { string("status") }
    /// Service name.
    public var appID: String? { string("app_id") }
    /// When the service started.
    public var startTime: String? { string("start_time") }
}
