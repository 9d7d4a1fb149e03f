import Foundation

/// The `$EDITOR` escape hatch: the role goes to a private temp file, the person's editor runs on the
/// real terminal through `/bin/sh -c` (so `EDITOR="code -w"` works), and the file's text comes back.
/// The file is readable by its owner only and removed afterwards, whatever happened.
public enum ExternalEditor {
    /// What came back from the editor.
    public enum Outcome: Sendable, Equatable {
        /// The file's text after the editor exited successfully.
        case edited(String)
        /// Why there is no text (the form is unchanged).
        case failed(String)
        /// SIGTERM or SIGHUP ended the edit: the editor was stopped and the temp file removed; `saved` is
        /// what the editor had written to the file by then (nil when nothing), kept for the recovery file.
        case interrupted(signal: Int32, saved: String?)
    }

    /// `$VISUAL`, else `$EDITOR`, else `vi`: the command line as the person set it.
    public static func command(environment: [String: String]) -> String {
        for key in ["VISUAL", "EDITOR"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// The environment the editor gets: ours without the PrivX credentials (an editor has no use for them,
    /// and its plugins or crash reports should never see them).
    public static func editorEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { key, _ in
            let upper = key.uppercased()
            return !(upper.hasPrefix("PRIVX_") && (upper.contains("SECRET") || upper.contains("TOKEN") || upper.contains("PASSWORD")))
        }
    }

    /// Removes what an editor stopped by a signal leaves beside the file (vim's `.privx-role-XXXXXX.json.swp`,
    /// emacs' `#…#` and `.#…`): every name in the directory holding the temp file's unique part is this edit's.
    static func removeLeftovers(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let unique = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.contains(unique) {
            unlink(directory + "/" + name)
        }
    }

    /// Writes `text` to a 0600 temp file, runs the editor on it and waits, then reads and removes the file.
    /// Blocks the caller: run it with the screen suspended.
    public static func edit(_ text: String, environment: [String: String]) -> Outcome {
        edit(text, environment: environment, signals: { [] }).outcome
    }

    /// As `edit(_:environment:)`, polling `signals` while the editor runs: a SIGTERM or SIGHUP is forwarded
    /// to the editor's process group at once and the edit ends `.interrupted`. Returns every signal taken,
    /// for the caller to handle once the terminal is back.
    public static func edit(_ text: String, environment: [String: String], signals: () -> [Int32]) -> (outcome: Outcome, signals: [Int32]) {
        let editor = command(environment: environment)
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("privx-role-XXXXXX.json").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
        guard fd >= 0 else {
            return (.failed("Could not create a temp file for the editor (\(String(cString: strerror(errno)))); the form is unchanged."), [])
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer {
            unlink(path)
            removeLeftovers(of: path)
        }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            return (.failed("Could not write the role to \(path); the form is unchanged."), [])
        }
        let arguments = ["/bin/sh", "-c", editor + " \"$@\"", "privx-roles-editor", path]
        var failure: Int32 = 0
        guard let child = EditorProcess.spawn(arguments, environment: editorEnvironment(environment).map { $0.key + "=" + $0.value },
                                              failure: &failure) else {
            return (.failed("Could not start /bin/sh to run \u{201C}\(editor)\u{201D} (error \(failure)); the form is unchanged."), [])
        }
        let ending = child.wait(signals: signals)
        if let sig = ending.interruptedBy {
            let saved = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            return (.interrupted(signal: sig, saved: saved == text ? nil : saved), ending.signals)
        }
        let status = ending.status
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let how = exited ? "exited with status \(code)" : "was stopped by signal \(status & 0x7f)"
            return (.failed("The editor \u{201C}\(editor)\u{201D} \(how); the form is unchanged. Set $EDITOR (or $VISUAL) to an editor that waits until you close the file."),
                    ending.signals)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (.failed("The edited file \(path) could not be read back (the editor may have moved it); the form is unchanged."), ending.signals)
        }
        return (.edited(String(decoding: data, as: UTF8.self)), ending.signals)
    }
}
