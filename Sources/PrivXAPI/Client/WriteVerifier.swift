/// Every write is read back, and a write that got no clear answer is decided by the server, not by the
/// answer: after a timeout, a broken connection, an unreadable body or a 5xx the change may have been
/// applied, so the object is re-read (the read itself retried) before anything is called failed.
///
/// One piece shared by the console (role save and create, AWS mappings) and the headless commands
/// (`awsroles map/unmap`), so both say "saved" or "applied" exactly when the server holds the change.
public struct WriteVerifier: Sendable {
    /// Reads after the write, at most (the first read-back included).
    public var readAttempts: Int
    /// Seconds before the second read; doubled for each one after.
    public var retryDelay: Double

    /// A verifier; the defaults re-read three times over about 0.75 s.
    public init(readAttempts: Int = 3, retryDelay: Double = 0.25) {
        self.readAttempts = max(1, readAttempts)
        self.retryDelay = max(0, retryDelay)
    }

    /// What the server holds after a write, and what the write itself answered.
    public struct Result<Value: Sendable>: Sendable {
        /// The object as read back; nil when it is not there (a create whose role cannot be found).
        public var value: Value?
        /// True when the server holds the change.
        public var held: Bool
        /// The write's own failure when its answer was lost or was a server error; nil when it succeeded.
        public var writeError: PrivXError?

        /// True when the write answered with an error but the server holds the change anyway.
        public var verifiedAfterLostAnswer: Bool { held && writeError != nil }
    }

    /// Whether a failed write may still have been applied: the failed request was one that changes data
    /// (`PrivXError.changesData`; not the token call or a read made on the way), it reached the server and
    /// no answer said it was refused (a timeout, a broken connection, an unreadable answer, a 5xx). A 4xx
    /// is a refusal and a refused connection never reached the server: those are not re-read.
    public static func mayHaveBeenApplied(_ error: PrivXError) -> Bool {
        switch error {
        case .timeout(let method, let path, _), .connectionLost(let method, let path, _), .invalidResponse(let method, let path, _):
            return PrivXError.changesData(method: method, path: path)
        case .http(let status, let method, let path, _):
            return status >= 500 && PrivXError.changesData(method: method, path: path)
        default:
            return false
        }
    }

    /// Whether a failed read may succeed when tried again (a timeout, a broken connection, an unreadable
    /// answer, a 5xx); the transport already retried what it retries.
    static func mayPass(_ error: PrivXError) -> Bool {
        switch error {
        case .timeout, .connectionLost, .invalidResponse: return true
        case .http(let status, _, _, _): return status >= 500
        default: return false
        }
    }

    /// Sends `write`, then reads back with `read` until the server answers, and asks `holds` whether it
    /// has the change. `read` gets the write's answer (nil when it was lost: find the object another way,
    /// such as a created role by its name) and returns nil when the object is not there.
    ///
    /// Throws the write's error when it was a refusal, or when the write failed and the server does not
    /// hold the change; throws a "could not be read back" error when every read failed.
    public func perform<Answer: Sendable, Value: Sendable>(
        write: () async throws -> Answer,
        read: (Answer?) async throws -> Value?,
        holds: (Value) -> Bool
    ) async throws -> Result<Value> {
        var answer: Answer?
        var writeError: PrivXError?
        do {
            answer = try await write()
        } catch let error as PrivXError where Self.mayHaveBeenApplied(error) {
            writeError = error
        }
        let value: Value?
        do {
            value = try await readBack { try await read(answer) }
        } catch let readError as PrivXError {
            throw Self.unverified(writeError: writeError, readError: readError, reads: readAttempts)
        }
        let held = value.map(holds) ?? false
        if !held, let writeError { throw writeError }
        return Result(value: value, held: held, writeError: writeError)
    }

    /// Runs `read`, retrying it after a failure that may pass (a timeout, a broken connection, a 5xx);
    /// a 404 means the object is not there (nil).
    func readBack<Value: Sendable>(_ read: () async throws -> Value?) async throws -> Value? {
        var attempt = 1
        while true {
            do {
                return try await read()
            } catch let error as PrivXError {
                if error.status == 404 { return nil }
                guard attempt < readAttempts, Self.mayPass(error) else { throw error }
                let pause = retryDelay * Double(1 << (attempt - 1))
                try? await Task.sleep(nanoseconds: UInt64(pause * 1_000_000_000))
                attempt += 1
            }
        }
    }

    /// The error for a write whose outcome could not be checked: says which it is and what to do.
    static func unverified(writeError: PrivXError?, readError: PrivXError, reads: Int) -> PrivXError {
        let tries = reads == 1 ? "once" : "\(reads) times"
        if let writeError {
            return .invalidRequest(writeError.description + " Reading it back to check failed too (tried \(tries): "
                + readError.description + "). The change may or may not have been applied: reload and check before trying again.")
        }
        return .invalidRequest("The server accepted the write, but reading it back to check it failed (tried \(tries): "
            + readError.description + "). Reload to see what the server holds.")
    }
}
