import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Issue 15 over a slow link: `roles list` asks for the first page and the pages after it in one round,
/// before the first page has told the total, so 10 000 roles arrive in one round trip instead of two.
/// What must not change: the result is every item once, in server order; pages are handed over in
/// order; the first page's total decides how far the list goes; pages past the end are not used.
@Suite("Speculative first round")
struct SpeculativeListTests {
    /// Items 0..<count served by a fake `fetch`, recording what was asked.
    struct FakeList: Sendable {
        var count: Int
        var asked = Collector<Range<Int>>()

        func page(_ offset: Int, _ limit: Int, served: Int? = nil, count: Int? = nil) -> Page<Int> {
            let total = count ?? self.count
            asked.append(offset..<(offset + limit))
            let upper = min(offset + min(limit, served ?? limit), total)
            return Page(count: total, items: offset < upper ? Array(offset..<upper) : [])
        }
    }

    @Test func tenThousandRolesArriveInOneRoundWithTheFirstPagesTotal() async throws {
        try await withSimulator({ $0.seed = .roles(10_000) }) { server in
            await delayRoleLists(server, milliseconds: 200)
            let records = Collector<APICallRecord>()
            let pages = Collector<(ids: [String], loaded: Int, total: Int)>()
            let client = try makeClient(server, records: records) { $0.speculativePages = $0.pageConcurrency }
            try await using(client) { client in
                let all = try await client.allRoles(onPage: { roles, loaded, total in pages.append((roles.map(\.id), loaded, total)) })
                let calls = records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles?") }
                // Every role once, in server order, handed over page after page with the first page's total.
                #expect(all.count == 10_000 && Set(all.map(\.id)).count == 10_000)
                #expect(pages.all.flatMap(\.ids) == all.map(\.id))
                #expect(pages.all.map(\.loaded) == Array(stride(from: 1000, through: 10_000, by: 1000)))
                #expect(pages.all.allSatisfy { $0.total == 10_000 })
                // The same order as reading the pages one by one.
                let single = try await client.roles(page: PageRequest(offset: 3000, limit: 1000)).items.map(\.id)
                #expect(Array(all[3000..<4000].map(\.id)) == single)
                // Sixteen pages were on the wire together: the ten the list has, and six past its end.
                let offsets = Set(calls.compactMap { Self.offset(in: $0.path) })
                #expect(offsets == Set(stride(from: 0, to: 16_000, by: 1000)))
                #expect(wereInFlightTogether(calls), "every page was asked for before any had come back")
                #expect(await client.tokenRequestCount == 1, "one login for sixteen requests")
            }
        }
    }

