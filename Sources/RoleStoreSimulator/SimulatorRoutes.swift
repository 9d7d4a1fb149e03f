import Foundation
import Hummingbird

/// The endpoint table of the contract: each path, its method, and the permission it needs.
extension SimulatorResponder {
    static let apiPrefix = "/role-store/api/v1"

    func route(_ request: Request, path: String) async -> Reply {
        let method = request.method
        if path == "/auth/api/v1/oauth/token" {
            guard method == .post else { return methodNotAllowed(method, path) }
            return await token(request)
        }
        if let reply = await loginRoute(request, path: path) { return reply }
        if let reply = await demoConnectRoute(request, path: path) { return reply }
        guard path.hasPrefix(Self.apiPrefix) else { return noSuchEndpoint(path) }
        let parts = path.dropFirst(Self.apiPrefix.count).split(separator: "/").map(String.init)
        let query = QueryString.parse(request.uri.query ?? "")
        do {
            switch (parts.first, parts.count) {
            case ("status"?, 1):
                guard method == .get else { return methodNotAllowed(method, path) }
                return .json(200, await store.status())
            case ("sources"?, 1):
                guard method == .get else { return methodNotAllowed(method, path) }
                _ = try authorize(request, "sources-view")
                return .list(await store.sources())
            case ("roles"?, _):
                return try await roles(request, method: method, path: path, parts: Array(parts.dropFirst()), query: query)
            case ("users"?, 2) where parts[1] == "search", ("users"?, 3):
                return try await users(request, method: method, path: path, parts: Array(parts.dropFirst()), query: query)
            case ("users"?, 2) where parts[1] == "current":
                guard method == .get else { return methodNotAllowed(method, path) }
                return try await currentUser(request)
            case ("users"?, 2):
                // GET /role-store/api/v1/users/{user_id}: "Get a user and its roles"
                // (privx.docs.ssh.com/api/role-store/users); the docs' scope for reading users is users-view.
                guard method == .get else { return methodNotAllowed(method, path) }
                _ = try authorize(request, "users-view")
                return .json(200, try await store.user(parts[1]))
            case ("awsroles"?, _):
                return try await awsRoles(request, method: method, path: path, parts: Array(parts.dropFirst()), query: query)
            default:
                return noSuchEndpoint(path)
            }
        } catch {
            return .error(error)
        }
    }

