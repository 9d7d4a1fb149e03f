import Foundation

/// Waits for a generated principal key's public half. PrivX generates the key pair after answering the
/// POST; the Terraform provider polls `GET …/principalkeys/{key_id}` once a second for up to 12 s
/// (SSHcom/terraform-provider-privx internal/provider/role_resource.go@a71be719). Here the polls start
/// quickly and back off, within the same kind of bound, and the caller learns each poll (for progress).
public struct PrincipalKeyGeneration: Sendable {
    /// Longest wait in seconds before giving up (the key stays on the server and may still finish).
    public var bound: Double
    /// Seconds before the first poll; doubled after each, up to `maximumDelay`.
    public var firstDelay: Double
    public var maximumDelay: Double

    /// The defaults: 12 s, as the Terraform provider waits; polls after 0.25, 0.5, 1, 2, 2… s.
    public init(bound: Double = 12, firstDelay: Double = 0.25, maximumDelay: Double = 2) {
        self.bound = max(0, bound)
        self.firstDelay = max(0.01, firstDelay)
        self.maximumDelay = max(self.firstDelay, maximumDelay)
    }

    /// Polls until the key has its public half; `onPoll` gets (poll number, seconds waited). Throws
    /// `PrivXError.invalidRequest` naming the key when the bound passes, and the read's error when a read
    /// fails (a 404: the key was deleted meanwhile).
    public func wait(api: any RoleStoreAPI, roleID: String, keyID: String,
                     onPoll: (@Sendable (_ poll: Int, _ waited: Double) -> Void)? = nil) async throws -> PrincipalKey {
        let started = ContinuousClock.now
        var delay = firstDelay
        var poll = 0
        while true {
            let waited = Self.seconds(ContinuousClock.now - started)
            let pause = min(delay, max(0, bound - waited))
            if pause > 0 { try await Task.sleep(nanoseconds: UInt64(pause * 1_000_000_000)) }
            poll += 1
            let key = try await api.principalKey(roleID: roleID, keyID: keyID)
            let now = Self.seconds(ContinuousClock.now - started)
            onPoll?(poll, now)
            if key.isReady { return key }
            if now >= bound {
                throw PrivXError.invalidRequest("The server has not finished generating principal key \(keyID) after "
                    + "\(Int(bound.rounded())) s. The key exists and may still be completed: list the role's keys again later, "
                    + "or delete it if it never gets a public key.")
            }
            delay = min(delay * 2, maximumDelay)
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
