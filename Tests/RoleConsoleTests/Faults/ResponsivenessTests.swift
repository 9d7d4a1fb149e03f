import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// The real run loop (`ConsoleApp.run`) on a `MemoryTerminal` against a simulator whose role list is
/// slow: keys are handled while the request is pending, and quitting does not wait for it.
@Suite(.serialized) struct ResponsivenessTests {
    @MainActor @Test(arguments: [FaultCase.slowDrip, FaultCase.latency, FaultCase.timeout])
    func keysAreHandledAndQuitWorksWhileTheRoleListIsPending(_ fault: FaultCase) async throws {
        let rig = try await FaultRig.start(requestTimeout: 20)
        var faults = FaultOptions()
        faults.pathPrefix = "/role-store/api/v1/roles"
        faults.methods = ["GET"]
        if let kind = fault.kind {
            faults.rate = 1
            faults.kinds = [kind]
        } else {
            faults.latencyMilliseconds = 20_000
        }
        await rig.server.setFaults(faults)
        let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
        let app = ConsoleApp(terminal: terminal, api: rig.client,
                             settings: ConsoleSettings(endpoint: "127.0.0.1", identity: "test", readOnly: false))
        var seenAWS = false
        var rolesPendingMeanwhile = false
        let clock = { Date().timeIntervalSince1970 }
        // Keys arrive once the AWS roles are shown (their load is not slowed), while roles still load.
        terminal.pendingKeys = []
        let watcher = Task { @MainActor in
            while !app.state.awsRoles.list.loaded { try? await Task.sleep(for: .milliseconds(20)) }
            terminal.pendingKeys = [.character("2"), .down, .character("/"), .character("p"), .enter]
            while !terminal.pendingKeys.isEmpty { try? await Task.sleep(for: .milliseconds(20)) }
            seenAWS = app.state.screen == .awsRoles && app.state.awsRoles.list.filterInput.text == "p"
            rolesPendingMeanwhile = app.state.roles.list.loading
            terminal.pendingKeys = [.character("q")]
        }
        let status = await app.run(clock: clock)
        await watcher.value
        #expect(status == 0)
        #expect(seenAWS, "keys were handled while the role list was pending")
        #expect(rolesPendingMeanwhile, "the keys were handled while the role list was still loading (\(fault))")
        if fault != .slowDrip {
            #expect(app.state.roles.list.loading && !app.state.roles.list.loaded, "quit did not wait for the pending request (\(fault))")
        }
        // The server first: it releases the held request, so the client's shutdown does not wait for it.
        await rig.server.stop()
        await rig.client.shutdown()
    }
}
