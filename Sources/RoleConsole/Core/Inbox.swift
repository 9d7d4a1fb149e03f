import Synchronization

/// Messages from network tasks waiting for the run loop; tasks post from any thread, the loop drains
/// on the main actor, so state is only ever touched by `update`.
public final class Inbox: Sendable {
    private let queue = Mutex<[Message]>([])

    /// An empty inbox.
    public init() {}

    /// Adds a message (any thread).
    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
    }

    /// Takes every waiting message, oldest first.
    public func drain() -> [Message] {
        queue.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }

    /// True when nothing waits.
    public var isEmpty: Bool { queue.withLock { $0.isEmpty } }
}
