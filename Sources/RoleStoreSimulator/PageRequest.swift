import Foundation

/// Validated `offset`, `limit`, `sortkey`, `sortdir` of a list request.
struct PageRequest: Sendable {
    var offset = 0
    var limit = 50
    var sortKey: String?
    var descending = false

    static let maxLimit = 1000

    /// Parses paging from query items; rejects what PrivX rejects with its codes and the `property`.
    init(query: [String: String], allowedSortKeys: Set<String>) throws(APIError) {
        if let text = query["offset"] {
            guard let value = Int(text) else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "offset must be a whole number, got '\(text)'", property: "offset")
            }
            guard value >= 0 else {
                throw .badRequest("VALUE_OUT_OF_BOUNDS", "offset must be 0 or more, got \(value)", property: "offset")
            }
            offset = value
        }
        if let text = query["limit"] {
            guard let value = Int(text) else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "limit must be a whole number, got '\(text)'", property: "limit")
            }
            guard value >= 0, value <= Self.maxLimit else {
                throw .badRequest("VALUE_OUT_OF_BOUNDS", "limit must be between 0 and \(Self.maxLimit), got \(value); page with offset to read more",
                                  property: "limit")
            }
            limit = value
        }
        if let text = query["sortkey"], !text.isEmpty {
            guard allowedSortKeys.contains(text) else {
                throw .badRequest("INVALID_REQUEST_DATA",
                                  "sortkey '\(text)' is not sortable; use one of \(allowedSortKeys.sorted().joined(separator: ", "))",
                                  property: "sortkey")
            }
            sortKey = text
        }
        if let text = query["sortdir"], !text.isEmpty {
            switch text.uppercased() {
            case "ASC": descending = false
            case "DESC": descending = true
            default:
                throw .badRequest("INVALID_REQUEST_DATA", "sortdir must be ASC or DESC, got '\(text)'", property: "sortdir")
            }
        }
    }

    /// Slices an already sorted (ascending) list for this page and direction.
    func slice<T>(_ sorted: [T]) -> [T] {
        let total = sorted.count
        guard offset < total, limit > 0 else { return [] }
        let end = min(total, offset + limit)
        if descending {
            return Array(sorted[(total - end)..<(total - offset)].reversed())
        }
        return Array(sorted[offset..<end])
    }
}

/// Splits and percent-decodes a URL query string.
enum QueryString {
    static func parse(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(String(parts[0]))
            let value = parts.count > 1 ? decode(String(parts[1])) : ""
            result[key] = value
        }
        return result
    }

    static func decode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
