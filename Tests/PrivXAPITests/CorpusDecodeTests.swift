import Foundation
@testable import PrivXAPI
import Testing

/// The client decodes every file of Tests/RealPrivXCorpus, served over HTTP exactly as captured, without loss:
/// each decoded document equals the captured JSON (key order and number text included), and the typed accessors
/// read the real shapes (`null` lists, names as authors, non-RFC 4122 ids, both AWS-role list shapes, both error
/// shapes).
@Suite("Real PrivX corpus: the client decodes every captured file")
struct CorpusDecodeTests {
    static let prefix = "/role-store/api/v1"

    static let routes: CapturedAnswerServer.Routes = [
        "GET \(prefix)/roles": (200, "bat_roles_page_0.json"),
        "GET \(prefix)/roles/r-mcp": (200, "mcp_role.json"),
        "GET \(prefix)/roles/r-missing": (404, "error_object_not_found.json"),
        "GET \(prefix)/roles/r-gone": (404, "docs_error_not_found.json"),
        "GET \(prefix)/roles/r-page/members": (200, "bat_search_page_0.json"),
        "GET \(prefix)/roles/r-empty/members": (200, "bat_search_empty.json"),
        "GET \(prefix)/users/u-alice": (200, "mcp_user.json"),
        "GET \(prefix)/users/u-member": (200, "mcp_role_member.json"),
        "GET \(prefix)/awsroles?refresh=false": (200, "docs_awsroles_array.json"),
        "GET \(prefix)/awsroles?refresh=true": (200, "docs_awsroles_envelope.json"),
        "GET \(prefix)/awsroles/a-1": (200, "docs_awsrole.json"),
        "GET \(prefix)/awsroles/a-1/roles": (200, "docs_awsroles_envelope.json"),
        "POST /auth/api/v1/oauth/token": (400, "docs_oauth_error.json"),
    ]

    /// The captured file as the client's JSON tree.
    static func captured(_ file: String) throws -> JSONValue {
        let data = try #require(FileManager.default.contents(atPath: CapturedAnswerServer.corpus.appendingPathComponent(file).path))
        return try JSONParser.parse(Array(data))
    }

    static func withCapturedServer(credentials: Credentials = .bearerToken("captured-answers"),
                                   _ body: (PrivXClient) async throws -> Void) async throws {
        let server = try await CapturedAnswerServer.start(routes)
        defer { server.stop() }
        let configuration = ClientConfiguration(baseURL: server.baseURL, credentials: credentials, maxRetries: 0,
                                                allowInsecureHTTP: true)
        try await using(try PrivXClient(configuration: configuration, logger: TestTranscript.logger), body)
    }

