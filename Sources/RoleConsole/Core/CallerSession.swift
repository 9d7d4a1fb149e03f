import PrivXAPI
import RoleEditing
import TerminalUI

/// Who the console acts as and whether the session is logged in: read once at start from
/// `GET /role-store/api/v1/users/current` (a person's user document, or the server's answer for an API client),
/// so the status bar names the caller and keys the caller cannot use are greyed and refused up front.
/// Until the answer arrives (or when the server gives none) nothing is greyed and the server's 403 decides,
/// as before; the 403 handling stays as the fallback either way.
public struct CallerSession: Sendable {
    /// The caller, once `/users/current` answered.
    public var identity: CallerIdentity?
    /// True after a person declined to log in again (Esc at the password dialog) or the login failed: what
    /// needed it failed with a message, and the next request asks for the password again.
    public var loggedOut = false

    /// A session whose caller is not known yet.
    public init() {}

    /// The caller's effective permissions when they are known. A document that names no permission at all
    /// (no `permissions` list and no role carrying one) says nothing about them, so it gates nothing: a caller
    /// with truly no permission could not have loaded the roles list either, and 403 still refuses.
    public var permissions: Set<String>? {
        guard let identity, !identity.permissions.isEmpty else { return nil }
        return identity.permissions
    }

    /// The status bar's words for the caller, longest first: with the source ("user Bob Rolemanager (bob) from
    /// Local users", "user bob from Local users", "bob from Local users"), then without it, for narrow
    /// terminals. `fallback` is the configured identity ("user bob", "client 5c1e6d0a"). Server text is sanitized.
    func labels(fallback: String, sourceNames: [String: String]) -> (withSource: [String], plain: [String]) {
        guard let identity else { return ([], [fallback]) }
        let kind = fallback.hasPrefix("user ") ? "user " : fallback.hasPrefix("client ") || fallback.hasPrefix("demo ") ? "client " : ""
        // An API client's principal is its id (a UUID): its name and the id's first 8 characters say more.
        let isClientID = RoleDraft.isUUIDShaped(identity.principal)
        let principal = sanitize(isClientID ? String(identity.principal.prefix(8)) : identity.principal)
        let name = isClientID ? identity.fullName.map { sanitize($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? principal
            : sanitize(identity.displayName)
        let plain = ["\(kind)\(name)", "\(kind)\(principal)", principal]
        guard let source = (identity.sourceID.flatMap { sourceNames[$0] } ?? identity.sourceType).map({ sanitize($0) }), !source.isEmpty else {
            return ([], plain)
        }
        return (["\(kind)\(name) from \(source)", "\(kind)\(principal) from \(source)", "\(principal) from \(source)"], plain)
    }
}

extension KeyEntry {
    /// The permission names the entry's `permission` text lists: "roles-manage", or two alternatives in
    /// "roles-manage (role edit) or role-target-resources-manage (mapping)". PrivX permission names are
    /// lowercase words joined by hyphens (privx.docs.ssh.com "Role Permissions"; the captured user document
    /// `Tests/RealPrivXCorpus/mcp_user.json` has `hosts-view`), which is what this picks out.
    public var permissionNames: [String] { permission.map(KeyDispatcher.permissionNames) ?? [] }
}

extension KeyDispatcher {
    /// The permission names a permission text lists (see `KeyEntry.permissionNames`).
    static func permissionNames(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLowercase || $0 == "-") }).map(String.init)
            .filter { $0.contains("-") && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }
}
