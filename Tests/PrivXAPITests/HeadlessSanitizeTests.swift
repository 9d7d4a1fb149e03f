import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// The headless commands against `--seed hostile`, as the real binary: no table, CSV, `show` or error
/// text carries a control character, an escape sequence, a bidi override or an invisible character to
/// the terminal, and `--json` is the same data, exactly, with those characters escaped.
@Suite("Headless output is sanitized like the console")
struct HeadlessSanitizeTests {
    /// Scalars that act on a terminal or hide from a reader (line feed is the only control allowed).
    static func unsafeScalars(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || value == 0x061C || value == 0x180E
                || (0x200B...0x200F).contains(value) || (0x2028...0x202E).contains(value) || (0x2060...0x206F).contains(value)
                || value == 0xFEFF || (0xE0000...0xE007F).contains(value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    static func expectInert(_ result: CommandResult, _ what: String) {
        let out = unsafeScalars(result.stdout), err = unsafeScalars(result.stderr)
        #expect(out.isEmpty, "\(what): stdout holds \(Set(out).sorted())")
        #expect(err.isEmpty, "\(what): stderr holds \(Set(err).sorted())")
    }

    @Test func everyHumanReadableOutputIsInert() async throws {
        try await withSimulator({ $0.seed = .hostile }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (roles, awsRoles) = try await using(makeClient(server)) { client in
                (try await client.allRoles(), try await client.awsRoles(refresh: false))
            }
            let hostile = roles.filter { $0.name.hasPrefix("hostile-") }
            #expect(hostile.count >= HostileSeed.strings.count)
            var runs = 0
            for arguments in [["roles", "list"], ["roles", "list", "--csv"], ["awsroles", "list"], ["awsroles", "list", "--csv"],
                              ["roles", "list", "--filter", "hostile", "--sort", "updated"]] {
                let run = try await PrivXRolesBinary.run(arguments, environment: environment)
                #expect(run.status == 0, "\(arguments): \(run.stderr)")
                #expect(run.stdout.contains("hostile"), "\(arguments) listed no hostile row")
                Self.expectInert(run, arguments.joined(separator: " "))
                runs += 1
            }
            for role in hostile {
                let run = try await PrivXRolesBinary.run(["roles", "show", role.id], environment: environment)
                #expect(run.status == 0, "\(role.id): \(run.stderr)")
                #expect(run.stdout.contains(role.id))
                Self.expectInert(run, "roles show \(role.id)")
                runs += 1
            }
            for aws in awsRoles.filter({ $0.name.hasPrefix("Hostile") }).prefix(6) {
                let run = try await PrivXRolesBinary.run(["awsroles", "show", aws.id], environment: environment)
                #expect(run.status == 0, "\(aws.id): \(run.stderr)")
                Self.expectInert(run, "awsroles show \(aws.id)")
                runs += 1
            }
            let everyone = try #require(hostile.first { $0.name.hasPrefix("hostile-0 ") })
            let evaluate = try await PrivXRolesBinary.run(["evaluate", "--role", everyone.id], environment: environment)
            #expect(evaluate.status == 0, "\(evaluate.stderr)")
            #expect(evaluate.stdout.contains("hostile"))
            Self.expectInert(evaluate, "evaluate")
            // Errors: a hostile reference is echoed in the "no role matches" message.
            for reference in HostileSeed.strings.prefix(10) {
                let missing = try await PrivXRolesBinary.run(["roles", "show", "missing " + reference], environment: environment)
                #expect(missing.status == 1)
                #expect(missing.stderr.contains("No PrivX role matches"))
                Self.expectInert(missing, "error for \(reference.debugDescription)")
                runs += 1
            }
            print("headless hostile outputs checked: \(runs + 1) runs of the binary")
        }
    }

    @Test func jsonIsExactAndEscaped() async throws {
        try await withSimulator({ $0.seed = .hostile }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let roles = try await using(makeClient(server)) { try await $0.allRoles() }
            let run = try await PrivXRolesBinary.run(["roles", "list", "--json"], environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(Self.unsafeScalars(run.stdout).isEmpty, "raw \(Set(Self.unsafeScalars(run.stdout)).sorted()) in --json")
            #expect(run.stdout.contains("\\u202e") && run.stdout.contains("\\u200d") && run.stdout.contains("\\u009b"))
            let printed = try #require(try JSONParser.parse(run.stdout).arrayValue)
            #expect(printed.count == roles.count)
            let expected = Dictionary(roles.map { ($0.id, $0.json) }, uniquingKeysWith: { first, _ in first })
            for item in printed {
                let id = try #require(item["id"]?.stringValue)
                #expect(item == expected[id], "role \(id) changed on its way through --json")
            }
            let bidi = try #require(roles.first { $0.name.contains("\u{202E}") })
            let show = try await PrivXRolesBinary.run(["roles", "show", bidi.id, "--json"], environment: environment)
            #expect(Self.unsafeScalars(show.stdout).isEmpty)
            #expect(try JSONParser.parse(show.stdout)["name"]?.stringValue == bidi.name)
        }
    }
}
