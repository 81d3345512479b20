import ArgumentParser
import Foundation
import Glibc

/// `reportsyncd serve`: the read-only status page. The web server is a program of its own,
/// `reportsyncd-web`, so that the daemon links no HTTP stack; this command runs it in its place
/// (`execv`), found beside this binary, with the same arguments.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the status page and metrics of a mirror (runs reportsyncd-web).",
        discussion: """
            reportsyncd serve --mirror DIR --state DIR [--listen HOST:PORT]   (default 127.0.0.1:8087)
            Every argument goes to reportsyncd-web, which must stand beside reportsyncd.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "--mirror DIR --state DIR [--listen HOST:PORT]")
    var arguments: [String] = []

    /// The file name of the web server, beside this executable.
    static let webProgram = "reportsyncd-web"

    func run() throws {
        let web = Self.webBinary()
        guard access(web, X_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            FileHandle.standardError.write(
                Data(
                    """
                    reportsyncd: serve runs \(web), which cannot be run: \(reason). Build it (swift build \
                    --product reportsyncd-web) or install it beside reportsyncd (make install).\n
                    """.utf8
                )
            )
            throw ExitCode(69)  // EX_UNAVAILABLE
        }
        let argv = ([web] + arguments).map { strdup($0) } + [nil]
        execv(web, argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("reportsyncd: cannot run \(web): \(reason)\n".utf8))
        throw ExitCode(71)  // EX_OSERR
    }

    /// `reportsyncd-web` in the folder of the running executable (`/proc/self/exe`, symlinks resolved).
    static func webBinary() -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(webProgram).path
    }
}
