import Testing
@testable import RoleConsole

@Suite struct FilterQueryTests {
    let fields: Set<String> = ["perm", "tag", "ctx"]
    let opsAdmin = SearchKey(text: ["linux-ops-admins", "Operators of the Linux fleet", "prod", "eu"],
                             fields: ["perm": ["roles-view", "hosts-manage"], "tag": ["prod", "eu"], "ctx": ["on"]])
    let dbRead = SearchKey(text: ["db-readonly", "Read-only database access", "preprod"],
                           fields: ["perm": ["connections-view"], "tag": ["preprod"], "ctx": ["off"]])

    func names(_ query: String) -> [String] {
        let q = FilterQuery(query, fields: fields)
        return [("ops", opsAdmin), ("db", dbRead)].filter { q.matches($0.1) }.map(\.0)
    }

    @Test func freeWordsMatchNameCommentAndTagsCaseInsensitively() {
        #expect(names("LINUX") == ["ops"])
        #expect(names("database") == ["db"])
        #expect(names("prod") == ["ops", "db"])
        #expect(names("") == ["ops", "db"])
    }

    @Test func qualifiedTermsMatchTheirFieldByPrefix() {
        #expect(names("tag:prod") == ["ops"])          // not "preprod"
        #expect(names("perm:roles-") == ["ops"])
        #expect(names("ctx:on") == ["ops"])
        #expect(names("ctx:off") == ["db"])
    }

    @Test func negationAndConjunction() {
        #expect(names("!tag:prod") == ["db"])
        #expect(names("prod !linux") == ["db"])
        #expect(names("ops ctx:off") == [])
    }

    @Test func unknownQualifiersAreFreeText() {
        let q = FilterQuery("foo:bar", fields: fields)
        #expect(q.terms == [FilterQuery.Term(field: nil, value: "foo:bar", negated: false)])
        #expect(q.highlightWords == ["foo:bar"])
    }
}
