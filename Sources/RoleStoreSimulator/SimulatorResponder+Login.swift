import Foundation
import Hummingbird

/// The person login endpoints (`AuthorizationCodeFlow`), the token endpoint's dispatch between API clients and
/// the `privx-ui` client, and `GET /role-store/api/v1/users/current`.
extension SimulatorResponder {
    /// The answer for an `/auth/api/v1/...` path of the person login, or nil for any other path.
    func loginRoute(_ request: Request, path: String) async -> Reply? {
        switch path {
        case "/auth/api/v1/oauth/authorize":
            guard request.method == .get else { return .oauth(Self.methodNotAllowed(request.method, path)) }
            do {
                let location = try login.authorize(query: QueryString.parse(request.uri.query ?? ""))
                // Go SDK `authSession`: `Status(307)`, then the `token` query parameter of `Location`.
                return Reply(status: 307, body: [], contentType: nil, location: location)
            } catch {
                return .oauth(error)
            }
        case "/auth/api/v1/login":
            guard request.method == .post else { return .oauth(Self.methodNotAllowed(request.method, path)) }
            if let wrongType = checkContentType(request, expected: "application/json") { return .error(wrongType) }
            switch await readBody(request) {
            case .failure(let error): return .error(error)
            case .success(let bytes):
                do { return .json(200, try login.login(body: bytes)) } catch { return .oauth(error) }
            }
        default:
            return nil
        }
    }

    /// The token request: the public `privx-ui` client (no Basic header, `client_id` in the form, as the Go SDK's
    /// `authAccessToken` and `authRefreshToken` send it) or an API client with its Basic header.
    func tokenAnswer(authorization: String?, form: [String: String]) throws(OAuthError) -> SimulatorJSON {
        if authorization == nil, form["client_id"] == AuthorizationCodeFlow.clientID {
            return try login.token(form: form)
        }
        return try tokens.issue(authorization: authorization, form: form)
    }

    /// `GET /users/current`: the caller as a user document (the Go SDK's `rolestore.User` fields: `principal`,
    /// `full_name`, `source`, `source_type`, `roles` with their `permissions`, and the effective `permissions`).
    /// Any valid token may ask; no permission is needed to read oneself. An API client is answered in the same
    /// shape with one role that carries its grant.
    func currentUser(_ request: Request) async throws(APIError) -> Reply {
        let caller = try authorize(request, nil)
        let localSource = store.directory.localSourceID
        func role(_ id: String, _ name: String, _ permissions: [String]) -> SimulatorJSON {
            ["id": .string(id), "name": .string(name), "permissions": .array(permissions.map { .string($0) }),
             "explicit": true, "implicit": false, "grant_type": "PERMANENT", "system": false]
        }
        var document: [String: SimulatorJSON] = ["id": .string(caller.authorID),
                                                 "permissions": .array(caller.permissions.map { .string($0) })]
        if let user = caller.user {
            document["principal"] = .string(user.name)
            document["full_name"] = .string(user.fullName)
            document["source"] = .string(localSource)
            document["source_type"] = "LOCAL"
            document["source_user_id"] = .string(user.id)
            document["roles"] = .array(user.roles.map { role($0.id, $0.name, $0.permissions) })
        } else if let client = caller.client {
            document["principal"] = .string(client.apiClientID)
            document["full_name"] = .string("Demo API client \(client.name)")
            document["source"] = .string(localSource)
            document["source_type"] = "LOCAL"
            document["roles"] = [role("d3e0a11c-0000-4000-8000-00000000c11\(DemoCredentials.all.firstIndex { $0.name == client.name } ?? 0)",
                                      "api-client-\(client.name)", client.permissions)]
        }
        return .json(200, .object(document))
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String) -> OAuthError {
        OAuthError(status: 405, error: "invalid_request", description: "\(method.rawValue) is not supported on \(path)")
    }
}
