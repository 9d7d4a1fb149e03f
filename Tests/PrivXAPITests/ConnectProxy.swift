import Dispatch
import Foundation
import Synchronization

/// A real HTTP proxy on loopback (a python3 child process): `CONNECT` tunnels for HTTPS, and
/// absolute-form requests forwarded for plain HTTP. It records the request line of every request.
final class ConnectProxy: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let seen: Collector<String>

    /// The request lines seen so far (`CONNECT 127.0.0.1:PORT HTTP/1.1`, `GET http://... HTTP/1.1`).
    var requestLines: [String] { seen.all }

    /// `http://127.0.0.1:PORT`, the value for `HTTPS_PROXY` / `HTTP_PROXY`.
    var url: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, process: Process, seen: Collector<String>) {
        self.port = port
        self.process = process
        self.seen = seen
    }

    /// Starts the proxy on port 0 and returns once it listens.
    static func start() async throws -> ConnectProxy {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let seen = Collector<String>()
        let reader = output.fileHandleForReading
        // Blocking reads run on a GCD thread, never on the cooperative pool.
        let port: Int? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var pending: CheckedContinuation<Int?, Never>? = continuation
                var buffer: [UInt8] = []
                while true {
                    let data = reader.availableData
                    if data.isEmpty { break }
                    buffer += data
                    while let newline = buffer.firstIndex(of: 0x0A) {
                        let line = String(decoding: buffer[..<newline], as: UTF8.self)
                        buffer.removeSubrange(...newline)
                        if let first = pending {
                            pending = nil
                            first.resume(returning: Int(line.dropFirst("listening ".count)))
                        } else {
                            seen.append(line)
                        }
                    }
                }
                pending?.resume(returning: nil)
            }
        }
        guard let port, port > 0 else {
            kill(process.processIdentifier, SIGKILL)
            throw ProxyError("the test proxy (python3) did not start")
        }
        return ConnectProxy(port: port, process: process, seen: seen)
    }

    /// Stops the proxy process. SIGKILL, because a child of the test runner inherits its blocked
    /// signal mask (SIGTERM would stay pending forever).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Tunnels pump bytes both ways until EITHER side closes, then close both; plain requests are sent
    /// on in origin form with `Connection: close` (one request per connection).
    static let script = #"""
import socket, sys, threading, select

def pump(a, b):
    try:
        while True:
            ready, _, _ = select.select([a, b], [], [], 120)
            if not ready:
                return
            for s in ready:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return
    finally:
        for s in (a, b):
            try: s.close()
            except OSError: pass

def handle(client):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(4096)
        if not chunk:
            client.close(); return
        head += chunk
    header, rest = head.split(b"\r\n\r\n", 1)
    lines = header.split(b"\r\n")
    request_line = lines[0].decode("latin-1")
    sys.stdout.write(request_line + "\n")
    method, target, version = request_line.split(" ", 2)
    if method == "CONNECT":
        host, port = target.rsplit(":", 1)
    elif target.startswith("http://"):
        authority, _, path = target[len("http://"):].partition("/")
        host, _, port = authority.rpartition(":") if ":" in authority else (authority, "", "80")
        port = port or "80"
    else:
        client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"); client.close(); return
    try:
        upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        upstream.settimeout(None)
    except OSError:
        client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"); client.close(); return
    if method == "CONNECT":
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest: upstream.sendall(rest)
    else:
        kept = [l for l in lines[1:] if not l.lower().startswith((b"connection:", b"proxy-connection:", b"keep-alive:"))]
        forwarded = ("%s /%s %s" % (method, path, version)).encode("latin-1")
        upstream.sendall(b"\r\n".join([forwarded] + kept + [b"Connection: close"]) + b"\r\n\r\n" + rest)
    pump(client, upstream)

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(128)
sys.stdout.write("listening %d\n" % server.getsockname()[1])
while True:
    connection, _ = server.accept()
    threading.Thread(target=handle, args=(connection,), daemon=True).start()
"""#
}

struct ProxyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
