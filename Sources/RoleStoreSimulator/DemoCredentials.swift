/// One seeded API client with its four credentials, so demos and tests can log in without setup.
public struct DemoCredential: Sendable {
    /// Short handle: "admin", "viewer" or "mapper".
    public let name: String
    /// OAuth client id sent in the Basic authorization header.
    public let oauthClientID: String
    /// OAuth client secret sent in the Basic authorization header.
    public let oauthClientSecret: String
    /// API client id sent as the form `username`.
    public let apiClientID: String
    /// API client secret sent as the form `password`.
    public let apiClientSecret: String
    /// What this client may do on the role store.
    public let permissions: [String]
}

extension DemoCredential: CustomStringConvertible {
    /// Names the client and its ids; the secrets never appear in logs or interpolated text.
    public var description: String {
        "DemoCredential(\(name), oauth client \(oauthClientID), api client \(apiClientID), secrets redacted)"
    }
}

/// The three API clients every simulator knows: full admin, read-only viewer and AWS mapper.
public enum DemoCredentials {
    /// The OAuth client shared by all demo API clients, as on a stock PrivX.
    public static let oauthClientID = "privx-external"
    /// The demo OAuth client secret.
    public static let oauthClientSecret = "sim-oauth-secret-7Qm2"

    /// Every permission of the simulated server.
    public static let admin = DemoCredential(
        name: "admin", oauthClientID: oauthClientID, oauthClientSecret: oauthClientSecret,
        apiClientID: "5c1e6d0a-7a51-4f3c-9d0e-000000000a01", apiClientSecret: "sim-admin-secret-4Hk9",
        permissions: SimulatorPermissions.all)

    /// Can read roles, sources and AWS roles, change nothing.
    public static let viewer = DemoCredential(
        name: "viewer", oauthClientID: oauthClientID, oauthClientSecret: oauthClientSecret,
        apiClientID: "5c1e6d0a-7a51-4f3c-9d0e-000000000b02", apiClientSecret: "sim-viewer-secret-8Tp3",
        permissions: ["roles-view", "role-target-resources-view", "sources-view"])

    /// A viewer that may also change AWS role mappings.
    public static let mapper = DemoCredential(
        name: "mapper", oauthClientID: oauthClientID, oauthClientSecret: oauthClientSecret,
        apiClientID: "5c1e6d0a-7a51-4f3c-9d0e-000000000c03", apiClientSecret: "sim-mapper-secret-2Wd6",
        permissions: ["roles-view", "role-target-resources-view", "sources-view", "role-target-resources-manage"])

    /// All demo clients, admin first.
    public static let all: [DemoCredential] = [admin, viewer, mapper]

    /// Looks a demo client up by its short name.
    public static func named(_ name: String) -> DemoCredential? {
        all.first { $0.name == name.lowercased() }
    }
}

/// The permissions this server grants its demo admin: the v41 list plus the newer ones. Roles may hold any other
/// string too (an open set, see RoleValidator).
public enum SimulatorPermissions {
    /// Every permission name, v41 order first.
    public static let all: [String] = [
        "licenses-manage", "api-clients-manage", "idp-clients-view", "idp-clients-manage", "connections-view",
        "connections-manage", "connections-playback", "connections-terminate", "connections-manual",
        "connections-trail", "connections-authorize", "ueba-view", "ueba-manage", "hosts-view", "hosts-manage",
        "privx-host-provisioning", "network-targets-view", "network-targets-manage", "role-target-resources-view",
        "role-target-resources-manage", "roles-view", "roles-manage", "sources-view", "sources-manage",
        "sources-data-push", "users-view", "users-manage", "logs-view", "logs-manage", "workflows-manage",
        "workflows-view", "vault-manage", "vault-add", "access-groups-manage", "workflows-requests-on-behalf",
        "workflows-requests", "authorized-keys-manage", "settings-manage", "settings-view", "requests-view",
        "certificates-view", "webauthn-credentials-manage", "mobilegw-view", "mobilegw-manage",
        "target-domains-view", "target-domains-manage",
        "access-roles-manage", "api-targets-view", "api-targets-manage",
    ]
}