    private func roles(_ request: Request, method: HTTPRequest.Method, path: String, parts: [String],
                       query: [String: String]) async throws(APIError) -> Reply {
        switch (parts.count, parts.first) {
        case (0, _):
            if method == .get {
                _ = try authorize(request, "roles-view")
                let page = try PageRequest(query: query, allowedSortKeys: RoleStore.roleSortKeys)
                return .list(await store.listRoles(page))
            }
            guard method == .post else { return methodNotAllowed(method, path) }
            let caller = try authorize(request, "roles-manage")
            let body = try await readJSON(request).get()
            let id = try await store.createRole(body, authorID: caller.authorID)
            return .json(201, ["id": .string(id)])
        case (1, "resolve"?):
            guard method == .post else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "roles-view")
            return .list(try await store.resolve(try await readJSON(request).get()))
        case (1, "search"?):
            guard method == .post else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "roles-view")
            let page = try PageRequest(query: query, allowedSortKeys: RoleStore.roleSortKeys)
            return .list(try await store.search(try await readJSON(request).get(), page: page))
        case (1, "evaluate"?):
            guard method == .post else { return methodNotAllowed(method, path) }
            // roles-manage: role-store-api.md's endpoint table; PrivX documents evaluate as the dry run of
            // "a new role definition" and roles-manage as "creating and modifying roles" (docs/role-store-evidence.md).
            _ = try authorize(request, "roles-manage")
            return .list(try await store.evaluateRole(try await readJSON(request).get()))
        case (1, let id?):
            switch method {
            case .get:
                _ = try authorize(request, "roles-view")
                return .json(200, try await store.getRole(id))
            case .put:
                let caller = try authorize(request, "roles-manage")
                let body = try await readJSON(request).get()
                try await store.updateRole(id, body, authorID: caller.authorID)
                return .empty()
            case .delete:
                _ = try authorize(request, "roles-manage")
                try await store.deleteRole(id)
                return .empty()
            default:
                return methodNotAllowed(method, path)
            }
        case (_, let id?) where parts.count <= 3 && parts.count >= 2 && parts[1] == "principalkeys":
            return try await principalKeys(request, method: method, path: path, roleID: id, rest: Array(parts.dropFirst(2)))
        case (2, let id?) where parts[1] == "members":
            guard method == .get else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "roles-view")
            let page = try PageRequest(query: query, allowedSortKeys: RoleStore.userSortKeys)
            return .list(try await store.members(id, page: page))
        default:
            return noSuchEndpoint(path)
        }
    }

    /// `/roles/{id}/principalkeys[/generate|/import|/{key_id}]`. Reading keys is reading the role (roles-view);
    /// generating, importing and deleting change it (roles-manage): the reference pages print no per-call scope
    /// (docs/role-store-evidence.md, "Principal keys").
    private func principalKeys(_ request: Request, method: HTTPRequest.Method, path: String, roleID: String,
                               rest: [String]) async throws(APIError) -> Reply {
        switch (rest.first, method) {
        case (nil, .get):
            _ = try authorize(request, "roles-view")
            return .json(200, try await store.principalKeys(roleID: roleID))
        case ("generate"?, .post):
            _ = try authorize(request, "roles-manage")
            return .json(201, ["id": .string(try await store.generatePrincipalKey(roleID: roleID))])
        case ("import"?, .post):
            _ = try authorize(request, "roles-manage")
            let body = try await readJSON(request).get()
            return .json(201, ["id": .string(try await store.importPrincipalKey(roleID: roleID, body))])
        case (let keyID?, .get) where keyID != "generate" && keyID != "import":
            _ = try authorize(request, "roles-view")
            return .json(200, try await store.principalKey(roleID: roleID, keyID: keyID))
        case (let keyID?, .delete) where keyID != "generate" && keyID != "import":
            _ = try authorize(request, "roles-manage")
            try await store.deletePrincipalKey(roleID: roleID, keyID: keyID)
            return .empty()
        default:
            return methodNotAllowed(method, path)
        }
    }

    private func awsRoles(_ request: Request, method: HTTPRequest.Method, path: String, parts: [String],
                          query: [String: String]) async throws(APIError) -> Reply {
        switch parts.count {
        case 0:
            guard method == .get else { return methodNotAllowed(method, path) }
            _ = try authorize(request, "role-target-resources-view")
            var refresh = false
            if let text = query["refresh"] {
                switch text.lowercased() {
                case "true", "1": refresh = true
                case "false", "0", "": refresh = false
                default: throw .badRequest("VALUE_INCORRECT_TYPE", "refresh must be true or false, got '\(text)'", property: "refresh")
                }
            }
            if refresh {
                guard await shutdown.sleep(seconds: scanDelay) else {
                    throw APIError(503, "MAX_LOAD", "the server is shutting down; the AWS scan was not run")
                }
                try await store.rescanAWS()
            }
            return .list(await store.listAWSRoles())
        case 1:
            switch method {
            case .get:
                _ = try authorize(request, "role-target-resources-view")
                return .json(200, try await store.getAWSRole(parts[0]))
            case .delete:
                _ = try authorize(request, "role-target-resources-manage")
                try await store.deleteAWSRole(parts[0])
                return .empty()
            default:
                return methodNotAllowed(method, path)
            }
        case 2 where parts[1] == "roles":
            switch method {
            case .get:
                _ = try authorize(request, "role-target-resources-view")
                return .list(try await store.awsRoleMappings(parts[0]))
            case .put:
                _ = try authorize(request, "role-target-resources-manage")
                try await store.putAWSRoleMappings(parts[0], try await readJSON(request).get())
                return .empty()
            default:
                return methodNotAllowed(method, path)
            }
        default:
            return noSuchEndpoint(path)
        }
    }

    private func token(_ request: Request) async -> Reply {
        if let wrongType = checkContentType(request, expected: "application/x-www-form-urlencoded") { return .error(wrongType) }
        switch await readBody(request) {
        case .failure(let error): return .error(error)
        case .success(let bytes):
            let form = QueryString.parse(String(decoding: bytes, as: UTF8.self))
            do { return .json(200, try tokenAnswer(authorization: request.headers[.authorization], form: form)) } catch {
                return .oauth(error)
            }
        }
    }

    func noSuchEndpoint(_ path: String) -> Reply {
        .error(APIError(404, "OBJECT_NOT_FOUND", "there is no endpoint \(path); check the path against the role-store API"))
    }

    func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String) -> Reply {
        .error(APIError(405, "BAD_REQUEST", "\(method.rawValue) is not supported on \(path)"))
    }
}
