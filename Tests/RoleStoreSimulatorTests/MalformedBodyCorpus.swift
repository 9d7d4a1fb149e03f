import Foundation
import RoleStoreSimulator

/// One hostile request and the statuses the contract allows for it.
struct FuzzCase: Sendable {
    let category: String
    let method: Verb
    let path: String
    let body: [UInt8]
    var headers: [(String, String)] = [("Content-Type", "application/json")]
    let allowed: Set<Int>
}

/// A deterministic generator of malformed request bodies for every endpoint that takes one: random
/// bytes, deep nesting, huge numbers, a wrong type in every field, over-size bodies, invalid UTF-8,
/// empty bodies and wrong content types. The same seed gives the same requests.
struct MalformedBodyCorpus {
    let roleID: String
    let awsRoleID: String
    let sourceID: String
    let maxBodyBytes: Int
    var generator: SplitMix64

    static let api = SimulatorHarness.api
    /// Stands for a raw JSON value that SimulatorJSON cannot hold (1e400, 2^70, deep nesting).
    static let rawMarker = "\u{1}RAW\u{1}"

    /// The endpoints with a body, each with a valid document to break.
    var endpoints: [(method: Verb, path: String, valid: SimulatorJSON)] {
        let rule: SimulatorJSON = ["type": "GROUP", "match": "ANY", "rules": [
            ["type": "RULE", "source": .string(sourceID), "search_string": "(principal=a*)", "rules": []]]]
        let role: SimulatorJSON = ["name": "fuzz-role", "comment": "c", "permissions": ["hosts-view"], "access_group_id": .null,
                                   "permit_agent": false, "source_rules": rule, "tags": ["t"],
                                   "context": ["enabled": true, "block_role": false, "validity": ["MON"], "start_time": "08:00",
                                               "end_time": "16:00", "timezone": "Europe/Helsinki", "ip_masks": ["10.0.0.0/8"]]]
        return [
            (.POST, "\(Self.api)/roles", role),
            (.PUT, "\(Self.api)/roles/\(roleID)", role),
            (.POST, "\(Self.api)/roles/resolve", ["oracle-dba"]),
            (.POST, "\(Self.api)/roles/search", ["name": ["oracle-dba"], "keywords": "db", "tags": ["x"]]),
            (.POST, "\(Self.api)/roles/evaluate", ["source_rules": rule]),
            (.PUT, "\(Self.api)/awsroles/\(awsRoleID)/roles", [["id": .string(roleID), "name": "oracle-dba"]]),
        ]
    }

    /// Raw JSON texts that are the wrong type (or out of range) for any field of the documents above.
    static let wrongValues = ["7", "2.5", "true", "\"text\"", "[1, {}]", "{\"a\": 1}", "1e400", "-1e400",
                              "1180591620717411303424", "-0.0e-99999", "\"\u{202E}\u{1B}]0;PWNED\u{07}\""]

    mutating func next() -> FuzzCase {
        let endpoints = self.endpoints
        let endpoint = endpoints[Int(generator.next() % UInt64(endpoints.count))]
        switch generator.next() % 100 {
        case 0..<20: return randomBytes(endpoint)
        case 20..<28: return deepNesting(endpoint)
        case 28..<65: return wrongType(endpoint)
        case 65..<67: return overSize(endpoint)
        case 67..<77: return invalidUTF8(endpoint)
        case 77..<82: return FuzzCase(category: "empty body", method: endpoint.method, path: endpoint.path, body: [], allowed: [400])
        case 82..<92: return wrongContentType(endpoint)
        default: return tokenEndpoint()
        }
    }

    private mutating func randomBytes(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let count = Int(generator.next() % 300) + 1
        var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Half start like JSON so the parser gets past the first byte.
        if generator.next() % 2 == 0 { bytes[0] = UInt8(ascii: "{") }
        return FuzzCase(category: "random bytes", method: endpoint.method, path: endpoint.path, body: bytes, allowed: [400])
    }

    private mutating func deepNesting(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let depth = [600, 10_000, 100_000][Int(generator.next() % 3)]
        let deep = generator.next() % 2 == 0
            ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            : String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        return FuzzCase(category: "deep nesting", method: endpoint.method, path: endpoint.path,
                        body: Array(embed(deep, in: endpoint.valid).utf8), allowed: [400])
    }

    /// Replaces one field (anywhere in the document, or the whole document) with a value of another type.
    private mutating func wrongType(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let paths = Self.fieldPaths(endpoint.valid)
        let path = paths[Int(generator.next() % UInt64(paths.count))]
        let current = endpoint.valid.value(at: path)
        // Only values of another JSON type: a string in a string field is hostile data, not a malformed body.
        let candidates = Self.wrongValues.filter { Self.jsonType(of: $0) != current.map(Self.jsonType(of:)) }
        let value = candidates[Int(generator.next() % UInt64(candidates.count))]
        var text = endpoint.valid.replacing(at: path, with: .string(Self.rawMarker)).jsonText
        text = text.replacingOccurrences(of: "\"\(Self.rawMarker.jsonEscaped)\"", with: value)
        return FuzzCase(category: "wrong type", method: endpoint.method, path: endpoint.path, body: Array(text.utf8), allowed: [400])
    }