    static func offset(in path: String) -> Int? {
        guard let range = path.range(of: #"offset=\d+"#, options: .regularExpression) else { return nil }
        return Int(path[range].dropFirst("offset=".count))
    }

    @Test func aShortListIsHandedOverOnceAndPagesPastItsEndMayFail() async throws {
        let list = FakeList(count: 3)
        let refused = Collector<Int>()
        let handed = Collector<(items: [Int], loaded: Int, total: Int)>()
        let result = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16)
            .collect(onPage: { (items: [Int], loaded: Int, total: Int) in handed.append((items, loaded, total)) }) { offset, limit in
                // A server that refused offsets past the end would not break the list.
                if offset > 0 {
                    refused.append(offset)
                    throw PrivXError.http(status: 400, method: "GET", path: "/roles", body: nil)
                }
                return list.page(offset, limit)
            }
        #expect(result == [0, 1, 2])
        #expect(handed.all.count == 1 && handed.all.first?.items == [0, 1, 2] && handed.all.first?.loaded == 3 && handed.all.first?.total == 3)
        #expect(refused.all.sorted() == Array(stride(from: 1000, to: 16_000, by: 1000)), "fifteen pages past the end were asked for")

        let empty = Collector<(items: [Int], loaded: Int, total: Int)>()
        let none = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16)
            .collect(onPage: { (items: [Int], loaded: Int, total: Int) in empty.append((items, loaded, total)) }) { offset, limit in
                FakeList(count: 0).page(offset, limit)
            }
        #expect(none.isEmpty)
        #expect(empty.all.count == 1 && empty.all.first?.items == [] && empty.all.first?.total == 0, "an empty list is still reported")
    }

    @Test func aPageTheListNeedsFailsTheReadEvenWhenItAnswersFirst() async throws {
        let list = FakeList(count: 2500)
        await #expect(throws: PrivXError.self) {
            _ = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 4).collect(onPage: nil) { offset, limit in
                if offset == 1000 { throw PrivXError.connectionLost(method: "GET", path: "/roles", detail: "reset") }
                try await Task.sleep(for: .milliseconds(offset == 0 ? 30 : 1))
                return list.page(offset, limit)
            }
        }
    }

    @Test func pagesLandingBeforeTheFirstAreHandedOverInOrder() async throws {
        let list = FakeList(count: 3500)
        let order = Collector<Int>()
        let totals = Collector<Int>()
        let result = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16)
            .collect(onPage: { (items: [Int], _: Int, total: Int) in
                for item in items { order.append(item) }
                totals.append(total)
            }) { offset, limit in
                // The first page comes back last.
                try await Task.sleep(for: .milliseconds(offset == 0 ? 40 : 1))
                return list.page(offset, limit)
            }
        #expect(result == Array(0..<3500))
        #expect(order.all == Array(0..<3500))
        #expect(totals.all == [3500, 3500, 3500, 3500])
        // Sixteen asked for in the first round, nothing after it (the list fits in four pages).
        #expect(list.asked.all.count == 16)
    }

    @Test func aServerServingLessThanAskedStillGivesEveryItemOnce() async throws {
        // Every page, the first included, stops at 300 items: the first page shows the cap and the rest
        // of each speculative page is asked for in pieces of 300.
        let list = FakeList(count: 4000)
        let order = Collector<Int>()
        let result = try await PageCollector(pageSize: 1000, concurrency: 8, speculative: 8)
            .collect(onPage: { (items: [Int], _: Int, _: Int) in for item in items { order.append(item) } }) { offset, limit in
                list.page(offset, limit, served: 300)
            }
        #expect(result == Array(0..<4000))
        #expect(order.all == Array(0..<4000))
        let later = list.asked.all.filter { $0.lowerBound > 0 && $0.lowerBound % 1000 != 0 }
        #expect(!later.isEmpty && later.allSatisfy { $0.count <= 300 }, "\(later)")
    }

    @Test func theFirstPagesTotalBoundsTheListAndAnEmptyPageEndsIt() async throws {
        let items = Array(0..<2500)
        // 2500 announced by the first page, only 1800 left when the others are read.
        let shrinking = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16).collect(onPage: nil) { offset, limit in
            Page(count: offset == 0 ? 2500 : 1800, items: Array(items[min(offset, 1800)..<min(offset + limit, 1800)]))
        }
        #expect(shrinking == Array(items.prefix(1800)))
        // 2500 announced by the first page, 4000 by later ones (roles created meanwhile): the first total
        // decides, as when the pages are read after it.
        let growing = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16).collect(onPage: nil) { offset, limit in
            let served = offset == 0 ? 2500 : 4000
            return Page(count: served, items: Array(min(offset, served)..<min(offset + limit, served)))
        }
        #expect(growing == Array(0..<2500))
    }

    // A near server answers a short list before the speculative pages would go out: one request, not
    // sixteen. A first page slower than the delay sends them, before its total is known.
    @Test func speculativePagesWaitForASlowFirstPage() async throws {
        let short = FakeList(count: 3)
        let quick = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16, speculateAfter: .milliseconds(200))
            .collect(onPage: nil) { offset, limit in short.page(offset, limit) }
        #expect(quick == [0, 1, 2])
        #expect(short.asked.all == [0..<1000], "only the first page was asked for: \(short.asked.all)")

        let long = FakeList(count: 3500)
        let slow = try await PageCollector(pageSize: 1000, concurrency: 16, speculative: 16, speculateAfter: .milliseconds(5))
            .collect(onPage: nil) { offset, limit in
                try await Task.sleep(for: .milliseconds(offset == 0 ? 300 : 1))
                return long.page(offset, limit)
            }
        #expect(slow == Array(0..<3500))
        // The first page took longer than the delay: the other fifteen went out before its answer.
        #expect(Set(long.asked.all.map(\.lowerBound)) == Set(stride(from: 0, to: 16_000, by: 1000)))
    }

    @Test func aShortListFromTheSimulatorIsOneRequest() async throws {
        try await withSimulator({ $0.seed = .small }) { server in
            let records = Collector<APICallRecord>()
            let client = try makeClient(server, records: records) {
                $0.speculativePages = $0.pageConcurrency
                $0.speculativeDelay = 5
            }
            try await using(client) { client in
                let all = try await client.allRoles()
                let calls = records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles?") }
                #expect(all.count == 60)
                #expect(calls.count == 1, "\(calls.map(\.path))")
            }
        }
    }
}
