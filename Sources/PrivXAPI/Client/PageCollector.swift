/// Reads a whole list: the first page tells the total, the rest are fetched `concurrency` at a time,
/// and the result is assembled in server order whatever order pages arrive in.
struct PageCollector: Sendable {
    var pageSize: Int
    var concurrency: Int

    func collect<Item: Sendable>(progress: (@Sendable (Int, Int) -> Void)?,
                                 fetch: @escaping @Sendable (_ offset: Int, _ limit: Int) async throws -> Page<Item>) async throws -> [Item] {
        let first = try await fetch(0, pageSize)
        let total = first.count
        progress?(first.items.count, max(total, first.items.count))
        // The server may cap the page below what was asked; step by what it actually served.
        let step = first.items.isEmpty ? pageSize : min(first.items.count, pageSize)
        guard first.items.count < total, !first.items.isEmpty else { return first.items }
        let offsets = Array(stride(from: first.items.count, to: total, by: step))
        var pages: [Int: [Item]] = [:]
        var loaded = first.items.count
        try await withThrowingTaskGroup(of: (Int, [Item]).self) { group in
            var next = 0
            func addNext() {
                guard next < offsets.count else { return }
                let offset = offsets[next]
                next += 1
                group.addTask { (offset, try await fetch(offset, step).items) }
            }
            for _ in 0..<min(max(1, concurrency), offsets.count) { addNext() }
            while let (offset, items) = try await group.next() {
                pages[offset] = items
                loaded += items.count
                progress?(loaded, total)
                addNext()
            }
        }
        var result = first.items
        result.reserveCapacity(total)
        for offset in offsets { result.append(contentsOf: pages[offset] ?? []) }
        return result
    }
}