    /// The JSON type name of a raw text or a value (numbers are one type).
    static func jsonType(of raw: String) -> String {
        switch raw.first {
        case "\"": return "string"
        case "[": return "array"
        case "{": return "object"
        case "t", "f": return "bool"
        case "n": return "null"
        default: return "number"
        }
    }

    static func jsonType(of value: SimulatorJSON) -> String { jsonType(of: value.jsonText) }

    private mutating func overSize(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let padding = String(repeating: "x", count: maxBodyBytes + 1 + Int(generator.next() % 1000))
        return FuzzCase(category: "over-size", method: endpoint.method, path: endpoint.path,
                        body: Array(embed("\"\(padding)\"", in: endpoint.valid).utf8), allowed: [413])
    }

    private mutating func invalidUTF8(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let sequences: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]]
        let bad = sequences[Int(generator.next() % UInt64(sequences.count))]
        var text = Array(endpoint.valid.jsonText.utf8)
        // Inside the first string value or key.
        if let quote = text.firstIndex(of: UInt8(ascii: "\"")) { text.insert(contentsOf: bad, at: quote + 1) }
        return FuzzCase(category: "invalid UTF-8", method: endpoint.method, path: endpoint.path, body: text, allowed: [400])
    }

    private mutating func wrongContentType(_ endpoint: (method: Verb, path: String, valid: SimulatorJSON)) -> FuzzCase {
        let types = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/octet-stream"]
        return FuzzCase(category: "wrong content type", method: endpoint.method, path: endpoint.path,
                        body: endpoint.valid.serialized(),
                        headers: [("Content-Type", types[Int(generator.next() % UInt64(types.count))])], allowed: [415])
    }

    private mutating func tokenEndpoint() -> FuzzCase {
        let count = Int(generator.next() % 200)
        let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let form = generator.next() % 2 == 0 ? bytes : Array("grant_type=password&username=\u{FF}&password=%%%&".utf8) + bytes
        return FuzzCase(category: "token endpoint", method: .POST, path: "/auth/api/v1/oauth/token", body: form,
                        headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Basic !!!not-base64")],
                        allowed: [400, 401])
    }

    /// The valid document with a raw JSON text as an extra member (objects) or element (arrays).
    private func embed(_ raw: String, in document: SimulatorJSON) -> String {
        let text = document.jsonText
        if text.hasPrefix("{") { return "{\"x_fuzz\":" + raw + "," + text.dropFirst() }
        return "[" + raw + "," + text.dropFirst()
    }

    /// Every path to a value inside `document` (not the root).
    static func fieldPaths(_ document: SimulatorJSON, prefix: [PathStep] = []) -> [[PathStep]] {
        var paths: [[PathStep]] = prefix.isEmpty ? [[]] : []
        switch document {
        case .object(let members):
            for key in members.keys.sorted() {
                let path = prefix + [.key(key)]
                paths.append(path)
                paths += fieldPaths(members[key]!, prefix: path)
            }
        case .array(let elements):
            for index in elements.indices {
                let path = prefix + [.index(index)]
                paths.append(path)
                paths += fieldPaths(elements[index], prefix: path)
            }
        default: break
        }
        return paths
    }
}

/// One step into a JSON document.
enum PathStep: Sendable, Equatable {
    case key(String)
    case index(Int)
}

extension SimulatorJSON {
    /// The value at `path`, if there is one.
    func value(at path: [PathStep]) -> SimulatorJSON? {
        guard let step = path.first else { return self }
        switch (self, step) {
        case (.object(let members), .key(let key)): return members[key]?.value(at: Array(path.dropFirst()))
        case (.array(let elements), .index(let index)) where elements.indices.contains(index):
            return elements[index].value(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// A copy with the value at `path` replaced.
    func replacing(at path: [PathStep], with value: SimulatorJSON) -> SimulatorJSON {
        guard let step = path.first else { return value }
        switch (self, step) {
        case (.object(var members), .key(let key)):
            members[key] = (members[key] ?? .null).replacing(at: Array(path.dropFirst()), with: value)
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            elements[index] = elements[index].replacing(at: Array(path.dropFirst()), with: value)
            return .array(elements)
        default:
            return self
        }
    }
}

extension String {
    /// The text as it appears inside a JSON string literal written by SimulatorJSON.
    var jsonEscaped: String {
        let quoted = SimulatorJSON.string(self).jsonText
        return String(quoted.dropFirst().dropLast())
    }
}
