import Foundation
@testable import PrivXAPI
import Testing

@Suite("JSON documents keep what the server sent")
struct JSONDocumentTests {
    @Test func roundTripKeepsKeyOrderAndNumberText() throws {
        let text = #"{"z":1,"a":[1.50,-2e3,true,null],"m":{"y":"\u00e9\n\"q\"","x":{}},"e":[]}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "e"])
        #expect(JSONSerializer.string(value) == #"{"z":1,"a":[1.50,-2e3,true,null],"m":{"y":"é\n\"q\"","x":{}},"e":[]}"#)
    }

    @Test func surrogatePairsAndControlCharacters() throws {
        let value = try JSONParser.parse(#"["\ud83d\ude00","\u0001"]"#)
        #expect(value.arrayValue?.first?.stringValue == "😀")
        #expect(JSONSerializer.string(value) == "[\"😀\",\"\\u0001\"]")
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "\"abc", "01x", "{\"a\":1}x", "[tru]"])
    func malformedInputIsRejected(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func settingAKeyKeepsItsPositionAndAppendsNewOnes() throws {
        var object = try #require(try JSONParser.parse(#"{"a":1,"b":2,"c":3}"#).objectValue)
        object["b"] = .string("two")
        object["d"] = .bool(false)
        object["a"] = nil
        #expect(JSONSerializer.string(.object(object)) == #"{"b":"two","c":3,"d":false}"#)
    }

    @Test func equivalenceIgnoresKeyOrderButNotArrayOrderOrValues() throws {
        let a = try JSONParser.parse(#"{"type":"RULE","rules":[{"x":1,"y":[2,3]}],"source":"s"}"#)
        let b = try JSONParser.parse(#"{"source":"s","rules":[{"y":[2,3],"x":1}],"type":"RULE"}"#)
        #expect(a != b)
        #expect(a.isEquivalent(to: b))
        #expect(!a.isEquivalent(to: try JSONParser.parse(#"{"source":"s","rules":[{"y":[3,2],"x":1}],"type":"RULE"}"#)))
        #expect(!a.isEquivalent(to: try JSONParser.parse(#"{"source":"t","rules":[{"y":[2,3],"x":1}],"type":"RULE"}"#)))
        #expect(!a.isEquivalent(to: try JSONParser.parse(#"{"source":"s","rules":[{"y":[2,3],"x":1}]}"#)))
    }

    @Test func prettyPrinting() throws {
        let value = try JSONParser.parse(#"{"a":[1,{"b":null}],"c":{}}"#)
        #expect(JSONSerializer.string(value, pretty: true) == """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "c": {}
            }
            """)
    }
}

@Suite("Models decode leniently")
struct ModelLeniencyTests {
    @Test func roleAccessorsAcceptBothSpellingsAndNullLists() throws {
        let doc = try #require(try JSONParser.parse(#"""
            {"id":"r1","name":"ops","permissions":["roles-view","brand-new-permission"],"tags":null,
             "updated_by":"alice","member_count":7,"source_rules":{"type":"GROUP","match":"ALL","rules":null},
             "context":{"enabled":true,"validity":["MON"],"start_time":"08:00","x-extra":1}}
            """#).objectValue)
        let role = Role(document: doc)
        #expect(role.permissions == ["roles-view", "brand-new-permission"])
        #expect(role.tags == [])
        #expect(role.updatedBy == "alice")
        #expect(role.memberCount == 7)
        #expect(role.sourceRules?.match == "ALL")
        #expect(role.sourceRules?.rules.isEmpty == true)
        #expect(role.context?.validity == ["MON"])
        let real = Role(document: try #require(try JSONParser.parse(#"{"updatedby":"bob","updated_by":"old"}"#).objectValue))
        #expect(real.updatedBy == "bob")
    }

    @Test func editingOneFieldChangesOnlyThatKey() throws {
        let text = #"{"id":"r1","name":"ops","comment":"old","x_unknown":{"deep":[1,2]},"context":{"enabled":false,"x_nested":"keep"}}"#
        var role = Role(document: try #require(try JSONParser.parse(text).objectValue))
        role.comment = "new"
        var context = try #require(role.context)
        context.enabled = true
        role.context = context
        #expect(JSONSerializer.string(role.json)
            == #"{"id":"r1","name":"ops","comment":"new","x_unknown":{"deep":[1,2]},"context":{"enabled":true,"x_nested":"keep"}}"#)
    }

    @Test func sourceRuleTreeBuildsAndReads() {
        let tree = SourceRule.group(match: "ANY", rules: [.rule(source: "s1", searchString: "(cn=alice)")])
        #expect(tree.isGroup)
        #expect(tree.rules.first?.searchString == "(cn=alice)")
        #expect(!tree.mapsNobody)
        #expect(SourceRule.group().mapsNobody)
    }

    @Test func awsRoleAndUserTolerateMissingFields() throws {
        let aws = AWSRole(document: try #require(try JSONParser.parse(#"{"id":"a","roles":null}"#).objectValue))
        #expect(aws.roles.isEmpty)
        #expect(aws.arn == "")
        let user = User(document: try #require(try JSONParser.parse(#"{"principal":"alice","roles":null,"permissions":null}"#).objectValue))
        #expect(user.principal == "alice")
        #expect(user.roles.isEmpty && user.permissions.isEmpty)
    }

    @Test func serverErrorBodyBothShapes() {
        let api = ServerErrorBody(bytes: Array(#"{"error_code":"PERMISSION_DENIED","error_message":"no","property":"x","details":[{"error_code":"A","error_message":"b"}]}"#.utf8))
        #expect(api?.summary == "PERMISSION_DENIED: no (property: x)")
        #expect(api?.details.first?.summary == "A: b")
        let oauth = ServerErrorBody(bytes: Array(#"{"error":"invalid_client","error_description":"bad secret"}"#.utf8))
        #expect(oauth?.summary == "invalid_client: bad secret")
        #expect(ServerErrorBody(bytes: Array("<html>".utf8)) == nil)
    }
}
