import ArgumentParser
import Foundation
import PrivXAPI
import RoleEditing

/// `privx-roles roles set-context ROLE… [flags]`: the console's context form as flags, for many roles.
struct RolesSetContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-context", abstract: "Change the contextual limitation (days, hours, zone, IP ranges) of roles.",
        discussion: """
            The console's context form as flags, with its validation: a field is checked when it is changed (times \
            HH:MM, a known time zone, CIDR ranges), and all of them when --on turns the limits on; fields not given \
            are left as they are. Each role is read, changed and written on its own, re-read just before the write \
            (a role changed meanwhile is refused, never overwritten) and read back; one line per role says what \
            changed. Exit codes: 0 every role changed or unchanged, 1 API error or a role refused, 2 usage.
            """)

    @Argument(help: "Role names or ids.")
    var roles: [String]

    @Flag(name: .long, help: "Turn the limits on.")
    var on = false

    @Flag(name: .long, help: "Turn the limits off (the role is active at all times, from any address).")
    var off = false

    @Option(name: .long, help: "Days: mon-fri, mon,wed,fri, weekend, all.")
    var days: String?

    @Option(name: .long, help: "Start of the daily window, HH:MM.")
    var start: String?

    @Option(name: .long, help: "End of the daily window, HH:MM (exclusive; 24:00 is the end of the day).")
    var end: String?

    @Option(name: .long, help: "Time zone of the window, e.g. Europe/Helsinki.")
    var timezone: String?

    @Option(name: .long, parsing: .upToNextOption, help: "The allowed client ranges (CIDR), replacing the list.")
    var ip: [String] = []

    @Option(name: .customLong("add-ip"), parsing: .upToNextOption, help: "Add client ranges (CIDR).")
    var addIP: [String] = []

    @Option(name: .customLong("remove-ip"), parsing: .upToNextOption, help: "Remove client ranges (CIDR).")
    var removeIP: [String] = []

    @Flag(name: .long, help: "Outside the limits the role is not granted.")
    var block = false

    @Flag(name: .long, help: "Outside the limits the role is granted with an audit event.")
    var audit = false

    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    /// The flags as an edit of the form.
    func edit() throws -> ContextEdit {
        var edit = ContextEdit()
        if on && off { throw ValidationError("choose one of --on and --off") }
        if block && audit { throw ValidationError("choose one of --block and --audit") }
        if !ip.isEmpty && !(addIP.isEmpty && removeIP.isEmpty) { throw ValidationError("--ip replaces the list: use it without --add-ip/--remove-ip") }
        if on { edit.enabled = true }
        if off { edit.enabled = false }
        if block { edit.blockRole = true }
        if audit { edit.blockRole = false }
        if let days {
            switch ContextEdit.days(days) {
            case .success(let set): edit.days = set
            case .failure(let problem): throw ValidationError(problem.message)
            }
        }
        edit.start = start
        edit.end = end
        edit.timeZone = timezone
        if !ip.isEmpty { edit.ipMasks = ip }
        edit.addIPMasks = addIP
        edit.removeIPMasks = removeIP
        if edit.isEmpty { throw ValidationError("say what to change: --on/--off, --days, --start, --end, --timezone, --ip/--add-ip/--remove-ip, --block/--audit") }
        return edit
    }

    func validate() throws {
        if roles.isEmpty { throw ValidationError("name at least one role") }
        _ = try edit()
    }

    func run() async throws {
        let edit = try edit()
        var report = RoleReport()
        try await withClient(connection) { client in
            let refs = try await ReferenceResolver(api: client).roleRefs(roles)
            var seen: Set<String> = []
            for ref in refs where seen.insert(ref.id).inserted {
                report.add(await RoleReport.attempt(role: ref.name, id: ref.id, action: "set-context") {
                    try await Self.change(client, ref: ref, edit: edit)
                })
            }
        }
        try report.finish(json: output.json)
    }

    /// One role: read, edit the form's context, validate what changed, write with the lost-update check.
    static func change(_ client: any RoleStoreAPI, ref: RoleRef, edit: ContextEdit) async throws -> RoleReport.Entry {
        let current: Role
        do {
            current = try await client.role(id: ref.id)
        } catch let error as PrivXError where error.status == 404 {
            return .init(role: ref.name, id: ref.id, action: "set-context", result: "refused", detail: "deleted on the server meanwhile")
        }
        var notes: [String] = []
        var draft = RoleDraft(current)
        draft.context = edit.applied(to: draft.context, notes: &notes)
        if let problem = RoleDocumentCheck.describe(draft.problems) {
            return .init(role: current.name, id: current.id, action: "set-context", result: "refused", detail: problem)
        }
        let changes = draft.changes(from: current)
        let outcome = try await RoleWriteGuard.update(client, id: current.id, base: RoleBase(current),
                                                      holds: { after, _ in draft.changes(from: after).isEmpty }) { now in
            changes.isEmpty ? nil : draft.applied(to: now).document
        }
        var entry = RoleReport.entry(outcome, role: current.name, id: current.id, action: "set-context") { after in
            DocumentDiff.changes(from: current.context?.document ?? JSONObject(), to: after.context?.document ?? JSONObject(), prefix: "context")
        }
        if !notes.isEmpty { entry.detail = ([entry.detail].compactMap { $0 } + notes).joined(separator: "; ") }
        return entry
    }
}
