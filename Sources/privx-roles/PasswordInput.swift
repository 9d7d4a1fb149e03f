import Foundation
import PrivXAPI
import Synchronization

/// Where a person's password comes from: a file descriptor (`--password-fd`, for scripts), the environment
/// (`PRIVX_API_PASSWORD`, for scripts, with the risks the README names), or the terminal without echo. Never from
/// a flag's value, never from a file name, never kept after the login request.
struct PasswordInput: Sendable {
    static let environmentName = "PRIVX_API_PASSWORD"

    var fileDescriptor: Int32?
    var environmentPassword: String?
    /// "alice at privx.example.com", for the prompt.
    var promptTarget: String

    /// The `PasswordProvider` for a client. Once `gate` is closed (a full-screen console owns the terminal, so
    /// a prompt must never write over the screen) the question goes to what the gate was handed over to: the
    /// console's password dialog, whatever the first password came from.
    func provider(gate: PromptGate = PromptGate()) -> PasswordProvider {
        let descriptorUsed = Mutex(false)
        return { request in
            guard gate.isOpen else { return await gate.handedOver?(request) }
            if let fd = fileDescriptor {
                // One password per run: a wrong one or a later expiry cannot be answered from the same stream.
                guard descriptorUsed.withLock({ used in defer { used = true }; return !used }) else { return nil }
                return Self.readAll(fd)
            }
            if let environmentPassword {
                if case .wrongPassword = request.reason { return nil }
                return environmentPassword
            }
            let lead: String
            switch request.reason {
            case .firstLogin: lead = ""
            case .wrongPassword: lead = "The user name or password was not accepted; try again.\n"
            case .sessionExpired: lead = "Your PrivX session has ended; log in again to continue.\n"
            }
            return await PasswordPrompt.ask(prompt: "\(lead)PrivX password for \(promptTarget): ")
        }
    }

    /// The whole stream, without one trailing newline (as `echo pw |` adds); nil when it is empty or unreadable.
    static func readAll(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > 65_536 { return nil }
        }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

/// Open while the program may prompt on the terminal; closed while the console's screen is up, when the
/// password is asked by the provider it was handed over to (the console's dialog), or not at all.
final class PromptGate: Sendable {
    private let state = Mutex<(open: Bool, next: PasswordProvider?)>((true, nil))
    var isOpen: Bool { state.withLock { $0.open } }
    /// Who answers once the gate is closed.
    var handedOver: PasswordProvider? { state.withLock { $0.next } }
    /// Closes the gate; `next`, if given, answers from now on.
    func close(handingOverTo next: PasswordProvider? = nil) { state.withLock { $0 = (false, next) } }
}
