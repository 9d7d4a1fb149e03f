import Foundation
import Hummingbird
import Logging
import NIOCore

/// The whole HTTP surface: auth, routing, faults and the per-request log line.
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: RoleStore
    let tokens: TokenIssuer
    let login: AuthorizationCodeFlow
    let faults: FaultInjector
    let shutdown: ShutdownSignal
    let logger: Logger
    let scanDelay: Double
    let maxBodyBytes: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var path = request.uri.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let decision = faults.decide(method: request.method.rawValue, path: path)
        if decision.latencyMilliseconds > 0 {
            _ = await shutdown.sleep(seconds: Double(decision.latencyMilliseconds) / 1000)
        }
        var reply: Reply
        var streamedFault: FaultKind? = nil
        switch decision.fault {
        case .http500?:
            reply = .error(APIError(500, "GENERAL_ERROR", "injected fault: internal server error; retry later"))
        case .http503?:
            reply = .error(APIError(503, "MAX_LOAD", "injected fault: the server is overloaded; retry after a short wait"))
        case .timeout?:
            _ = await shutdown.sleep(seconds: 60)
            reply = .error(APIError(504, "GENERAL_ERROR", "injected fault: the request was held until it timed out"))
        case .malformedJSON?:
            reply = Reply(status: 200, body: Array("{\"count\": 3, \"items\": [{\"id\": \"5bf77342-".utf8))
        case .truncated?, .slowDrip?:
            reply = await route(request, path: path)
            streamedFault = decision.fault
        case nil:
            reply = await route(request, path: path)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let faultNote = decision.fault.map { " fault=\($0.rawValue)" } ?? ""
        logger.info("\(request.method.rawValue) \(path) \(reply.status) \(String(format: "%.1f", milliseconds))ms\(faultNote)")
        switch streamedFault {
        case .truncated?:
            let bytes = reply.body
            let cut = bytes.count / 2
            return Response(status: .init(code: reply.status), headers: reply.headers,
                            body: ResponseBody(contentLength: max(bytes.count, 1)) { writer in
                                try await writer.write(ByteBuffer(bytes: bytes[0..<cut]))
                                throw TruncatedBodyFault()
                            })
        case .slowDrip?:
            let bytes = reply.body
            let shutdown = self.shutdown
            let chunk = max(64, bytes.count / 40)
            return Response(status: .init(code: reply.status), headers: reply.headers,
                            body: ResponseBody(contentLength: bytes.count) { writer in
                                var start = 0
                                while start < bytes.count {
                                    let end = min(bytes.count, start + chunk)
                                    try await writer.write(ByteBuffer(bytes: bytes[start..<end]))
                                    start = end
                                    if start < bytes.count { _ = await shutdown.sleep(seconds: 0.05) }
                                }
                                try await writer.finish(nil)
                            })
        default:
            return reply.response
        }
    }

    /// Reads the body up to the size limit; nil plus a 413 reply when it is larger.
    func readBody(_ request: Request) async -> Result<[UInt8], APIError> {
        let tooLarge = APIError(413, "VALUE_OUT_OF_BOUNDS",
                                "the request body is larger than \(maxBodyBytes) bytes; send a smaller document", property: "body")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            return .failure(tooLarge)
        }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                bytes.append(contentsOf: buffer.readableBytesView)
                if bytes.count > maxBodyBytes { return .failure(tooLarge) }
            }
        } catch {
            return .failure(.badRequest("BAD_REQUEST", "the request body could not be read: \(error)", property: nil))
        }
        return .success(bytes)
    }

    /// A declared Content-Type other than `expected` is a 415; no header at all is tolerated, as on PrivX.
    func checkContentType(_ request: Request, expected: String) -> APIError? {
        guard let declared = request.headers[.contentType] else { return nil }
        let mediaType = declared.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if mediaType == expected || expected == "application/json" && mediaType.hasSuffix("+json") { return nil }
        return APIError(415, "BAD_REQUEST", "the request body is \(declared.prefix(80)), not \(expected); send \(expected)",
                        property: "Content-Type")
    }

    /// Reads and parses a JSON body; malformed JSON is a 400 that says where.
    func readJSON(_ request: Request) async -> Result<SimulatorJSON, APIError> {
        if let wrongType = checkContentType(request, expected: "application/json") { return .failure(wrongType) }
        switch await readBody(request) {
        case .failure(let error): return .failure(error)
        case .success(let bytes):
            if bytes.isEmpty {
                return .failure(.badRequest("BAD_REQUEST", "the request body is empty; send a JSON document", property: nil))
            }
            do { return .success(try SimulatorJSON.parse(bytes)) } catch {
                return .failure(.badRequest("BAD_REQUEST", "the request body is not valid JSON (\(error)); fix the document and retry",
                                            property: nil))
            }
        }
    }

    /// The caller (API client or person) when the token is valid and the caller's effective permissions hold
    /// `permission`: the same check for both kinds of caller.
    func authorize(_ request: Request, _ permission: String?) throws(APIError) -> Caller {
        switch tokens.check(authorization: request.headers[.authorization]) {
        case .missing: throw APIError.unauthorized
        case .expired: throw APIError.expired
        case .valid(let caller):
            if let permission, !caller.permissions.contains(permission) {
                throw APIError.permissionDenied(permission)
            }
            return caller
        }
    }
}
