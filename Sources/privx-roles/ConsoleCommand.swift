import ArgumentParser
import Foundation
import Logging
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI

/// The interactive console: `--demo` against an in-process simulator, otherwise the configured PrivX.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The interactive terminal console (the default when no subcommand is given)."
    )

    /// Which demo API client (admin, viewer, mapper) or demo person (alice, bob, carol) the console logs in as.
    /// A person is asked for the password at the same prompt a real user sees.
    enum DemoUser: String, ExpressibleByArgument, CaseIterable {
        case admin, viewer, mapper, alice, bob, carol
    }

    @Flag(name: .long, help: "Run against an in-process simulator with seeded data.")
    var demo = false

    @Option(name: .customLong("demo-user"), help: "Demo API client (admin, viewer, mapper) or demo user who logs in with a password (alice, bob, carol).")
    var demoUser: DemoUser = .admin

    @Option(name: .customLong("demo-size"), help: "Number of seeded roles in demo mode.")
    var demoSize: Int?

    @Flag(name: .customLong("read-only"), help: "Disable every action that changes data.")
    var readOnly = false

    @Flag(name: .customLong("no-color"), help: "No colors (NO_COLOR is honored too).")
    var noColor = false

    @Flag(name: .long, help: "ASCII borders instead of box-drawing characters.")
    var ascii = false

    @Flag(name: .long, help: "Enable mouse input.")
    var mouse = false

    @Option(name: .long, help: "Log file (default $XDG_STATE_HOME/privx-roles/privx-roles.log).")
    var log: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let demoSize, demoSize < 2 { throw ValidationError("--demo-size must be at least 2 (the built-in roles)") }
        if demoSize != nil && !demo { throw ValidationError("--demo-size only applies with --demo") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logPath = log ?? FileLogHandler.defaultPath(environment: environment)
        let handler = try? FileLogHandler.open(path: logPath, label: "privx-roles")
        var logger = Logger(label: "privx-roles") { _ in handler.map { $0 as LogHandler } ?? SwiftLogNoOpLogHandler() }
        logger.logLevel = connection.verbose ? .debug : .info

        let options = TerminalOptions(ascii: ascii, noColor: noColor || !(environment["NO_COLOR"] ?? "").isEmpty, mouse: mouse)
        let backend = try await ConsoleBackend.make(command: self, logger: logger)
        let inbox = Inbox()
        let client: PrivXClient
        // A person logs in here, before the screen opens, at the terminal prompt; once the screen is up the gate
        // closes and hands over to the console's password dialog (Esc there fails the request with .loginRequired).
        let gate = PromptGate()
        do {
            client = try PrivXClient(configuration: backend.configuration, logger: logger,
                                     onRequest: { inbox.post(.apiCall($0)) }, passwordProvider: backend.passwordInput?.provider(gate: gate))
        } catch {
            await backend.stop()
            throw error
        }
        if backend.passwordInput != nil {
            do {
                try await client.logInIfNeeded()
            } catch {
                await client.shutdown()
                await backend.stop()
                throw error
            }
        }
        // From here a session that cannot be renewed asks in the console's password dialog.
        let passwords = PasswordBroker(inbox: inbox)
        gate.close(handingOverTo: passwords.provider)
        let settings = ConsoleSettings(endpoint: backend.endpoint, identity: backend.identity, readOnly: readOnly,
                                       warning: backend.warning)
        let outcome = await ConsoleSession.run(options: options, environment: environment, client: client,
                                               settings: settings, inbox: inbox, passwords: passwords, logger: logger, logPath: logPath)
        // The terminal is already restored; closing connections must not keep a person waiting.
        let finished = await BoundedWait.run(seconds: 3) {
            await client.shutdown()
            await backend.stop()
        }
        if !finished { logger.warning("closing connections took longer than 3 s; exiting anyway") }
        switch outcome {
        case .failure(let error):
            Output.error("privx-roles: \(error)")
            throw ExitCode(TerminalStartupError.exitCode)
        case .success(let status) where status != 0:
            // Ended by a signal (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP); an unsaved form is in a recovery file.
            throw ExitCode(status)
        case .success:
            break
        }
    }
}

/// The terminal part of a console run, on the main actor where every curses call must happen.
@MainActor
enum ConsoleSession {
    /// Runs the console; returns its exit status (0, or 128 + the signal that ended it).
    static func run(options: TerminalOptions, environment: [String: String], client: PrivXClient, settings: ConsoleSettings,
                    inbox: Inbox, passwords: PasswordBroker, logger: Logger, logPath: String) async -> Result<Int32, TerminalStartupError> {
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal.start(options: options, environment: environment)
        } catch {
            return .failure(error)
        }
        let crashLog = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if crashLog >= 0 { TerminalRestore.setCrashLog(fileDescriptor: crashLog) }
        // SIGINT, SIGTERM and SIGHUP go to the run loop while the screen is up: it asks about (Ctrl-C) or
        // keeps (a recovery file) unsaved edits and then restores the terminal itself.
        SignalRouter.route([SIGINT, SIGTERM, SIGHUP])
        let app = ConsoleApp(terminal: terminal, api: client, settings: settings, inbox: inbox, logger: logger, passwords: passwords)
        app.signalSource = { SignalRouter.pending() }
        app.recovery = RecoveryStore(directory: RecoveryStore.defaultDirectory(environment: environment))
        let status = await app.run()
        terminal.shutdown()
        SignalRouter.unroute()
        return .success(status)
    }
}
