import Foundation
import Hummingbird

/// Routes of users and grants. Permissions: the reference's role-store scopes name `usersView` ("User with
/// users-view permission") and `usersManage` (<https://privx.docs.ssh.com/v39/api/role-store/ssh-privx-role-store-api>);
/// reads need users-view; a grant needs users-manage or roles-manage (role-store-api.md: "roles-manage ... can grant
/// any role to anyone"). docs/role-store-evidence.md, "Members and grants".
extension SimulatorResponder {
    static let grantWritePermissions = ["users-manage", "roles-manage"]

    func users(_ request: Request, method: HTTPRequest.Method, path: String, parts: [String],
               query: [String: String]) async throws(APIError) -> Reply {
        switch (parts.count, parts.first) {
        case (1, "search"?):
            guard method == .post else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "users-view")
            let page = try PageRequest(query: query, allowedSortKeys: RoleStore.userSortKeys)
            return .list(try await store.searchUsers(try await readJSON(request).get(), page: page))
        case (2, let id?) where parts[1] == "roles":
            switch method {
            case .get:
                _ = try authorize(request, "users-view")
                return .list(try await store.userRoles(id))
            case .put:
                _ = try authorizeAny(request, Self.grantWritePermissions)
                try await store.putUserRoles(id, try await readJSON(request).get())
                return .empty()
            default:
                return methodNotAllowed(method, path)
            }
        case (2, let id?) where parts[1] == "resolve":
            guard method == .get else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "users-view")
            return .json(200, try await store.resolveUser(id))
        default:
            return noSuchEndpoint(path)
        }
    }

    /// `POST /privx-rolestore-sim/connect?user_id=…&role_id=…`: the simulator's own stand-in for a user's first
    /// connection, which starts a floating grant's window (PrivX starts it when the user connects to a host; this
    /// simulator has no hosts). Outside the role-store API; it needs the same permission as a grant.
    func demoConnectRoute(_ request: Request, path: String) async -> Reply? {
        guard path == "/privx-rolestore-sim/connect" else { return nil }
        guard request.method == .post else { return methodNotAllowed(request.method, path) }
        let query = QueryString.parse(request.uri.query ?? "")
        do throws(APIError) {
            _ = try authorizeAny(request, Self.grantWritePermissions)
            guard let user = query["user_id"], let role = query["role_id"] else {
                throw APIError.badRequest("MISSING_REQUIRED_FIELD", "send user_id and role_id as query parameters", property: "user_id")
            }
            return .json(200, try await store.startFloating(user: user, role: role))
        } catch {
            return .error(error)
        }
    }

    /// The caller when it holds at least one of `permissions`; the refusal names the first.
    func authorizeAny(_ request: Request, _ permissions: [String]) throws(APIError) -> Caller {
        let caller = try authorize(request, nil)
        guard permissions.contains(where: { caller.permissions.contains($0) }) else { throw APIError.permissionDenied(permissions.joined(separator: " or ")) }
        return caller
    }
}
