import Foundation
import TerminalUI
import Testing

/// The shared golden-file comparison: first difference, missing file, regeneration on purpose.
@Suite struct GoldenFileTests {
    @Test func firstDifferenceNamesTheLineAndBothSides() {
        #expect(GoldenFile.firstDifference(expected: "a\nb\nc", actual: "a\nb\nc") == nil)
        let difference = GoldenFile.firstDifference(expected: "a\nb\nc", actual: "a\nB\nc")
        #expect(difference?.line == 2 && difference?.expected == "b" && difference?.actual == "B")
        #expect(GoldenFile.firstDifference(expected: "a", actual: "a\nextra")?.expected == "<missing>")
    }

    @Test func missingThenWrittenThenMatchesThenDiffers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = GoldenFile(directory: directory)
        guard case .problem(let missing) = file.check("screen", "x\ny", environment: [:]) else { Issue.record("a missing file passed"); return }
        #expect(missing.contains("missing golden file screen.txt") && missing.contains("UPDATE_GOLDEN=1"))
        #expect(file.check("screen", "x\ny", environment: ["UPDATE_GOLDEN": "1"]) == .written)
        #expect(file.check("screen", "x\ny", environment: [:]) == .matches)
        #expect(file.check("screen", "x\nz", environment: [:]) == .problem("golden screen.txt line 2 differs\nexpected: y\nactual:   z"))
        #expect(GoldenFile(besideSupportFile: "/t/Tests/X/Support/GoldenFile.swift").directory.path == "/t/Tests/X/Golden")
    }
}
