/// Data built to break naive clients and terminals: escape sequences (OSC title change, CSI clear and
/// cursor moves, DCS), C0/C1 controls, bidi overrides, zero-width characters, combining marks, wide
/// characters, 10 000-character strings, 1000 tags, mapping rules nested 100 deep, and null, missing and
/// wrongly typed fields. `--seed hostile` adds it to the small seed; every value is deterministic.
public enum HostileSeed {
    /// The hostile texts, each tried as a role name, comment, tag, user name, AWS role name and ARN.
    public static let strings: [String] = [
        "osc-title \u{1B}]0;PWNED\u{07}",
        "osc-st \u{1B}]2;PWNED\u{1B}\\",
        "csi-clear \u{1B}[2J\u{1B}[H",
        "cursor-moves \u{1B}[10;10H\u{1B}[5A\u{1B}[3D\u{1B}7\u{1B}8",
        "sgr \u{1B}[31;1;5mred\u{1B}[0m \u{1B}[?1049l",
        "dcs \u{1B}P1$qm\u{1B}\\ apc \u{1B}_x\u{1B}\\",
        "c0 " + String(String.UnicodeScalarView((1..<32).compactMap { Unicode.Scalar($0) })) + "\u{7F}",
        "c1 \u{80}\u{85}\u{8D}\u{9B}31m\u{9D}0;PWNED\u{9C}\u{9F}",
        "bidi \u{202E}nimda-toor\u{202C} \u{2066}x\u{2069}\u{200F}\u{061C}",
        "zero\u{200B}width\u{200C}joiner\u{200D}bom\u{FEFF}wj\u{2060}",
        "combining e" + String(repeating: "\u{0301}", count: 60) + "Z\u{0336}\u{0337}\u{0338}\u{0489}",
        "wide 管理者ロール 🔥👩‍👩‍👧‍👦🇫🇮",
        "newline\nreturn\rtab\tbackspace\u{08}\u{08}bell\u{07}",
        "long " + String(repeating: "ABCDEFGHIJ", count: 1000),
    ]

    /// A string of `count` characters mixing the hostile texts, for comments and descriptions.
    static func long(_ count: Int) -> String {
        var text = ""
        var index = 0
        while text.count < count {
            text += strings[index % (strings.count - 1)] + " "
            index += 1
        }
        return String(text.prefix(count))
    }

    /// A GROUP tree `depth` levels deep with a RULE on `source` at the bottom.
    static func nestedRules(depth: Int, source: String) -> SimulatorJSON {
        var node: SimulatorJSON = ["type": "RULE", "source": .string(source),
                                   "search_string": "(principal=\u{1B}[2J*)", "rules": []]
        for level in 0..<depth {
            node = ["type": "GROUP", "match": level % 2 == 0 ? "ANY" : "ALL", "rules": [node]]
        }
        return node
    }

    /// The hostile roles, ids derived from a fixed seed.
    static func roles(localSourceID: String) -> [SimulatorJSON] {
        var rng = SplitMix64(seed: 0xBAD_DA7A)
        let stamp = "2025-06-01T00:00:00Z"
        var out: [SimulatorJSON] = []
        let everyone: SimulatorJSON = ["type": "GROUP", "match": "ANY", "rules": [
            ["type": "RULE", "source": .string(localSourceID), "search_string": "", "rules": []]]]
        for (index, text) in strings.enumerated() {
            out.append([
                "id": .string(rng.uuid()), "name": .string("hostile-\(index) \(text)"),
                "comment": .string(text), "permissions": ["roles-view", .string(text)],
                "tags": .array(strings.map { .string($0) }), "source_rules": everyone,
                "system": false, "created": .string(stamp), "updated": .string(stamp),
                "author": .string(text), "updatedby": .string(text), "access_group_id": .string(text),
            ])
        }
        out.append([
            "id": .string(rng.uuid()), "name": "hostile-big \u{1B}]0;PWNED\u{07}",
            "comment": .string(long(10_000)),
            "tags": .array((0..<1000).map { .string("tag-\($0) " + strings[$0 % strings.count].prefix(40)) }),
            "permissions": .array((0..<60).map { .string("permission-\($0)-\u{202E}") }),
            "source_rules": nestedRules(depth: 100, source: localSourceID),
            "context": ["enabled": true, "block_role": .null, "validity": ["MON", .null, "\u{1B}[2J"],
                        "start_time": "25:99", "end_time": .null, "timezone": "\u{202E}Europe/Helsinki", "ip_masks": .null],
            "system": false, "created": .string(stamp), "updated": .string(stamp),
        ])
        out.append([
            "id": .string(rng.uuid()), "name": .null, "comment": .null, "permissions": .null, "tags": .null,
            "source_rules": .null, "context": .null, "access_group_id": .null, "permit_agent": .null,
            "system": .null, "created": .null, "updated": .null, "author": .null, "updatedby": .null,
        ])
        out.append(["id": .string(rng.uuid())])
        out.append([
            "id": .string(rng.uuid()), "name": "hostile-wrong-types", "comment": 42, "permissions": ["a": 1],
            "tags": "not-a-list", "source_rules": [1, 2], "context": "always", "permit_agent": "yes",
            "created": 1_700_000_000, "updated": ["2025"], "system": "no",
            "x_nested": ["a": ["b": ["c": [.null, ["d": "\u{1B}[2J"]]]]],
        ])
        out.append([
            "id": .string(rng.uuid()), "name": .string("hostile-name " + String(repeating: "\u{202E}W", count: 5000)),
            "source_rules": ["type": "GROUP", "match": "ALL", "rules": .null],
        ])
        return out
    }

    /// Hostile AWS roles, mapped to some of the hostile roles.
    static func awsRoles(sourceID: String, roles: [SimulatorJSON]) -> [SimulatorJSON] {
        var rng = SplitMix64(seed: 0xBAD_A775)
        let mapped: [SimulatorJSON] = roles.prefix(6).map { ["id": $0["id"] ?? .null, "name": $0["name"] ?? .null] }
        var out: [SimulatorJSON] = []
        for (index, text) in strings.enumerated() {
            out.append([
                "id": .string(rng.uuid()), "name": .string("Hostile\(index) \(text)"),
                "arn": .string("arn:aws:iam::111122223333:role/hostile/\(text)"),
                "description": .string(index == 0 ? long(10_000) : text), "source": .string(sourceID),
                "status": index % 3 == 0 ? .null : "OK", "updated": "2025-06-01T00:00:00Z",
                "roles": index % 4 == 0 ? .null : .array(mapped + [["id": .string(text), "name": .string(text)]]),
            ])
        }
        out.append(["id": .string(rng.uuid())])
        out.append(["id": .string(rng.uuid()), "name": .null, "arn": 7, "roles": [.null, 3, ["id": .null]], "status": ["x"]])
        return out
    }

    /// Directory users with hostile names, in the LOCAL directory.
    static func users(startIndex: Int, localSourceID: String) -> [DirectoryUser] {
        var rng = SplitMix64(seed: 0xBAD_05E5)
        return strings.enumerated().map { offset, text in
            DirectoryUser(index: startIndex + offset, id: rng.uuid(), principal: "hostile\(offset)\(text)", fullName: text,
                          givenName: text, email: "\(text)@example.com", sourceID: localSourceID, sourceType: "LOCAL",
                          distinguishedName: "CN=\(text),DC=example,DC=com", department: text, jobTitle: text,
                          attributes: [(key: text, value: text)], memberOf: [text], tags: [text], created: "2025-06-01T00:00:00Z")
        }
    }
}
