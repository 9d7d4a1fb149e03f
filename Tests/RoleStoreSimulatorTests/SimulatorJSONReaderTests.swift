import Foundation
import RoleStoreSimulator
import Testing

/// The simulator reads JSON with Foundation plus its own checks: what Foundation lets through (trailing commas,
/// other encodings, a byte-order mark) is refused, numbers keep the kind their text had, and a role document comes
/// back equal after a write and a read.
@Suite("Simulator JSON reader")
struct SimulatorJSONReaderTests {
    static let refused: [(String, [UInt8])] = [
        ("trailing comma in an array", Array("[1,]".utf8)),
        ("trailing comma in an object", Array(#"{"a":1,}"#.utf8)),
        ("trailing comma before a newline", Array("{\"a\":[1,\n]}".utf8)),
        ("UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array("[]".utf8)),
        ("UTF-16 with a byte-order mark", [0xFE, 0xFF, 0x00, 0x5B, 0x00, 0x5D]),
        ("UTF-16 without a byte-order mark", [0x5B, 0x00, 0x5D, 0x00]),
        ("a zero byte after the value", Array("[1]".utf8) + [0]),
        ("invalid UTF-8 in a string", [0x22, 0xFF, 0x22]),
        ("an encoded surrogate in a string", [0x22, 0xED, 0xA0, 0x80, 0x22]),
        ("a lone surrogate escape", Array(#""\ud800""#.utf8)),
        ("a number beyond Double", Array("[1e400]".utf8)),
        ("a negative number beyond Double", Array("[-1e400]".utf8)),
        ("a leading zero", Array("[-01]".utf8)),
        ("a comment", Array("/*x*/[1]".utf8)),
        ("nesting 513 deep", Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8)),
        ("empty", []),
    ]

    @Test(arguments: refused.indices)
    func malformedTextIsRefused(_ index: Int) {
        let (name, bytes) = Self.refused[index]
        #expect(throws: SimulatorJSONParseError.self, "\(name)") { _ = try SimulatorJSON.parse(bytes) }
    }

    @Test func ourChecksSayWhere() throws {
        let error = try #require(throws: SimulatorJSONParseError.self) { try SimulatorJSON.parse("[1, 2 ,\n ]") }
        #expect(error.offset == 6)
        #expect(error.description == "a trailing comma at byte 6")
    }

    @Test func commasAndBracketsInsideStringsAreText() throws {
        let value = try SimulatorJSON.parse(#"{"a":"x,]","b":"\",}","c":[",",{"d":",}"}]}"#)
        #expect(value["a"] == "x,]")
        #expect(value["b"] == "\",}")
        #expect(value["c"] == [",", ["d": ",}"]])
    }

    @Test func numbersKeepTheKindOfTheirText() throws {
        let value = try SimulatorJSON.parse("[0, -0, 7, 1.0, 1e3, 2.5, -0.0e-99999, 9223372036854775807, 9223372036854775808, "
            + "1180591620717411303424, 0.1, true, false, null]")
        #expect(value == [.int(0), .int(0), .int(7), .double(1), .double(1000), .double(2.5), .double(-0.0), .int(Int.max),
                          .double(9_223_372_036_854_775_808), .double(1_180_591_620_717_411_303_424), .double(0.1),
                          .bool(true), .bool(false), .null])
        #expect(value.jsonText == "[0,0,7,1.0,1000.0,2.5,-0.0,9223372036854775807,9.223372036854776e+18,1.1805916207174113e+21,0.1,true,false,null]")
    }

    @Test func nesting512DeepIsRead() throws {
        let text = String(repeating: "{\"a\":", count: 511) + "[1]" + String(repeating: "}", count: 511)
        var value = try SimulatorJSON.parse(text)
        for _ in 0..<511 { value = try #require(value["a"]) }
        #expect(value == [1])
    }

    @Test func duplicateKeysKeepTheLast() throws {
        #expect(try SimulatorJSON.parse(#"{"a":1,"a":[2]}"#) == ["a": [2]])
    }

    /// A role as the store holds it, with an unknown key, goes back out equal (key order aside).
    @Test func aRoleDocumentRoundTrips() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            let body = #"{"name":"round-trip","comment":"é 王伟 😀 \u0007 \"q\"","permissions":["hosts-view"],"permit_agent":false,"#
                + #""access_group_id":null,"tags":["a","b"],"x_unknown":{"n":[1,2.5,-3e2,null,true],"s":"\/"},"#
                + #""source_rules":{"type":"GROUP","match":"ANY","rules":[{"type":"RULE","source":"\#(source)","#
                + #""search_string":"(principal=a*)","rules":[]}]}}"#
            let sent = try SimulatorJSON.parse(body)
            let created = try await sim.send(.POST, "\(SimulatorHarness.api)/roles", token: token, body: Array(body.utf8))
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json?["id"]?.stringValue)
            let stored = try await sim.getJSON("\(SimulatorHarness.api)/roles/\(id)", token: token)
            for (key, value) in try #require(sent.objectValue) {
                #expect(stored[key] == value, "\(key)")
            }
        }
    }
}
