import Foundation

/// A password written into a URL (`http://user:pw@host`) is a secret like any other: every place that
/// echoes the base URL (status, `config show`, error texts, descriptions) shows it masked, as proxy
/// credentials are.
public enum URLRedaction {
    /// The URL with the password of its user info replaced by `********`; any other URL unchanged.
    public static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityStart = scheme.upperBound
        let rest = url[authorityStart...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        // The user info ends at the LAST @ of the authority (a password may itself hold an unescaped @).
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "********" + String(url[at...])
    }

    /// True when the URL carries a password in its user info.
    public static func holdsPassword(_ url: String) -> Bool {
        redact(url) != url
    }
}
