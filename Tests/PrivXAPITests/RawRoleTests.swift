@testable import PrivXAPI
import Testing

/// Roles read from a list keep the server's bytes; they must read, edit and re-encode exactly as the
/// tree-backed roles do.
@Suite("Roles kept as the server's bytes")
struct RawRoleTests {
    static let page = #"""
        {"count":3,"items":[
         {"id":"r1","name":"ops","comment":"tab\there \u00e9","permissions":["roles-view","x-new"],"tags":null,
          "member_count":7,"system":false,"x_unknown":{"deep":[1.50,-2e3,true,null]},"updatedby":"bob","updated_by":"old",
          "source_rules":{"type":"GROUP","match":"ALL","rules":null},
          "context":{"enabled":true,"validity":["MON"],"start_time":"08:00","x-extra":1}},
         null, 5,
         {"id":"r2","na\u006de":"escaped-key","name":"last-wins"}
        ]}
        """#

    func rawRoles(_ text: String) throws -> (count: Int?, roles: [Role]) {
        let body = Array(text.utf8)
        let list = try #require(try RawJSON.list(body))
        return (list.count, list.items.map { Role(validatedJSON: body[$0]) })
    }

    @Test func aPageIsCutIntoObjectItemsSkippingNullsAndScalars() throws {
        let (count, roles) = try rawRoles(Self.page)
        #expect(count == 3)
        #expect(roles.map(\.id) == ["r1", "r2"])
        #expect(roles.allSatisfy { $0.isRaw })
        let bare = try rawRoles(#" [ {"id":"a"} , {"id":"b"} ] "#)
        #expect(bare.count == nil)
        #expect(bare.roles.map(\.id) == ["a", "b"])
        #expect(try RawJSON.list(Array(#"{"count":0,"items":null}"#.utf8))?.items.isEmpty == true)
        #expect(try RawJSON.list(Array(#""text""#.utf8)) == nil)
    }

    @Test(arguments: [#"{"items":[{"a":1},]}"#, #"{"items":[{"a":01x}]}"#, #"{"items":[]} x"#, #"{"items":["\q"]}"#,
                      #"{"items":[{"a":"\u12"}]}"#, "{\"items\":[\"a\u{01}\"]}", #"{"items":[tru]}"#, #"{"items":[{"a" 1}]}"#])
    func malformedPagesAreRejected(_ text: String) {
        #expect(throws: JSONParseError.self) { try RawJSON.list(Array(text.utf8)) }
    }

    @Test func accessorsReadTheSameValuesAsTheTree() throws {
        let raw = try rawRoles(Self.page).roles[0]
        let tree = Role(document: raw.document)
        #expect(!tree.isRaw)
        #expect(raw == tree)
        #expect(raw.hashValue == tree.hashValue)
        for role in [raw, tree] {
            #expect(role.name == "ops")
            #expect(role.comment == "tab\there é")
            #expect(role.permissions == ["roles-view", "x-new"])
            #expect(role.tags == [])
            #expect(role.memberCount == 7)
            #expect(role.updatedBy == "bob")
            #expect(role.sourceRules?.match == "ALL")
            #expect(role.context?.validity == ["MON"])
            #expect(role.member("x_unknown")?["deep"]?.arrayValue?.first == .number("1.50"))
        }
        let escaped = try rawRoles(Self.page).roles[1]
        #expect(escaped.name == "last-wins")           // duplicate keys: the last one wins, as in the tree
        #expect(escaped.document.keys == ["id", "name", "name"])
    }

    @Test func keepingReadsOnlyTheAskedKeysInDocumentOrder() throws {
        let raw = try rawRoles(Self.page).roles[0]
        let slim = raw.keeping(["context", "name", "missing"])
        #expect(slim.document.keys == ["name", "context"])
        #expect(slim.name == "ops")
        #expect(slim.context?.enabled == true)
        #expect(Role(document: raw.document).keeping(["context", "name"]).document == slim.document)
    }

    @Test func editingARawRoleKeepsEveryOtherKeyByteForByte() throws {
        var raw = try rawRoles(Self.page).roles[0]
        var tree = Role(document: raw.document)
        for index in 0..<2 {
            var role = index == 0 ? raw : tree
            role.comment = "new"
            var context = try #require(role.context)
            context.enabled = false
            role.context = context
            if index == 0 { raw = role } else { tree = role }
        }
        #expect(!raw.isRaw)
        let sent = JSONSerializer.string(raw.json)
        #expect(sent == JSONSerializer.string(tree.json))
        #expect(sent.contains(#""x_unknown":{"deep":[1.50,-2e3,true,null]}"#))
        #expect(sent.contains(#""comment":"new""#))
        #expect(sent.contains(#""context":{"enabled":false,"validity":["MON"],"start_time":"08:00","x-extra":1}"#))
    }

    @Test func longStringsAreCheckedEightBytesAtATime() throws {
        for position in 0..<20 {
            let pad = String(repeating: "a", count: position)
            let tail = String(repeating: "b", count: 20)
            let escaped = #"{"items":[{"name":"\#(pad)\"q\\\#(tail)"}]}"#
            let (_, roles) = try rawRoles(escaped)
            #expect(roles.first?.name == pad + "\"q\\" + tail)
            let control = "{\"items\":[{\"name\":\"\(pad)\u{01}\(tail)\"}]}"
            #expect(throws: JSONParseError.self) { try RawJSON.list(Array(control.utf8)) }
            let unicode = #"{"items":[{"name":"\#(pad)é€😀\#(tail)"}]}"#
            #expect(try rawRoles(unicode).roles.first?.name == pad + "é€😀" + tail)
        }
        #expect(JSONScanner.hasSpecialByte(UInt64(0x41) << 56 | 0x1F))
        #expect(!JSONScanner.hasSpecialByte(0x6162_6364_6566_6768))
        #expect(!JSONScanner.hasSpecialByte(0xFFFE_8081_A0C3_A920))
        // The first special byte is found exactly, whatever follows it.
        for position in 0..<8 {
            var bytes = Array("abcdefgh".utf8)
            bytes[position] = UInt8(ascii: "\"")
            if position < 7 { bytes[position + 1] = 0x01 }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
            #expect(JSONScanner.specialBytes(word).trailingZeroBitCount >> 3 == position)
        }
    }

    @Test func aRoleFromBytesIsValidatedFirst() {
        #expect(Role(json: ArraySlice(#"{"id":"x","name":"y"}"#.utf8))?.name == "y")
        #expect(Role(json: ArraySlice(#"{"id":"x""#.utf8)) == nil)
        #expect(Role(json: ArraySlice(#"["x"]"#.utf8)) == nil)
    }
}
