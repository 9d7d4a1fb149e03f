import PrivXAPI

/// The human-readable view of one role used by `roles show`.
enum RoleDescription {
    static func render(_ role: Role, sources: [Source]) -> String {
        var pairs: [(String, String)] = [
            ("name", role.name),
            ("id", role.id),
            ("comment", role.comment ?? ""),
            ("permissions", role.permissions.isEmpty ? "(none)" : role.permissions.joined(separator: ", ")),
            ("tags", role.tags.joined(separator: ", ")),
            ("members", role.memberCount.map { count in
                "\(count)" + (role.explicitCount.map { " (\($0) explicit)" } ?? "")
            } ?? "-"),
            ("system", role.system ? "yes" : "no"),
        ]
        if let created = role.created { pairs.append(("created", created + (role.author.map { " by \($0)" } ?? ""))) }
        if let updated = role.updated { pairs.append(("updated", updated + (role.updatedBy.map { " by \($0)" } ?? ""))) }
        if let agent = role.permitAgent { pairs.append(("permit agent", agent ? "yes" : "no")) }
        pairs.append(("context", describe(role.context)))
        var text = TableFormatter.keyValues(pairs)
        text += "\nsource rules:"
        if let rules = role.sourceRules {
            let names = Dictionary(sources.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            text += "\n" + tree(rules, sourceNames: names, depth: 1).joined(separator: "\n")
        } else {
            text += " (none)"
        }
        return text
    }

    static func describe(_ context: RoleContext?) -> String {
        guard let context, context.enabled else { return "no limitation" }
        let days = context.validity.isEmpty ? "every day" : context.validity.joined(separator: ",")
        let start = context.startTime ?? "00:00", end = context.endTime ?? "00:00"
        let hours = start == end ? "all day" : "\(start)-\(end)"
        let zone = context.timezone ?? "UTC"
        let masks = context.ipMasks.isEmpty ? "any address" : context.ipMasks.joined(separator: ",")
        return "\(days) \(hours) \(zone), from \(masks); outside: " + (context.blockRole ? "blocked" : "granted with audit event")
    }

    static func tree(_ rule: SourceRule, sourceNames: [String: String], depth: Int) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        if rule.isGroup {
            let children = rule.rules
            var lines = [indent + "\(rule.match ?? "ANY") of \(children.count)" + (children.isEmpty ? " (maps nobody)" : ":")]
            for child in children { lines += tree(child, sourceNames: sourceNames, depth: depth + 1) }
            return lines
        }
        let source = rule.source.map { sourceNames[$0] ?? $0 } ?? "?"
        return [indent + "\(source): \(rule.searchString ?? "")"]
    }
}
