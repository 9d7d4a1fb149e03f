import Foundation
import TOMLKit

/// A parsed `config.toml` (the PrivX Go SDK layout plus `[profiles.NAME]`), flattened to dotted keys
/// such as `api.base_url` so lookups and error messages name the exact key.
struct ConfigFile: Sendable {
    enum Value: Sendable, Hashable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case other(String)
    }

    let path: String
    let values: [String: Value]
    let profiles: [String]
    /// Group/other permission bits (`mode & 0o077`).
    let looseModeBits: Int
    let mode: Int

    static let secretKeys: Set<String> = ["api_client_secret", "oauth_client_secret", "bearer_token"]

    /// Reads and parses the file; every failure names the file and what is expected.
    static func load(path: String) throws(PrivXError) -> ConfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .configuration(source: path, key: "(file)", expected: "a readable UTF-8 TOML file; it could not be read")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .configuration(source: path, key: "line \(error.source.begin.line), column \(error.source.begin.column)",
                                 expected: "valid TOML (\(error.description))")
        } catch {
            throw .configuration(source: path, key: "(file)", expected: "valid TOML")
        }
        var values: [String: Value] = [:]
        flatten(table, prefix: "", into: &values)
        var profiles: [String] = []
        if let profileTable = table["profiles"]?.table {
            profiles = profileTable.keys.sorted()
        }
        var mode = 0
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let permissions = attributes[.posixPermissions] as? NSNumber {
            mode = permissions.intValue
        }
        return ConfigFile(path: path, values: values, profiles: profiles, looseModeBits: mode & 0o077, mode: mode)
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into values: inout [String: Value]) {
        for key in table.keys {
            guard let item = table[key] else { continue }
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let nested = item.table {
                flatten(nested, prefix: path, into: &values)
            } else if let string = item.string {
                values[path] = .string(string)
            } else if let bool = item.bool {
                values[path] = .bool(bool)
            } else if let int = item.int {
                values[path] = .number(Double(int))
            } else if let double = item.double {
                values[path] = .number(double)
            } else {
                values[path] = .other(String(describing: item.type))
            }
        }
    }

    /// True when any key that holds a secret has a non-empty value (a `base_url` with a password counts).
    var holdsSecrets: Bool {
        values.contains { key, value in
            guard let last = key.split(separator: ".").last else { return false }
            if last == "base_url", case .string(let url) = value { return URLRedaction.holdsPassword(url) }
            guard Self.secretKeys.contains(String(last)) else { return false }
            if case .string(let s) = value { return !s.isEmpty }
            return true
        }
    }

    /// Refuses a file with secrets that group or others can read, as ssh does for keys.
    func checkPermissions() throws(PrivXError) {
        guard holdsSecrets, looseModeBits != 0 else { return }
        let octal = String(mode & 0o777, radix: 8)
        throw .configuration(source: path, key: "file permissions",
                             expected: "it holds secrets but is readable by group or others (mode \(octal)); "
                                 + "restrict it with: chmod 600 \(path)")
    }

    /// A string value at `section.key`, looked up in the profile first (`profiles.P.section.key`, then
    /// `profiles.P.key`) and then at top level. Returns the value and the dotted key it came from.
    func string(section: String, key: String, profile: String?) throws(PrivXError) -> (String, String)? {
        var candidates: [String] = []
        if let profile {
            candidates.append("profiles.\(profile).\(section).\(key)")
            candidates.append("profiles.\(profile).\(key)")
        }
        candidates.append("\(section).\(key)")
        for candidate in candidates {
            guard let value = values[candidate] else { continue }
            guard case .string(let s) = value else {
                throw .configuration(source: path, key: candidate, expected: "a string in quotes")
            }
            return (s, candidate)
        }
        return nil
    }

    /// A number of seconds at `section.key` (profile first), as for `string`.
    func number(section: String, key: String, profile: String?) throws(PrivXError) -> (Double, String)? {
        var candidates: [String] = []
        if let profile {
            candidates.append("profiles.\(profile).\(section).\(key)")
            candidates.append("profiles.\(profile).\(key)")
        }
        candidates.append("\(section).\(key)")
        for candidate in candidates {
            guard let value = values[candidate] else { continue }
            guard case .number(let n) = value, n > 0 else {
                throw .configuration(source: path, key: candidate, expected: "a positive number of seconds")
            }
            return (n, candidate)
        }
        return nil
    }
}
