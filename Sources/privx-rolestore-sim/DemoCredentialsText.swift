import RoleStoreSimulator

/// The `--print-demo-credentials` text: one block per demo API client, ready to paste into a shell, then the
/// demo users who log in as themselves (the passwords are demo-only and printed nowhere else).
enum DemoCredentialsText {
    static func render() -> String {
        let clients = DemoCredentials.all.map { credential in
            let permissions = credential.name == "admin" ? "all (\(credential.permissions.count))" : credential.permissions.joined(separator: ", ")
            return """
            # \(credential.name): \(permissions)
            PRIVX_API_OAUTH_CLIENT_ID=\(credential.oauthClientID)
            PRIVX_API_OAUTH_CLIENT_SECRET=\(credential.oauthClientSecret)
            PRIVX_API_CLIENT_ID=\(credential.apiClientID)
            PRIVX_API_CLIENT_SECRET=\(credential.apiClientSecret)
            """
        }
        let users = DemoUsers.all.map { user in
            let roles = user.roles.map(\.name).joined(separator: ", ")
            let permissions = user.permissions == SimulatorPermissions.all ? "all (\(user.permissions.count))"
                : user.permissions.joined(separator: ", ")
            return """
            # user \(user.name) (\(user.fullName)), \(user.summary); roles: \(roles); permissions: \(permissions)
            # privx-roles --user \(user.name)    (password: \(user.password))
            """
        }
        return (clients + ["# Demo users: log in as yourself with --user NAME and the password at the prompt."] + users)
            .joined(separator: "\n\n")
    }
}
