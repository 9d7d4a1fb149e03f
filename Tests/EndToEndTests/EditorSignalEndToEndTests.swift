import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// SIGTERM while `$EDITOR` runs (issue 13, item 7), in the real binary in tmux: the signal reaches the
/// editor's process group at once, the temp file goes, the edit is kept in a recovery file, and the
/// terminal is restored with the usual exit status.
extension ConsoleEndToEndTests {
    @Test func sigtermWhileTheEditorRunsEndsPromptlyAndKeepsTheEdit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-editor-signal-\(UUID().uuidString.prefix(8))")
        let appTemp = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: appTemp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // An editor that writes an edit and a swap file (as vim does), notes its process group, then sleeps far
        // longer than the test waits.
        let script = directory.appendingPathComponent("slow-editor.sh")
        let groupFile = directory.appendingPathComponent("editor.pgid")
        try """
        #!/bin/sh
        sed -i 's/"comment": "[^"]*"/"comment": "typed in the editor"/' "$1"
        touch "$(dirname "$1")/.$(basename "$1").swp"
        ps -o pgid= -p $$ | tr -d ' ' > \(groupFile.path).tmp && mv \(groupFile.path).tmp \(groupFile.path)
        sleep 30
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)

        try await ConsoleEndToEndTests.withServer { server, client in
            let shell = try ConsoleShell(baseURL: server.baseURL, adding: ["EDITOR": script.path, "VISUAL": "", "TMPDIR": appTemp.path])
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            let role = try #require(try await client.allRoles().first { $0.name == "db-readonly" })
            try openFormByName(shell.tmux, "db-readonly")
            try shell.tmux.send("F4")
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: groupFile.path) && Date() < deadline { usleep(50_000) }
            let group = try #require(Int32((try? String(contentsOf: groupFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""),
                                     "the editor did not start")
            #expect(try FileManager.default.contentsOfDirectory(atPath: appTemp.path).contains { $0.hasPrefix("privx-role-") })

            let started = Date()
            kill(try shell.appPID(), SIGTERM)
            #expect(try shell.exitStatus(timeout: 40) == 143)
            let seconds = Date().timeIntervalSince(started)
            print("SIGTERM during $EDITOR: the console exited \(String(format: "%.2f", seconds)) s after the signal (editor sleeps 30 s)")
            #expect(seconds < 10, "one SIGTERM ends the console at once, not when the editor exits (took \(seconds) s)")
            try shell.expectRestored()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: appTemp.path)
            #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
            // The group is gone once its last process is reaped (an orphaned child is reaped by init).
            let gone = Date().addingTimeInterval(5)
            while killpg(group, 0) == 0 && Date() < gone { usleep(50_000) }
            let survivors = (try? Subprocess.run(["ps", "-o", "pid,pgid,stat,args", "-g", String(group)]).output) ?? ""
            #expect(killpg(group, 0) == -1 && errno == ESRCH, "the editor's process group \(group) is still running: \(survivors)")

            let files = shell.recoveryFiles
            #expect(files.count == 1)
            if let file = files.first {
                #expect(file.hasSuffix("recovery-\(role.id).json"))
                #expect(try String(contentsOfFile: file, encoding: .utf8).contains("typed in the editor"))
            }
            #expect(try await client.role(id: role.id).comment == role.comment, "nothing was written")

            // The next start offers the edit back.
            try shell.launch()
            try shell.tmux.waitFor("Recovered an unsaved edit of role db-readonly", timeout: 40)
            try shell.tmux.send("r")
            try shell.tmux.waitForAll("Edit role db-readonly", "typed in the editor")
            try shell.tmux.send("Escape")
            try shell.tmux.waitFor("Esc again discards")
            try shell.tmux.send("Escape")
            try shell.tmux.waitFor("Edits discarded")
            try shell.tmux.send("q")
            #expect(try shell.exitStatus() == 0)
        }
    }
}
