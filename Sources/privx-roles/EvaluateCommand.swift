import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles evaluate`: a dry run of a role's rules, listing the users they would map.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate",
                                                    abstract: "Show which users a role's source rules map (dry run).")

    @Option(name: .long, help: "An existing role, by name or id.")
    var role: String?

    @Option(name: .long, help: "A role definition in a JSON file (what counts is source_rules).")
    var file: String?

    @Flag(name: .long, help: "JSON output: {count, items}.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if (role == nil) == (file == nil) { throw ValidationError("give exactly one of --role NAME and --file ROLE.json") }
    }

    func run() async throws {
        let definition: Role?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PrivXError.configuration(source: "--file", key: file, expected: "a readable JSON file")
            }
            do {
                guard let object = try JSONParser.parse(Array(data)).objectValue else {
                    throw PrivXError.configuration(source: "--file", key: file, expected: "a JSON object (a role)")
                }
                definition = Role(document: object)
            } catch let error as JSONParseError {
                throw PrivXError.configuration(source: "--file", key: file, expected: "valid JSON (\(error))")
            }
        } else {
            definition = nil
        }
        let (name, result) = try await withClient(connection) { client in
            let target: Role
            if let definition {
                target = definition
            } else {
                target = try await ReferenceResolver(api: client).role(role ?? "")
            }
            return (target.name, try await client.evaluate(target))
        }
        if json {
            var object = JSONObject()
            object["count"] = .int(result.count)
            object["items"] = .array((result.users ?? []).map(\.json))
            Output.json(.object(object))
            return
        }
        let label = name.isEmpty ? "the rules" : "the rules of \(name)"
        guard let users = result.users else {
            Output.line("\(result.count) users match \(label) (too many to list: the server sent the count only)")
            return
        }
        Output.line("\(result.count) user(s) match \(label)")
        if !users.isEmpty {
            Output.line(TableFormatter.table(
                headers: ["PRINCIPAL", "FULL NAME", "EMAIL", "SOURCE"],
                rows: users.map { [$0.principal, $0.fullName ?? "", $0.email ?? "", $0.sourceType ?? $0.source ?? ""] }))
        }
    }
}
