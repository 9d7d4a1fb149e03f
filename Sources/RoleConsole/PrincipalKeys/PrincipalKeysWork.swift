import PrivXAPI

/// Work on a role's principal keys, run by `EffectRunner` (`EffectRunner+PrincipalKeys.swift`). An import
/// carries the file's path, never the key: the runner reads the file when it sends the request, so the key's
/// text is in no effect, message, log line or state.
public enum PrincipalKeysEffect: Sendable, Hashable {
    /// `GET …/principalkeys`: the keys with their ids (the role's `principal_public_key_strings` has no ids).
    case load(roleID: String, roleName: String)
    /// `POST …/generate`, then poll the new key with backoff for at most `waitSeconds`.
    case generate(roleID: String, roleName: String, waitSeconds: Double)
    /// `POST …/import` with the private key read from `path`.
    case importKey(roleID: String, roleName: String, path: String)
    /// `DELETE …/principalkeys/{keyID}`.
    case delete(roleID: String, roleName: String, keyID: String, fingerprint: String)

    /// The job its failure is reported as.
    var job: PrincipalKeysJob {
        switch self {
        case .load(_, let name): .load(roleName: name)
        case .generate(_, let name, _): .generate(roleName: name)
        case .importKey(_, let name, let path): .importKey(roleName: name, path: path)
        case .delete(_, let name, _, let fingerprint): .delete(roleName: name, fingerprint: fingerprint)
        }
    }
}

/// A principal key job, for its error message and the action a 403 makes unavailable.
public enum PrincipalKeysJob: Sendable, Hashable {
    case load(roleName: String)
    case generate(roleName: String)
    case importKey(roleName: String, path: String)
    case delete(roleName: String, fingerprint: String)

    /// "Generating a principal key for db-admins".
    var phrase: String {
        switch self {
        case .load(let name): "Loading the principal keys of \(name)"
        case .generate(let name): "Generating a principal key for \(name)"
        case .importKey(let name, let path): "Importing the private key in \(path) into \(name)"
        case .delete(let name, let fingerprint): "Deleting the principal key \(fingerprint) of \(name)"
        }
    }

    /// Reading keys needs roles-view (the `K` action); the writes roles-manage (their own action id, so a
    /// refused write leaves the list readable). See docs/role-store-evidence.md, "Principal keys".
    var action: ActionID { isRead ? .principalKeys : .managePrincipalKeys }

    /// True for the read.
    var isRead: Bool { if case .load = self { true } else { false } }

    var roleName: String {
        switch self {
        case .load(let name), .generate(let name), .importKey(let name, _), .delete(let name, _): name
        }
    }
}

/// What came back from principal key work.
public enum PrincipalKeysResult: Sendable {
    /// The role's keys as the server lists them.
    case loaded(roleID: String, keys: [PrincipalKey])
    /// A generated key is not ready yet: the POST answered with `keyID`; `poll` reads so far, `waited` seconds.
    case progress(roleID: String, keyID: String, poll: Int, waited: Double)
    /// A write the server holds (read back), with the keys and the role read after it (nil when that read failed).
    case changed(roleID: String, PrincipalKeyChange, keys: [PrincipalKey]?, role: Role?)

    /// The role it is about.
    var roleID: String {
        switch self {
        case .loaded(let id, _), .progress(let id, _, _, _), .changed(let id, _, _, _): id
        }
    }
}

/// One change to a role's keys, as read back.
public enum PrincipalKeyChange: Sendable {
    case generated(PrincipalKey)
    case imported(PrincipalKey, path: String)
    case deleted(keyID: String, fingerprint: String)

    /// The key the list selects after the change (nil after a delete).
    var keyID: String? {
        switch self {
        case .generated(let key), .imported(let key, _): key.id
        case .deleted: nil
        }
    }

    /// What the person is told.
    func notice(roleName: String) -> String {
        switch self {
        case .generated(let key):
            "The new key of \(roleName) is ready: \(PrincipalKeysState.describe(key)). PrivX places its public half on the role's target hosts."
        case .imported(let key, let path):
            "Imported the key in \(path) into \(roleName): \(PrincipalKeysState.describe(key))."
        case .deleted(_, let fingerprint):
            "Deleted the key \(fingerprint) of \(roleName). " + PrincipalKey.hostsKeepKey
        }
    }
}
