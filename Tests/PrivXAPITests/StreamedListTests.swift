import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Issue 15: a list is read with every page in flight once the total is known, handed over in server
/// order as it lands, and `roles list --json` writes the server's bytes of each role unchanged.
@Suite("Lists at the transfer limit")
struct StreamedListTests {
    /// The byte ranges of every role in one raw page answer.
    static func roleBytes(_ body: [UInt8]) throws -> [[UInt8]] {
        let list = try #require(try RawJSON.list(body))
        return list.items.map { Array(body[$0]) }
    }

    @Test func pagesAreHandedOverInServerOrderWithTheRestInFlight() async throws {
        try await withSimulator({ $0.seed = .roles(10_000) }) { server in
            await delayRoleLists(server, milliseconds: 200)
            let records = Collector<APICallRecord>()
            let pages = Collector<(ids: [String], loaded: Int, total: Int, listCallsDone: Int)>()
            try await using(makeClient(server, records: records)) { client in
                let listCalls: @Sendable () -> [APICallRecord] = { records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles?") } }
                let all = try await client.allRoles(onPage: { roles, loaded, total in
                    pages.append((roles.map(\.id), loaded, total, listCalls().count))
                })
                // In server order, page after page, and the concatenation is the result.
                #expect(pages.all.flatMap(\.ids) == all.map(\.id))
                #expect(pages.all.map(\.loaded) == Array(stride(from: 1000, through: 10_000, by: 1000)))
                #expect(pages.all.allSatisfy { $0.total == 10_000 })
                // The first page was handed over as soon as it came back, before any other had.
                #expect(pages.all.first?.listCallsDone == 1)
                // Once the total was known, the other nine pages were on the wire together (their request
                // windows overlap), instead of four at a time.
                let calls = listCalls().filter { !$0.path.contains("offset=0&") }
                #expect(calls.count == 9)
                #expect(wereInFlightTogether(calls), "all nine requests were in flight at one moment")
            }
        }
    }

    /// A server that serves less than asked (after a first page that looked whole) gets the rest of each
    /// short page asked for, and a list that shrinks while it is read ends at its first empty page.
    @Test func shortPagesAreCompletedAndAnEmptyPageEndsTheList() async throws {
        let items = Array(0..<2500)
        let asked = Collector<Range<Int>>()
        let capped = PageCollector(pageSize: 1000, concurrency: 3)
        let order = Collector<Int>()
        let result = try await capped.collect(onPage: { (page: [Int], _: Int, _: Int) in for item in page { order.append(item) } }) { offset, limit in
            asked.append(offset..<(offset + limit))
            // The first page is whole; later ones stop at 300 items, and land in reverse order.
            let served = offset == 0 ? limit : min(limit, 300)
            if offset > 0 { try await Task.sleep(for: .milliseconds(max(1, 40 - offset / 100))) }
            return Page(count: items.count, items: Array(items[min(offset, items.count)..<min(offset + served, items.count)]))
        }
        #expect(result == items)
        #expect(order.all == items)
        #expect(asked.all.contains(1300..<2000))

        // 2500 announced, but only 1800 left by the time the later pages are read.
        let shrinking = try await PageCollector(pageSize: 1000, concurrency: 4).collect(onPage: nil) { offset, limit in
            Page(count: offset == 0 ? 2500 : 1800, items: Array(items[min(offset, 1800)..<min(offset + limit, 1800)]))
        }
        #expect(shrinking == Array(items.prefix(1800)))
    }

    @Test func listJSONIsEachRoleAsTheServerSentIt() async throws {
        try await withSimulator({ $0.seed = .hostile }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let raw = try await using(makeClient(server)) { try await $0.getRaw("/roles?offset=0&limit=1000") }
            let served = try Self.roleBytes(raw)
            let result = try await PrivXRolesBinary.run(["roles", "list", "--json"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let output = Array(result.stdout.utf8)
            // One JSON document: an array holding every role.
            let parsed = try #require(try JSONParser.parse(output).arrayValue)
            #expect(parsed.count == served.count)
            // Each line between the brackets is one role: the same document as served, and byte for byte
            // the served bytes (escapes, key order, number text and all) unless the role holds characters
            // a terminal would act on (bidi overrides, C1), which are written as \u escapes (issue 13).
            var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
            #expect(lines.first == Array("[".utf8) && lines.dropLast().last == Array("]".utf8) && lines.last == [])
            lines = Array(lines.dropFirst().dropLast(2)).map { $0.last == UInt8(ascii: ",") ? Array($0.dropLast()) : $0 }
            let servedValues = try served.map { try JSONParser.parse($0) }
            let lineValues = try lines.map { try JSONParser.parse($0) }
            #expect(lineValues.count == servedValues.count)
            for value in servedValues { #expect(lineValues.contains(value)) }
            let plain = served.filter { bytes in bytes.allSatisfy { $0 < 0x7F } }
            #expect(plain.count > served.count / 2)
            for bytes in plain { #expect(lines.contains(bytes), "served bytes unchanged: \(String(decoding: bytes.prefix(80), as: UTF8.self))") }
            // (Some hostile roles have no name, or a null one.)
            let names = parsed.map { $0["name"]?.stringValue ?? "" }
            let table = try await PrivXRolesBinary.run(["roles", "list"], environment: environment)
            #expect(table.status == 0)
            #expect(table.stdout.split(separator: "\n").count == served.count + 1)

            // Descending is the exact reverse, filtered output is the same bytes.
            let descending = try await PrivXRolesBinary.run(["roles", "list", "--json", "--desc"], environment: environment)
            #expect(try JSONParser.parse(descending.stdout).arrayValue?.map { $0["name"]?.stringValue ?? "" } == names.reversed())
            let filtered = try await PrivXRolesBinary.run(["roles", "list", "--json", "--filter", "ADMIN"], environment: environment)
            let kept = try #require(try JSONParser.parse(filtered.stdout).arrayValue)
            #expect(!kept.isEmpty && kept.count < served.count)
            for line in filtered.stdout.split(separator: "\n").dropFirst().dropLast() {
                let bytes = Array(line.utf8)
                let value = try JSONParser.parse(bytes.last == UInt8(ascii: ",") ? Array(bytes.dropLast()) : bytes)
                #expect(servedValues.contains(value))
            }
        }
    }

    @Test func namesSortNaturallyAndCSVCarriesEachDocumentsFields() async throws {
        try await withSimulator({ $0.seed = .roles(400) }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let documents = try await using(makeClient(server)) { try await $0.allRoles() }
            let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
            let csv = try await PrivXRolesBinary.run(["roles", "list", "--csv", "--sort", "members"], environment: environment)
            #expect(csv.status == 0, "\(csv.stderr)")
            let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.count == documents.count)
            var lastCount = -1
            for row in rows where row.count >= 8 {
                let role = try #require(byID[row[0]])
                #expect(row[1] == role.name && row[2] == (role.memberCount.map(String.init) ?? ""))
                #expect(row[3] == role.permissions.joined(separator: ";") && row[4] == role.tags.joined(separator: ";"))
                #expect(row[5] == (role.system ? "true" : "false") && row[6] == (role.updated ?? ""))
                #expect((role.memberCount ?? 0) >= lastCount, "ascending by members")
                lastCount = role.memberCount ?? 0
            }
            // Names with numbers sort by value: the curated db-admins, then db-admins-000063 and on.
            let table = try await PrivXRolesBinary.run(["roles", "list", "--filter", "db-admins"], environment: environment)
            let names = table.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(names.count > 2)
            #expect(names == names.sorted { $0.localizedStandardCompare($1) == .orderedAscending }, "\(names)")
        }
    }
}