    @Test func everyCorpusFileIsServedByOneOfTheseTests() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CapturedAnswerServer.corpus.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(Self.routes.values.map(\.file)), "a corpus file no decode test reads")
    }

    @Test func rolesPageDecodesWithoutLoss() async throws {
        try await Self.withCapturedServer { client in
            let page = try await client.roles(page: PageRequest(offset: 0, limit: 50))
            let items = try #require(try Self.captured("bat_roles_page_0.json")["items"]?.arrayValue)
            #expect(page.count == 3)
            #expect(page.items.map { JSONValue.object($0.document) } == items)
            let admin = try #require(page.items.first { $0.name == "privx-admin" })
            #expect(admin.system && admin.author == "Superuser" && admin.created == nil && admin.updatedBy == nil)
            #expect(admin.context?.startTime == "" && admin.context?.timezone == "" && admin.context?.enabled == false)
            #expect(admin.permissions.isEmpty && admin.member("owner_src") == .string(""))
            let test = try #require(page.items.first { $0.name == "Test Role" })
            #expect(test.accessGroupID == "9030b77b-3360-4dea-7efc-4cd5c818b49b" && test.author == "c1privxadmin")
            #expect(test.context?.validity.count == 7 && test.context?.startTime == "00:00" && test.comment == nil)

            let single = try await client.role(id: "r-mcp")
            #expect(JSONValue.object(single.document) == (try Self.captured("mcp_role.json")))
            #expect(single.updatedBy == "alice@example.com")
        }
    }

    @Test func usersFromSearchMembersAndByIdDecodeWithoutLoss() async throws {
        try await Self.withCapturedServer { client in
            let members = try await client.members(roleID: "r-page", page: PageRequest(offset: 0, limit: 50))
            let items = try #require(try Self.captured("bat_search_page_0.json")["items"]?.arrayValue)
            #expect(members.count == 3 && members.items.map { JSONValue.object($0.document) } == items)
            let apiClient = try #require(members.items.first { $0.sourceType == "API-CLIENT" })
            #expect(apiClient.roles.isEmpty && apiClient.permissions.isEmpty && apiClient.displayName == "Development")
            #expect(apiClient.document["RefreshTimestamp"] == .string("1720647628"))
            #expect(members.items.contains { $0.id == "9ceb1de9-e52f-4a6f-521e-3a0dd2d1537b" && $0.displayName == "Marcos Gaeta" })

            let empty = try await client.members(roleID: "r-empty", page: PageRequest(offset: 0, limit: 50))
            #expect(empty.count == 0 && empty.items.isEmpty)

            let alice = try await client.user(id: "u-alice")
            #expect(JSONValue.object(alice.document) == (try Self.captured("mcp_user.json")))
            #expect(alice.roles.map(\.name) == ["example-role"] && alice.permissions.isEmpty && alice.displayName == "Alice Example")
            let member = try await client.user(id: "u-member")
            #expect(JSONValue.object(member.document) == (try Self.captured("mcp_role_member.json")))
            #expect(member.roles.first?.document["source_rules"] == .object(JSONObject(["rules": .null])))
        }
    }

    @Test func awsRolesDecodeFromTheBareArrayAndTheEnvelope() async throws {
        try await Self.withCapturedServer { client in
            let array = try await client.awsRoles(refresh: false)
            #expect(array.map { JSONValue.object($0.document) } == (try Self.captured("docs_awsroles_array.json")).arrayValue)
            let envelope = try await client.awsRoles(refresh: true)
            #expect(envelope.map { JSONValue.object($0.document) } == (try Self.captured("docs_awsroles_envelope.json"))["items"]?.arrayValue)
            #expect(envelope.first?.roles.map(\.name) == ["string"] && envelope.first?.status == "OK")
            let single = try await client.awsRole(id: "a-1")
            #expect(JSONValue.object(single.document) == (try Self.captured("docs_awsrole.json")))
            let linked = try await client.awsRoleLinkedRoles(id: "a-1")
            #expect(linked.map(\.id) == ["514510fe-1531-530f-63c6-3f80cea33fdc"])
        }
    }

    @Test func errorBodiesDecodeInBothShapes() async throws {
        try await Self.withCapturedServer { client in
            let missing = await capturePrivXError { _ = try await client.role(id: "r-missing") }
            guard case .http(404, _, _, let body?)? = missing else { Issue.record("not an HTTP 404: \(String(describing: missing))"); return }
            #expect(body.code == "OBJECT_NOT_FOUND" && body.message?.contains("not found") == true)
            let gone = await capturePrivXError { _ = try await client.role(id: "r-gone") }
            guard case .http(404, _, _, let documented?)? = gone else { Issue.record("not an HTTP 404: \(String(describing: gone))"); return }
            #expect(documented.code == "GENERAL_ERROR" && documented.property == "string" && documented.details.isEmpty)
        }
        let credentials = Credentials.apiClient(oauthClientID: "privx-external", oauthClientSecret: "o", apiClientID: "a", apiClientSecret: "s")
        try await Self.withCapturedServer(credentials: credentials) { client in
            let refused = await capturePrivXError { _ = try await client.role(id: "r-mcp") }
            guard case .authentication(400, let body?)? = refused else { Issue.record("not an OAuth 400: \(String(describing: refused))"); return }
            #expect(body.code == "invalid_request" && body.message == "string")
        }
    }
}
