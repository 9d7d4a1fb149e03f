import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

/// The detail pane's content for the selected role or AWS role, as detail blocks.
public enum DetailContent {
    /// The laid-out lines of the current detail pane.
    public static func lines(_ state: AppState, width: Int, glyphs: Glyphs = .unicode) -> [DetailLine] {
        DetailView(blocks: blocks(state, glyphs: glyphs)).lines(width: width)
    }

    /// The blocks for the current screen's selection.
    public static func blocks(_ state: AppState, glyphs: Glyphs = .unicode) -> [DetailBlock] {
        switch state.screen {
        case .roles:
            guard let row = state.detailRole else { return [.paragraph(state.roles.list.loading ? "Loading…" : "No role selected.")] }
            return roleBlocks(row, state: state, glyphs: glyphs)
        case .awsRoles:
            guard let row = state.detailAWSRole else { return [.paragraph(state.awsRoles.list.loading ? "Loading…" : "No AWS role selected.")] }
            return awsBlocks(row, state: state)
        default:
            return []
        }
    }

    static func roleBlocks(_ row: RoleRow, state: AppState, glyphs: Glyphs) -> [DetailBlock] {
        let role = row.role
        var blocks: [DetailBlock] = [.section(role.name + (role.system ? "  (system role)" : ""))]
        if let comment = role.comment, !comment.isEmpty { blocks.append(.field(key: "Comment", value: comment, style: .normal)) }
        let members = role.memberCount.map { count in
            "\(count)" + (role.explicitCount.map { " (\($0) explicit)" } ?? "") + " · m lists them"
        } ?? "unknown · m lists them"
        blocks.append(.field(key: "Members", value: members, style: .normal))
        if !role.tags.isEmpty { blocks.append(.field(key: "Tags", value: role.tags.joined(separator: ", "), style: .normal)) }
        let updated = RoleRow.shortTime(role.updated) + (role.updatedBy.map { " by \(state.roles.personName($0))" } ?? "")
        blocks.append(.field(key: "Updated", value: updated, style: .muted))
        if let author = role.author { blocks.append(.field(key: "Author", value: state.roles.personName(author), style: .muted)) }
        blocks.append(.field(key: "ID", value: role.id, style: .muted))

        blocks += [.blank, .section("Permissions (\(role.permissions.count))")]
        let groups = permissionGroups(role.permissions)
        if groups.isEmpty { blocks.append(.paragraph("none")) }
        for group in groups { blocks.append(.field(key: group.resource, value: group.verbs.joined(separator: ", "), style: .normal)) }

        blocks += [.blank, .section("Context")]
        let schedule = row.schedule ?? ContextSchedule(enabled: false, blockRole: false, validity: [], startTime: nil,
                                                       endTime: nil, timeZone: nil, ipMasks: nil)
        for sentence in schedule.sentences { blocks.append(.paragraph(sentence)) }
        if schedule.enabled { blocks += weekGrid(schedule, glyphs: glyphs).map(DetailBlock.paragraph) }

        blocks += [.blank, .section("Mapping rules")]
        if let rules = role.sourceRules {
            if rules.mapsNobody { blocks.append(.paragraph("maps nobody (members are explicit only)")) }
            else { blocks += ruleLines(rules, sources: state.sourceNames, glyphs: glyphs).map(DetailBlock.paragraph) }
        } else {
            blocks.append(.paragraph("none sent by the server"))
        }

        let roleID = row.id
        let granted = state.awsRoles.list.catalog.rows.filter { $0.mappedRoleIDs.contains(roleID) }
        blocks += [.blank, .section("AWS roles this role grants (\(granted.count))")]
        if !state.awsRoles.list.loaded { blocks.append(.paragraph(state.awsRoles.list.loading ? "loading…" : "not loaded")) }
        else if granted.isEmpty { blocks.append(.paragraph("none · a chooses")) }
        for aws in granted.sorted(by: { $0.awsRole.name < $1.awsRole.name }) {
            blocks.append(.field(key: aws.awsRole.name, value: aws.account + (aws.isMissing ? " MISSING" : ""),
                                 style: aws.isMissing ? .warning : .muted))
        }
        return blocks + principalKeyBlocks(role)
    }

