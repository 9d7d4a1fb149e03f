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
/// With `speculateAfter` the pages after the first wait that long for it: a near server's answer tells
/// the total first and nothing past the end is asked for. The total from the first page still decides
/// how far the list goes; once every item is in, requests still on the wire are cancelled.
struct PageCollector: Sendable {
    /// Items asked for per request.
    var pageSize: Int
    /// Requests in flight at once.
    var concurrency: Int
    /// Pages asked for in the first round, before the total is known (1: the first page alone). At most
    /// `concurrency`.
    var speculative = 1
    /// How long the first page may take before the speculative pages go out (nil: with it, at once). A
    /// first page that answers within it tells the total, and no page past the end is asked for: on a
    /// near server a short list costs one request, not `speculative`.
    var speculateAfter: Duration? = nil

    /// Receives a page's items in server order with (items delivered so far, the server's total).
    typealias PageHandler<Item> = @Sendable (_ items: [Item], _ loaded: Int, _ total: Int) -> Void

    /// One answered request: where it started, how many items it asked for, what came back.
    private struct Answer<Item: Sendable>: Sendable {
        var offset: Int
        var limit: Int
        var page: Result<Page<Item>, any Error>
    }

    /// What a child task of the read brings back: a page's answer, or the moment to speculate.
    private enum Arrival<Item: Sendable>: Sendable {
        case answer(Answer<Item>)
        case speculate
    }

    /// A page handler that only reports (loaded, total), for callers that want progress alone.
    static func counting<Item>(_ progress: (@Sendable (Int, Int) -> Void)?) -> PageHandler<Item>? {
        guard let progress else { return nil }
        return { _, loaded, total in progress(loaded, total) }
    }

    func collect<Item: Sendable>(onPage: PageHandler<Item>?,
                                 fetch: @escaping @Sendable (_ offset: Int, _ limit: Int) async throws -> Page<Item>) async throws -> [Item] {
        try await withThrowingTaskGroup(of: Arrival<Item>.self) { group in
            var plan = Plan(pageSize: pageSize)
            var inFlight = 0
            func request(_ range: Range<Int>) {
                group.addTask {
                    do {
                        return .answer(Answer(offset: range.lowerBound, limit: range.count, page: .success(try await fetch(range.lowerBound, range.count))))
                    } catch {
                        return .answer(Answer(offset: range.lowerBound, limit: range.count, page: .failure(error)))
                    }
                }
                inFlight += 1
            }
            let firstRound = max(1, min(speculative, concurrency))
            func speculate() {
                // A read being cancelled (its caller gave up) asks for nothing more.
                guard !Task.isCancelled else { return }
                for index in 1..<firstRound { request(index * pageSize..<(index + 1) * pageSize) }
                plan.planned = firstRound * pageSize
            }
            request(0..<pageSize)
            plan.planned = pageSize
            if firstRound > 1 {
                if let delay = speculateAfter {
                    group.addTask {
                        try? await Task.sleep(for: delay)
                        return .speculate
                    }
                } else {
                    speculate()
                }
            }
            // Answers that came before the first page wait for its total.
            var early: [Answer<Item>] = []
            var result: [Item] = []
            var arrived: [Int: [Item]] = [:]
            while let arrival = try await group.next() {
                guard case .answer(let answer) = arrival else {
                    // The first page is slow to come: the pages after it go out now, before its total.
                    if plan.total == nil { speculate() }
                    continue
                }
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
                if plan.isComplete(result.count) {
                    // Whatever is still out (a page past the end, the timer) is not needed.
                    group.cancelAll()
                    break
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

        /// Every item up to the end was handed over (items arrive in order, so nothing below it is missing).
        func isComplete(_ delivered: Int) -> Bool {
            total != nil && delivered >= end
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
