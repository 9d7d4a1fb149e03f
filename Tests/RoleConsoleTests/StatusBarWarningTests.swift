import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// A secret given as a flag stays named in the status bar for the whole run, on every screen.
@Suite struct StatusBarWarningTests {
    @Test(arguments: [ScreenKind.roles, .awsRoles, .log, .errors])
    func aSecretFlagIsNamedInTheStatusBar(_ screen: ScreenKind) {
        let warning = "--client-secret on the command line: visible in ps"
        var state = AppState(settings: ConsoleSettings(endpoint: "privx.example.com", identity: "client 5c1e6d0a", readOnly: false,
                                                       warning: warning),
                             size: Size(width: 120, height: 30))
        state.stack = screen == .roles ? [.roles] : [.roles, screen]
        let (buffer, _) = ConsoleView.render(state, glyphs: .unicode)
        let lines = buffer.textLines()
        let status = lines[lines.count - 2]
        #expect(status.contains(warning), "\(status)")
        #expect(status.contains("privx.example.com"))

        state.settings.warning = nil
        let plain = ConsoleView.render(state, glyphs: .unicode).0.textLines()
        #expect(!plain[plain.count - 2].contains("command line"))
    }
}