    static func awsBlocks(_ row: AWSRoleRow, state: AppState) -> [DetailBlock] {
        let aws = row.awsRole
        var blocks: [DetailBlock] = [.section(aws.name)]
        blocks.append(.field(key: "ARN", value: aws.arn, style: .normal))
        if let description = aws.description, !description.isEmpty { blocks.append(.field(key: "Description", value: description, style: .normal)) }
        blocks.append(.field(key: "Account", value: row.account, style: .normal))
        blocks.append(.field(key: "Path", value: row.path, style: .normal))
        blocks.append(.field(key: "Status", value: row.isMissing ? "MISSING: not found in AWS on the latest scan" : (aws.status ?? "OK"),
                             style: row.isMissing ? .warning : .ok))
        let source = aws.source.map { state.sourceNames[$0] ?? $0 } ?? "–"
        blocks.append(.field(key: "Source", value: source, style: .normal))
        blocks.append(.field(key: "Updated", value: RoleRow.shortTime(aws.updated), style: .muted))
        blocks += [.blank, .section("Mapped PrivX roles (\(aws.roles.count))")]
        if aws.roles.isEmpty { blocks.append(.paragraph("none · m maps roles")) }
        for ref in aws.roles.sorted(by: { $0.name < $1.name }) { blocks.append(.paragraph(ref.name)) }
        return blocks
    }

    /// Permissions grouped by resource: `roles` → `view, manage`.
    public static func permissionGroups(_ permissions: [String]) -> [(resource: String, verbs: [String])] {
        var order: [String] = []
        var verbs: [String: [String]] = [:]
        for permission in permissions.sorted() {
            var resource = permission, verb = "yes"
            if let dash = permission.lastIndex(of: "-") {
                resource = String(permission[..<dash])
                verb = String(permission[permission.index(after: dash)...])
            }
            if verbs[resource] == nil { order.append(resource) }
            verbs[resource, default: []].append(verb)
        }
        return order.map { ($0, verbs[$0] ?? []) }
    }

    /// Seven rows (Mon–Sun) of 24 hour cells: filled where the role is active. Padding uses no-break
    /// spaces (dots in ASCII) so word wrapping keeps the columns.
    public static func weekGrid(_ schedule: ContextSchedule, glyphs: Glyphs) -> [String] {
        let on = glyphs.asciiOnly ? "#" : "█", off = glyphs.asciiOnly ? "." : "·"
        let pad = glyphs.asciiOnly ? "_" : "\u{00A0}"
        var lines = ["hour" + pad + "0     6     12    18   24".replacingOccurrences(of: " ", with: pad)]
        for day in 0..<7 {
            var line = ContextSchedule.weekdayNames[day] + pad + pad
            for hour in 0..<24 { line += schedule.isActive(day: day, minute: hour * 60 + 30) ? on : off }
            lines.append(line)
        }
        return lines
    }

    /// The rule tree as indented lines with source names instead of ids.
    public static func ruleLines(_ rule: SourceRule, sources: [String: String], glyphs: Glyphs) -> [String] {
        var out: [String] = []
        func label(_ node: SourceRule) -> String {
            if node.isGroup { return "\(node.match ?? "ANY") of" }
            let source = node.source.map { sources[$0] ?? $0 } ?? "?"
            return "\(source): \(node.searchString ?? "")"
        }
        func visit(_ node: SourceRule, prefix: String, isLast: Bool, depth: Int) {
            let branch = depth == 0 ? "" : (isLast ? glyphs.treeLast : glyphs.treeBranch) + " "
            out.append(prefix + branch + label(node))
            let childPrefix = depth == 0 ? "" : prefix + (isLast ? "   " : glyphs.treePipe + " ")
            for (i, child) in node.rules.enumerated() {
                visit(child, prefix: childPrefix, isLast: i == node.rules.count - 1, depth: depth + 1)
            }
        }
        visit(rule, prefix: "", isLast: true, depth: 0)
        return out
    }
}
