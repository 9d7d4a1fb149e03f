/// Why the client needs a person's password now.
public enum PasswordRequestReason: Sendable, Hashable {
    /// The first login of this run.
    case firstLogin
    /// The last password was refused; `attempt` counts from 2.
    case wrongPassword(attempt: Int)
    /// The session could not be renewed (the refresh token was refused or expired): logging in again resumes the
    /// work where it stopped.
    case sessionExpired
}

/// What the client asks a `PasswordProvider` for: whose password, and why.
public struct PasswordRequest: Sendable, Hashable {
    /// The PrivX user name being logged in.
    public let user: String
    public let reason: PasswordRequestReason

    /// A request for `user`'s password.
    public init(user: String, reason: PasswordRequestReason) {
        self.user = user
        self.reason = reason
    }
}

/// Supplies a person's password whenever the client must log in: at the first request, after a wrong password,
/// and when the session cannot be renewed. Returning nil declines; the request that needed the login then fails
/// with `PrivXError.loginRequired` and nothing else is lost (the caller can ask later and call
/// `PrivXClient.logIn(password:)`). The password is used for one login request and never kept.
///
/// Headless commands prompt on the terminal; the console will show a dialog over its screen.
public typealias PasswordProvider = @Sendable (PasswordRequest) async -> String?
