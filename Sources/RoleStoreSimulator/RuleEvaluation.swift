import Foundation
import Synchronization

/// Which directory users a rule tree maps, and how much matching that takes. The store's cached
/// membership and the off-actor `/roles/evaluate` use the same code; the directory never changes, so
/// this needs no actor.
struct RuleEvaluation: Sendable {
    let directory: UserDirectory

    /// Filter terms × candidate users, summed over the tree's rules: the comparisons an evaluation makes.
    /// Counting parses each filter once (linear in its text), which is cheap next to the matching.
    func work(_ node: SimulatorJSON) -> Int {
        switch node["type"]?.stringValue {
        case "GROUP":
            return (node["rules"]?.arrayValue ?? []).reduce(0) { total, child in
                let (sum, overflow) = total.addingReportingOverflow(work(child))
                return overflow ? Int.max : sum
            }
        case "RULE":
            let filterText = node["search_string"]?.stringValue ?? ""
            let candidates = directory.usersBySource[node["source"]?.stringValue ?? ""]?.count ?? 0
            guard candidates > 0, let filter = try? LDAPFilter.parse(filterText) else { return candidates }
            let (product, overflow) = filter.termCount.multipliedReportingOverflow(by: candidates)
            return overflow ? Int.max : product
        default:
            return 0
        }
    }

    /// Users a rule tree maps; RULE results go into `cache` (keyed by source and filter text).
    func users(_ node: SimulatorJSON, cache: inout [String: UserSet]) -> UserSet {
        let empty = UserSet(capacity: directory.users.count)
        switch node["type"]?.stringValue {
        case "GROUP":
            let children = (node["rules"]?.arrayValue ?? []).map { users($0, cache: &cache) }
            guard var result = children.first else { return empty }
            let all = node["match"]?.stringValue == "ALL"
            for child in children.dropFirst() { result = all ? result.intersection(child) : result.union(child) }
            return result
        case "RULE":
            let source = node["source"]?.stringValue ?? ""
            let filterText = node["search_string"]?.stringValue ?? ""
            let key = source + "\u{1}" + filterText
            if let cached = cache[key] { return cached }
            var result = empty
            if let candidates = directory.usersBySource[source] {
                if filterText.trimmingCharacters(in: .whitespaces).isEmpty {
                    result = candidates
                } else if let filter = try? LDAPFilter.parse(filterText) {
                    for index in candidates.indices where filter.matches(directory.users[index].filterAttributes) {
                        result.insert(index)
                    }
                }
            }
            cache[key] = result
            return result
        default:
            return empty
        }
    }
}

extension LDAPFilter {
    /// Leaf comparisons in the filter (each is checked against every candidate user).
    var termCount: Int {
        switch self {
        case .and(let filters), .or(let filters): return max(1, filters.reduce(0) { $0 + $1.termCount })
        case .not(let filter): return filter.termCount
        default: return 1
        }
    }
}

/// RULE results shared by evaluations that run off the store; emptied when it holds `limit` filters, so
/// distinct huge filters cannot grow it without bound.
final class RuleCache: Sendable {
    private let entries = Mutex<[String: UserSet]>([:])
    static let limit = 256

    /// The results so far, to evaluate with.
    var snapshot: [String: UserSet] { entries.withLock { $0 } }

    /// Keeps the results an evaluation computed.
    func keep(_ results: [String: UserSet]) {
        entries.withLock { shared in
            if shared.count + results.count > Self.limit { shared.removeAll() }
            shared.merge(results) { kept, _ in kept }
        }
    }
}
