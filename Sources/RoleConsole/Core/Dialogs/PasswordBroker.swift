import PrivXAPI
import Synchronization

/// The console's `PasswordProvider`: when a person's session cannot be renewed, the client asks it for the
/// password; it posts `Message.passwordNeeded` so the console opens its password dialog, and waits for the
/// dialog's answer. The request that needed the login waits meanwhile, so once the password is accepted it
/// simply carries on (the failed renewal is retried, nothing is repeated by hand); Esc answers nil and that
/// request fails with `PrivXError.loginRequired`. The password passes through once and is not kept.
public final class PasswordBroker: Sendable {
    private let inbox: Inbox
    private struct Waiting {
        var continuation: CheckedContinuation<String?, Never>?
        var closed = false
    }
    private let waiting = Mutex(Waiting())

    /// A broker posting to the console's inbox.
    public init(inbox: Inbox) {
        self.inbox = inbox
    }

    /// The provider to give the client (through the executable's prompt gate once the screen is up).
    public var provider: PasswordProvider {
        { [self] request in await ask(request) }
    }

    /// Asks the console for a password and waits for the dialog's answer (nil once the console has ended).
    public func ask(_ request: PasswordRequest) async -> String? {
        await withCheckedContinuation { continuation in
            // The client asks one login at a time (single flight); a stale question is answered nil.
            let (stale, closed) = waiting.withLock { waiting in
                defer { if !waiting.closed { waiting.continuation = continuation } }
                return (waiting.continuation, waiting.closed)
            }
            stale?.resume(returning: nil)
            if closed {
                continuation.resume(returning: nil)
            } else {
                inbox.post(.passwordNeeded(request))
            }
        }
    }

    /// The dialog's answer: the password (wiped by the caller after this returns), or nil for Esc.
    func answer(_ secret: SecretText?) {
        let continuation = waiting.withLock { waiting in
            defer { waiting.continuation = nil }
            return waiting.continuation
        }
        continuation?.resume(returning: secret.map { $0.reveal() })
    }

    /// Answers any waiting question with nil and every later one at once: the console has quit.
    public func close() {
        let continuation = waiting.withLock { waiting in
            defer { waiting.continuation = nil; waiting.closed = true }
            return waiting.continuation
        }
        continuation?.resume(returning: nil)
    }
}
