import RoleStoreSimulator

/// The `--print-demo-credentials` text: one block per demo API client, ready to paste into a shell.
enum DemoCredentialsText {
    static func render() -> String {
        DemoCredentials.all.map { credential in
            let permissions = credential.name == "admin" ? "all (\(credential.permissions.count))" : credential.permissions.joined(separator: ", ")
            return """
            # \(credential.name): \(permissions)
            PRIVX_API_OAUTH_CLIENT_ID=\(credential.oauthClientID)
            PRIVX_API_OAUTH_CLIENT_SECRET=\(credential.oauthClientSecret)
            PRIVX_API_CLIENT_ID=\(credential.apiClientID)
            PRIVX_API_CLIENT_SECRET=\(credential.apiClientSecret)
            """
        }.joined(separator: "\n\n")
    }
}
