import Foundation
import RoleStoreSimulator
import Testing

@Suite("Paging and sorting")
struct PagingTests {
    let api = SimulatorHarness.api

    @Test(arguments: [
        ("limit=1001", "VALUE_OUT_OF_BOUNDS", "limit"), ("limit=-1", "VALUE_OUT_OF_BOUNDS", "limit"),
        ("offset=-5", "VALUE_OUT_OF_BOUNDS", "offset"), ("limit=ten", "VALUE_INCORRECT_TYPE", "limit"),
        ("sortkey=favourite_colour", "INVALID_REQUEST_DATA", "sortkey"), ("sortdir=UP", "INVALID_REQUEST_DATA", "sortdir"),
    ])
    func badPagingIsRejected(query: String, code: String, property: String) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            for path in ["\(api)/roles?\(query)"] {
                let answer = try await sim.send(.GET, path, token: token)
                #expect(answer.status == 400)
                #expect(answer.json?["error_code"]?.stringValue == code)
                #expect(answer.json?["property"]?.stringValue == property)
            }
            let search = try await sim.send(.POST, "\(api)/roles/search?\(query)", token: token, json: ["name": []])
            #expect(search.json?["property"]?.stringValue == property)
            let id = try await sim.roleID("linux-admins", token: token)
            if !query.hasPrefix("sortkey") {
                let members = try await sim.send(.GET, "\(api)/roles/\(id)/members?\(query)", token: token)
                #expect(members.json?["property"]?.stringValue == property)
            }
        }
    }

    @Test func defaultPageIs50AndCountIsTheTotal() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let page = try await sim.getJSON("\(api)/roles", token: token)
            #expect(page["count"] == 60)
            #expect(page["items"]?.arrayValue?.count == 50)
            let full = try await sim.getJSON("\(api)/roles?limit=1000", token: token)
            #expect(full["items"]?.arrayValue?.count == 60)
            let past = try await sim.getJSON("\(api)/roles?offset=500&limit=10", token: token)
            #expect(past["count"] == 60)
            #expect(past["items"]?.arrayValue?.isEmpty == true)
            let edge = try await sim.getJSON("\(api)/roles?offset=59&limit=10", token: token)
            #expect(edge["items"]?.arrayValue?.count == 1)
            let zero = try await sim.getJSON("\(api)/roles?limit=0", token: token)
            #expect(zero["count"] == 60)
            #expect(zero["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func pagesCoverEveryRoleOnceInNameOrder() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            var names: [String] = []
            var ids: Set<String> = []
            for offset in stride(from: 0, to: 60, by: 7) {
                let page = try await sim.getJSON("\(api)/roles?offset=\(offset)&limit=7", token: token)
                for item in page["items"]?.arrayValue ?? [] {
                    names.append(item["name"]!.stringValue!)
                    ids.insert(item["id"]!.stringValue!)
                }
            }
            #expect(ids.count == 60)
            #expect(names == names.sorted { $0.lowercased() < $1.lowercased() })
            let descending = try await sim.getJSON("\(api)/roles?limit=1000&sortdir=DESC", token: token)
            let descendingNames = descending["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(descendingNames == names.reversed())
            let secondDescendingPage = try await sim.getJSON("\(api)/roles?offset=10&limit=5&sortdir=desc", token: token)
            #expect(secondDescendingPage["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == Array(descendingNames[10..<15]))
        }
    }

    @Test(arguments: ["created", "updated", "id", "member_count", "comment"])
    func sortKeysOrderTheWholeList(key: String) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            for direction in ["ASC", "DESC"] {
                let page = try await sim.getJSON("\(api)/roles?limit=1000&sortkey=\(key)&sortdir=\(direction)", token: token)
                let items = page["items"]?.arrayValue ?? []
                #expect(items.count == 60)
                if key == "member_count" {
                    let values = items.compactMap { $0[key]?.intValue }
                    #expect(values == (direction == "ASC" ? values.sorted() : values.sorted(by: >)))
                } else {
                    let values = items.map { $0[key]?.stringValue ?? "" }
                    #expect(values == (direction == "ASC" ? values.sorted() : values.sorted(by: >)))
                }
            }
        }
    }

    @Test func sortIndexFollowsWrites() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            let created = try await sim.send(.POST, "\(api)/roles", token: token, json: sampleRole(name: "aaa-first", source: source))
            let id = try #require(created.json?["id"]?.stringValue)
            var first = try await sim.getJSON("\(api)/roles?limit=1", token: token)
            #expect(first["items"]?[0]?["name"] == "aaa-first")
            #expect(first["count"] == 61)
            var role = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            role["name"] = "zzz-last"
            _ = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role)
            let last = try await sim.getJSON("\(api)/roles?limit=1&sortdir=DESC", token: token)
            #expect(last["items"]?[0]?["name"] == "zzz-last")
            let newest = try await sim.getJSON("\(api)/roles?limit=1&sortkey=created&sortdir=DESC", token: token)
            #expect(newest["items"]?[0]?["id"]?.stringValue == id)
            _ = try await sim.send(.DELETE, "\(api)/roles/\(id)", token: token)
            first = try await sim.getJSON("\(api)/roles?limit=1&sortdir=DESC", token: token)
            #expect(first["items"]?[0]?["name"] != "zzz-last")
            #expect(first["count"] == 60)
        }
    }
}

extension SimulatorJSON {
    /// Array element access for terse test expectations.
    subscript(position: Int) -> SimulatorJSON? {
        guard case .array(let items) = self, items.indices.contains(position) else { return nil }
        return items[position]
    }
}
