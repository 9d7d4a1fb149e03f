import PrivXAPI
import TerminalUI

/// The "Principal keys" part of the role detail pane, read from the role's `principal_public_key_strings`
/// (`Role.principalPublicKeys`): the role document mirrors the public keys (list pages carry it), so moving
/// through the roles costs no call per role. The key ids, needed to delete one, and keys still being generated
/// come from `GET …/principalkeys` when `K` opens the panel; after a change there the role is read again, so
/// this part follows.
extension DetailContent {
    static func principalKeyBlocks(_ role: Role) -> [DetailBlock] {
        let lines = role.principalPublicKeys
        var blocks: [DetailBlock] = [.blank, .section("Principal keys (\(lines.count))")]
        if lines.isEmpty { return blocks + [.paragraph("none · K generates or imports one")] }
        for line in lines {
            guard let key = SSHPublicKey(line: line) else {
                blocks.append(.field(key: "unreadable", value: String(line.prefix(60)), style: .warning))
                continue
            }
            // One paragraph per key (not a field, whose key column the pane's longest key sets): the
            // fingerprint stays on one line wherever the pane is 63 columns wide.
            blocks.append(.paragraph("\(key.summary)  \(key.fingerprint)" + (key.comment.map { "  " + $0 } ?? "")))
        }
        return blocks + [.paragraph("K lists them with their ids: generate, import, delete, copy")]
    }
}

extension AppState {
    /// A principal keys result for the panel: the open panel of that role takes it, and a change that lands
    /// after the panel closed is still announced (the roles table takes the re-read role in `Console+Results`).
    mutating func principalKeysResult(_ message: Message) -> [Effect] {
        guard case .principalKeys(let result) = message else { return [] }
        if case .changed(_, let change, _, let role?) = result, principalKeys?.roleID != result.roleID {
            withContext { $0.post(.success, change.notice(roleName: role.name), seconds: 8) }
        }
        return route(message, to: \.principalKeys)
    }
}
