/// Reads a whole list with up to `concurrency` requests in flight and hands pages to `onPage` in server
/// order as soon as they and every page before them have arrived (the console shows rows and `roles
/// list` can work while the rest is on the wire); the result is in server order whatever order pages
/// arrive in.
///
/// Over a slow link the time is round trips. The first page tells the total, so asking for it alone
/// costs a round trip before the rest can be asked for: with 50 ms per request, 10 000 roles took the
/// first page and then nine pages together (two round trips). With `speculative` pages the first round
/// asks for the first page and the pages after it at once, before the total is known, and 10 000 roles
/// arrive in one round trip; a page asked for past the end comes back empty (or fails) and is not used.
/// The total from the first page still decides how far the list goes.
struct PageCollector: Sendable {
    /// Items asked for per request.
    var pageSize: Int
    /// Requests in flight at once.
    var concurrency: Int
    /// Pages asked for in the first round, before the total is known (1: the first page alone). At most
    /// `concurrency`.
    var speculative = 1

    /// Receives a page's items in server order with (items delivered so far, the server's total).
    typealias PageHandler<Item> = @Sendable (_ items: [Item], _ loaded: Int, _ total: Int) -> Void

    /// One answered request: where it started, how many items it asked for, what came back.
    private struct Answer<Item: Sendable>: Sendable {
        var offset: Int
        var limit: Int
        var page: Result<Page<Item>, any Error>
    }

    /// A page handler that only reports (loaded, total), for callers that want progress alone.
    static func counting<Item>(_ progress: (@Sendable (Int, Int) -> Void)?) -> PageHandler<Item>? {
        guard let progress else { return nil }
        return { _, loaded, total in progress(loaded, total) }
    }

    func collect<Item: Sendable>(onPage: PageHandler<Item>?,
                                 fetch: @escaping @Sendable (_ offset: Int, _ limit: Int) async throws -> Page<Item>) async throws -> [Item] {
        try await withThrowingTaskGroup(of: Answer<Item>.self) { group in
            var plan = Plan(pageSize: pageSize)
            var inFlight = 0
            func request(_ range: Range<Int>) {
                group.addTask {
                    do {
                        return Answer(offset: range.lowerBound, limit: range.count, page: .success(try await fetch(range.lowerBound, range.count)))
                    } catch {
                        return Answer(offset: range.lowerBound, limit: range.count, page: .failure(error))
                    }
                }
                inFlight += 1
            }
            for index in 0..<max(1, min(speculative, concurrency)) {
                request(index * pageSize..<(index + 1) * pageSize)
            }
            plan.planned = max(1, min(speculative, concurrency)) * pageSize
            // Answers that came before the first page wait for its total.
            var early: [Answer<Item>] = []
            var result: [Item] = []
            var arrived: [Int: [Item]] = [:]
            while let answer = try await group.next() {
                inFlight -= 1
                guard answer.offset == 0 || plan.total != nil else {
                    early.append(answer)
                    continue
                }
                for answer in [answer] + early {
                    if let items = try plan.take(answer.offset, limit: answer.limit, page: answer.page) { arrived[answer.offset] = items }
                }
                early.removeAll()
                if answer.offset == 0, let total = plan.total {
                    // The first page is handed over even when empty: it is what says the list is empty.
                    let first = arrived.removeValue(forKey: 0) ?? []
                    result.reserveCapacity(min(total, 1 << 20))
                    result.append(contentsOf: first)
                    onPage?(first, first.count, total)
                }
                while result.count < plan.end, let ready = arrived.removeValue(forKey: result.count) {
                    result.append(contentsOf: ready)
                    onPage?(ready, result.count, plan.total ?? result.count)
                }
                while inFlight < max(1, concurrency), let range = plan.next() {
                    request(range)
                }
            }
            return result
        }
    }

    /// What is known about the list while it is read, and what to ask for next.
    private struct Plan {
        let pageSize: Int
        /// The server's total from the first page (nil until it has answered).
        var total: Int?
        /// Where the list ends: the total, or an empty page before it (roles deleted while reading).
        var end = Int.max
        /// Items per request the server serves: the page size, or less when the first page was capped.
        var served: Int
        /// Everything below this was asked for once.
        var planned = 0
        /// Ranges asked for that came back short: their rest is asked for again.
        var gaps: [Range<Int>] = []

        init(pageSize: Int) {
            self.pageSize = pageSize
            served = pageSize
        }

        /// Records an answer and returns its items to hand over (nil for an empty or failed page past the
        /// end); throws the failure of a page the list needs.
        mutating func take<Item: Sendable>(_ offset: Int, limit: Int, page: Result<Page<Item>, any Error>) throws -> [Item]? {
            let answer: Page<Item>
            switch page {
            case .success(let value):
                answer = value
            case .failure(let error):
                // A page asked for past the end is not needed, and neither is its answer.
                if offset > 0, offset >= end { return nil }
                throw error
            }
            let items = answer.items
            if offset == 0 {
                let total = max(answer.count, items.count)
                self.total = total
                end = min(end, total)
                // The server may cap a page below what was asked; ask for what it actually serves.
                if !items.isEmpty, items.count < min(limit, total) { served = items.count }
            }
            if items.isEmpty {
                end = min(end, offset)
                return offset == 0 ? [] : nil
            }
            // Never more than asked (the next page starts there), and a short page gets its rest asked for.
            let kept = items.count > limit ? Array(items.prefix(limit)) : items
            if kept.count < limit { gaps.append(offset + kept.count..<offset + limit) }
            guard offset < end else { return nil }
            // A page asked for before the total was known may reach past the end (roles created since).
            return offset + kept.count > end ? Array(kept.prefix(end - offset)) : kept
        }

        /// The next range to ask for, clipped to the end: the rest of a short page first, then new pages.
        mutating func next() -> Range<Int>? {
            guard total != nil else { return nil }
            while let gap = gaps.first {
                let start = gap.lowerBound
                let upper = min(gap.upperBound, end, start + served)
                if upper >= gap.upperBound || upper <= start { gaps.removeFirst() } else { gaps[0] = upper..<gap.upperBound }
                if start < upper { return start..<upper }
            }
            guard planned < end else { return nil }
            let range = planned..<min(planned + served, end)
            planned = range.upperBound
            return range
        }
    }
}
