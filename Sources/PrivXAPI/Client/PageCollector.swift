/// Reads a whole list: the first page tells the total, then every other page is requested with up to
/// `concurrency` in flight at once. Pages are handed to `onPage` in server order as soon as they and
/// every page before them have arrived (the console shows rows and `roles list` can work while the rest
/// is on the wire), and the result is in server order whatever order pages arrive in.
///
/// Over a slow link the time is round trips: with 50 ms per request, 10 000 roles are the first page
/// plus one round of 9 pages in flight together (about 0.1 s), where 4 at a time took 3 more rounds.
struct PageCollector: Sendable {
    /// Items asked for per request after the first.
    var pageSize: Int
    /// Requests in flight at once once the total is known.
    var concurrency: Int

    /// Receives a page's items in server order with (items delivered so far, the server's total).
    typealias PageHandler<Item> = @Sendable (_ items: [Item], _ loaded: Int, _ total: Int) -> Void

    /// One answered request: where it started, how many items it asked for, what came back.
    private struct Answer<Item: Sendable>: Sendable {
        var offset: Int
        var limit: Int
        var items: [Item]
    }

    /// A page handler that only reports (loaded, total), for callers that want progress alone.
    static func counting<Item>(_ progress: (@Sendable (Int, Int) -> Void)?) -> PageHandler<Item>? {
        guard let progress else { return nil }
        return { _, loaded, total in progress(loaded, total) }
    }

    func collect<Item: Sendable>(onPage: PageHandler<Item>?,
                                 fetch: @escaping @Sendable (_ offset: Int, _ limit: Int) async throws -> Page<Item>) async throws -> [Item] {
        let first = try await fetch(0, pageSize)
        let total = max(first.count, first.items.count)
        onPage?(first.items, first.items.count, total)
        guard first.items.count < total, !first.items.isEmpty else { return first.items }
        // The server may cap a page below what was asked; ask for what it actually serves.
        let limit = min(first.items.count, pageSize)
        var result = first.items
        result.reserveCapacity(total)
        var planned = first.items.count
        // An empty page before `total` means roles were deleted while reading: the list ends there.
        var end = total
        var arrived: [Int: [Item]] = [:]
        try await withThrowingTaskGroup(of: Answer<Item>.self) { group in
            var inFlight = 0
            func request(_ offset: Int, _ count: Int) {
                group.addTask { Answer(offset: offset, limit: count, items: try await fetch(offset, count).items) }
                inFlight += 1
            }
            func fill() {
                while inFlight < max(1, concurrency), planned < end {
                    let count = min(limit, end - planned)
                    request(planned, count)
                    planned += count
                }
            }
            fill()
            while let answer = try await group.next() {
                inFlight -= 1
                if answer.items.isEmpty {
                    end = min(end, answer.offset)
                } else {
                    // Never more than asked (the next page starts there), and a short page gets its rest asked for.
                    let items = answer.items.count > answer.limit ? Array(answer.items.prefix(answer.limit)) : answer.items
                    if items.count < answer.limit, answer.offset + items.count < end {
                        request(answer.offset + items.count, answer.limit - items.count)
                    }
                    arrived[answer.offset] = items
                }
                while result.count < end, let ready = arrived.removeValue(forKey: result.count) {
                    result.append(contentsOf: ready)
                    onPage?(ready, result.count, total)
                }
                fill()
            }
        }
        return result
    }
}
