import Dispatch
import Foundation

/// A loopback HTTP server (a python3 child) that answers each route with a file of Tests/RealPrivXCorpus, byte for
/// byte: how the client meets JSON captured from real PrivX servers over real HTTP, since no PrivX runs here.
final class CapturedAnswerServer: @unchecked Sendable {
    /// `METHOD /path` or `METHOD /path?query` → (status, corpus file name).
    typealias Routes = [String: (status: Int, file: String)]

    let port: Int
    private let process: Process

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// The corpus folder beside the test targets.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("RealPrivXCorpus")

    /// Starts the server on a free port with `routes`; unknown routes answer 599 so a test sees the miss.
    static func start(_ routes: Routes) async throws -> CapturedAnswerServer {
        var table: [String: [Any]] = [:]
        for (route, answer) in routes { table[route] = [answer.status, corpus.appendingPathComponent(answer.file).path] }
        let routeJSON = String(decoding: try JSONSerialization.data(withJSONObject: table), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", script, routeJSON]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let port: Int? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer: [UInt8] = []
                while !buffer.contains(0x0A) {
                    let data = reader.availableData
                    if data.isEmpty { break }
                    buffer += data
                }
                let line = String(decoding: buffer.prefix { $0 != 0x0A }, as: UTF8.self)
                continuation.resume(returning: Int(line.dropFirst("listening ".count)))
            }
        }
        guard let port, port > 0 else {
            kill(process.processIdentifier, SIGKILL)
            throw ProxyError("the captured-answer server (python3) did not start")
        }
        return CapturedAnswerServer(port: port, process: process)
    }

    /// Stops the server (SIGKILL: a child of the test runner inherits its blocked signal mask).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static let script = #"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

routes = json.loads(sys.argv[1])

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length: self.rfile.read(length)
        route = routes.get(self.command + " " + self.path) or routes.get(self.command + " " + self.path.split("?")[0])
        if route is None:
            status, body = 599, b'{"error_code":"GENERAL_ERROR","error_message":"no captured answer for this route"}'
        else:
            status = route[0]
            with open(route[1], "rb") as f: body = f.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_PUT = do_DELETE = answer
    def log_message(self, *args): pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
sys.stdout.write("listening %d\n" % server.server_address[1])
server.serve_forever()
"""#
}
