import Foundation
import Glibc

/// A throwaway PostgreSQL server from Debian's `postgresql` package: a cluster made by `initdb` in a new temp
/// folder, listening only on a Unix socket in that folder, with one database, `fleet`; stopped and removed when
/// the test drops it.
///
/// initdb and the server refuse to run as root, so when the tests run as root (CI) they run as the package's
/// `postgres` user, which owns the folder.
final class PostgresCluster {
    static let binaries = "/usr/lib/postgresql/15/bin"
    let root: String
    var data: String { root + "/data" }
    var logPath: String { root + "/server.log" }
    /// The URL `reportsyncd-publish` connects with (trust authentication on the socket).
    var url: String { "postgres://postgres@/fleet?host=\(root)" }

    init() throws {
        var template = Array("/tmp/reportsyncd-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
        root = String(cString: made)
        if getuid() == 0 {
            guard let user = getpwnam("postgres") else { throw HarnessError("no postgres user: scripts/setup") }
            chown(root, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        try serverCommand(
            "initdb",
            ["-D", data, "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8", "--no-sync"]
        )
        try start()
        try serverCommand("createdb", ["-h", root, "-U", "postgres", "fleet"])
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Starts the server and waits until it accepts connections.
    func start() throws {
        try serverCommand(
            "pg_ctl",
            ["-D", data, "-l", logPath, "-w", "-o", "-k \(root) -c listen_addresses='' -c fsync=off", "start"]
        )
    }

    /// Stops the server (fast shutdown: sessions are ended, as on a restart by an administrator).
    func stop() throws {
        try serverCommand("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"])
    }

    /// The rows of `sql`, each a line of `|`-separated fields.
    func query(_ sql: String) throws -> [String] {
        let outcome = try ChildProcess.run(
            "/usr/bin/psql",
            ["-h", root, "-U", "postgres", "-d", "fleet", "-AtX", "-c", sql]
        )
        guard outcome.status == 0 else { throw HarnessError("psql failed (\(outcome.status)) on \(sql)") }
        return outcome.text.split(separator: "\n").map(String.init)
    }

    /// The one value of `sql`.
    func value(_ sql: String) throws -> String {
        try query(sql).first ?? ""
    }

    /// Runs one of the server's programs, as `postgres` when the tests run as root.
    private func serverCommand(_ name: String, _ arguments: [String]) throws {
        let program = Self.binaries + "/" + name
        let outcome =
            getuid() == 0
            ? try ChildProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
            : try ChildProcess.run(program, arguments)
        guard outcome.status == 0 else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw HarnessError("\(name) failed (\(outcome.status)): \(outcome.text)\n\(log.suffix(2000))")
        }
    }
}
