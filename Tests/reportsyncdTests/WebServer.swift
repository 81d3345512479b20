import Foundation
import Glibc
import Testing

/// The real `reportsyncd-web`, started through `reportsyncd serve` on a port the kernel picks, and
/// fetched over HTTP with curl (`--path-as-is`, so `..` reaches the server as sent).
final class WebServer {
    let process: Process
    let port: Int
    let logPath: String

    /// Starts `reportsyncd serve --mirror mirror --state state --listen 127.0.0.1:0` and waits until it
    /// says where it listens.
    init(mirror: String, state: String, logPath: String) throws {
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonHarness.binary)
        process.arguments = ["serve", "--mirror", mirror, "--state", state, "--listen", "127.0.0.1:0"]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        var found: Int?
        let deadline = Date().addingTimeInterval(60)
        while found == nil {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on \S*:(\d+)"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last ?? "")
            } else if !process.isRunning || Date() > deadline {
                throw HarnessError("reportsyncd-web did not start:\n\(text)")
            } else {
                usleep(20_000)
            }
        }
        port = found!
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }

    /// One response: status, headers (lower-case names) and body.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// GET `path` (sent byte for byte as given).
    func get(_ path: String) throws -> Response {
        let folder = try BuiltBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let headers = folder.appendingPathComponent("headers").path
        let body = folder.appendingPathComponent("body").path
        let outcome = try ChildProcess.run(
            "/usr/bin/curl",
            ["-s", "--path-as-is", "-D", headers, "-o", body, "http://127.0.0.1:\(port)\(path)"]
        )
        guard outcome.status == 0 else { throw HarnessError("curl \(path) failed: exit \(outcome.status)") }
        let lines = try String(contentsOfFile: headers, encoding: .utf8).components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bytes = [UInt8](FileManager.default.contents(atPath: body) ?? Data())
        return Response(status: status, headers: fields, body: bytes)
    }
}
