import TerminalUI

/// Plain-text tables for people and RFC 4180 CSV for spreadsheets. `Output` sanitizes everything it
/// prints; cells are sanitized here too so a column is measured after its marks replace escape sequences.
enum TableFormatter {
    /// One line of inert text: the console's `sanitize` (escape sequences, controls, bidi and invisible
    /// characters become visible marks; a line break becomes ␊).
    static func clean(_ text: String) -> String {
        sanitize(text)
    }

    /// Columns separated by two spaces, header included; the last column is not padded.
    static func table(headers: [String], rows: [[String]]) -> String {
        let cleaned = rows.map { $0.map(clean) }
        var widths = headers.map(\.count)
        for row in cleaned {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func render(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                if index == cells.count - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        return ([render(headers)] + cleaned.map(render)).joined(separator: "\n")
    }

    /// `key  value` lines with aligned values.
    static func keyValues(_ pairs: [(String, String)]) -> String {
        let width = pairs.map(\.0.count).max() ?? 0
        return pairs.map { key, value in
            key + String(repeating: " ", count: width - key.count + 2) + clean(value)
        }.joined(separator: "\n")
    }

    /// CSV with a header row; fields with `,`, `"` or line breaks are quoted.
    static func csv(headers: [String], rows: [[String]]) -> String {
        func field(_ value: String) -> String {
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}
