/// Everything the console and the headless commands ask of a PrivX role store. The console depends
/// on this protocol only; `PrivXClient` is the HTTP implementation. Methods throw `PrivXError`.
public protocol RoleStoreAPI: Sendable {
    /// One page of roles.
    func roles(page: PageRequest) async throws -> Page<Role>
    /// Every role, in server order; pages after the first are fetched concurrently. `onPage` gets each
    /// page's roles in server order as soon as they and every page before them have arrived, with
    /// (loaded so far, total), so a reader can show rows while the rest are still on the wire.
    func allRoles(sortKey: String?, sortDirection: PageRequest.SortDirection?,
                  onPage: (@Sendable (_ roles: [Role], _ loaded: Int, _ total: Int) -> Void)?) async throws -> [Role]
    /// One role by id, as its whole document.
    func role(id: String) async throws -> Role
    /// Creates a role and returns its new id.
    func createRole(_ role: Role) async throws -> String
    /// Replaces a role with `role.document` (every key sent back, edits included).
    func updateRole(_ role: Role) async throws
    /// Deletes a role.
    func deleteRole(id: String) async throws
    /// Looks roles up by exact name (unknown names are simply absent from the answer).
    func resolveRoles(names: [String]) async throws -> [RoleRef]
    /// Searches roles by name; items may be partial (id, name, type, member_count).
    func searchRoles(names: [String], page: PageRequest) async throws -> Page<Role>
    /// Dry run of a role definition: which users its `source_rules` map.
    func evaluate(_ role: Role) async throws -> EvaluateResult
    /// One page of a role's members.
    func members(roleID: String, page: PageRequest) async throws -> Page<User>
    /// Every member of a role, in server order.
    func allMembers(roleID: String, progress: (@Sendable (Int, Int) -> Void)?) async throws -> [User]
    /// One user or API client by id (`GET /users/{id}`, users-view): what turns an `author`/`updatedby` id
    /// into a name a person recognises.
    func user(id: String) async throws -> User
    /// Users whose principal, name or e-mail match (`POST /users/search`, users-view), across directories.
    func searchUsers(_ search: UserSearch, page: PageRequest) async throws -> Page<User>
    /// A user's roles, explicit grants and mapped roles alike (`GET /users/{id}/roles`, users-view).
    func userRoles(userID: String) async throws -> [RoleHandle]
    /// Replaces a user's explicit grants with `roles` (`PUT /users/{id}/roles`); see `grantRole`/`revokeRole`.
    func setUserRoles(userID: String, roles: [RoleHandle]) async throws
    /// The user with the roles they hold now (`GET /users/{id}/resolve`, users-view).
    func resolveUser(id: String) async throws -> User
    /// The user directories.
    func sources() async throws -> [Source]
    /// AWS roles; `refresh` re-scans AWS first and can take seconds.
    func awsRoles(refresh: Bool) async throws -> [AWSRole]
    /// One AWS role.
    func awsRole(id: String) async throws -> AWSRole
    /// Removes PrivX's cached copy of an AWS role and its mappings.
    func deleteAWSRole(id: String) async throws
    /// The PrivX roles that grant an AWS role.
    func awsRoleLinkedRoles(id: String) async throws -> [RoleRef]
    /// Replaces the whole set of PrivX roles that grant an AWS role.
    func setAWSRoleLinkedRoles(id: String, roles: [RoleRef]) async throws
    /// A role's principal keys (`{id, public_key}`; an empty public key is still being generated).
    func principalKeys(roleID: String) async throws -> [PrincipalKey]
    /// One principal key of a role.
    func principalKey(roleID: String, keyID: String) async throws -> PrincipalKey
    /// Asks the server to generate a key pair for a role; answers the new key's id at once, its public half
    /// follows later (see `PrincipalKeyGeneration`).
    func generatePrincipalKey(roleID: String) async throws -> String
    /// Imports a private key for a role; the key's text is sent once and kept nowhere.
    func importPrincipalKey(roleID: String, privateKey: PrivateKeyFile) async throws -> String
    /// Deletes a principal key from PrivX; hosts that hold its public half keep it.
    func deletePrincipalKey(roleID: String, keyID: String) async throws
    /// Who the caller is and what it may do (`GET /users/current`): the console's status bar and its keys
    /// greyed up front come from it.
    func currentIdentity() async throws -> CallerIdentity
    /// Server status (no permission needed).
    func status() async throws -> ServiceStatus
}

extension RoleStoreAPI {
    /// Every role in server order with no progress callback.
    public func allRoles() async throws -> [Role] {
        try await allRoles(sortKey: nil, sortDirection: nil, onPage: nil)
    }

    /// Every role in server order, reporting (loaded, total) as pages land in order.
    public func allRoles(progress: (@Sendable (Int, Int) -> Void)?) async throws -> [Role] {
        try await allRoles(sortKey: nil, sortDirection: nil, onPage: PageCollector.counting(progress))
    }

    /// Every role in server order, each page handed over in order as it lands (see the requirement).
    public func allRoles(onPage: @escaping @Sendable (_ roles: [Role], _ loaded: Int, _ total: Int) -> Void) async throws -> [Role] {
        try await allRoles(sortKey: nil, sortDirection: nil, onPage: onPage)
    }
}
