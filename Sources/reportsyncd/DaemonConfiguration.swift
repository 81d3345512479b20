import ArgumentParser
import Foundation
import SyncEngine
import SystemPackage
import SystemdService

/// The folders of `run`, `status` and `rebuild`, from flags, the environment (`REPORTSYNCD_INBOX`,
/// `_MIRROR`, `_STATE`) and a config file, in that order of precedence. With none of them the folders
/// are `./var/inbox`, `./var/mirror` and `./var/state`.
struct DaemonConfiguration: ParsableArguments {
    @Option(help: "The folder reports are dropped into (env REPORTSYNCD_INBOX; default ./var/inbox).")
    var inbox: String?

    @Option(help: "The folder of records/ and changes.jsonl (env REPORTSYNCD_MIRROR; default ./var/mirror).")
    var mirror: String?

    @Option(help: "The folder of archive/, rejected/ and the dedup index (env REPORTSYNCD_STATE; default ./var/state).")
    var state: String?

    @Option(help: "A file of `key = value` lines (inbox, mirror, state, settle, max-file-size).")
    var config: String?

    static let defaultConfigPath = "/etc/reportsyncd/reportsyncd.conf"

    /// The folders for a command that only reads them (`status`, `history`, `export`); a configuration
    /// error is printed and ends the command, as ``DaemonFailure`` says.
    func resolveOrExit() throws -> DaemonOptions {
        do {
            return try resolve()
        } catch {
            try DaemonFailure(error).exit()
        }
    }

    /// The options, with settle interval and size limit taken from `settle`/`maxFileSize` (flags) or the
    /// environment or the config file.
    func resolve(
        settle: Double? = nil,
        maxFileSize: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> DaemonOptions {
        let file = try fileSettings()
        func value(_ flag: String?, _ key: String) -> String? {
            flag ?? environment["REPORTSYNCD_" + key.uppercased().replacingOccurrences(of: "-", with: "_")] ?? file[key]
        }
        var options = DaemonOptions(
            inbox: FilePath(value(inbox, "inbox") ?? "var/inbox"),
            mirror: FilePath(value(mirror, "mirror") ?? "var/mirror"),
            state: FilePath(value(state, "state") ?? "var/state")
        )
        if let text = value(settle.map { String($0) }, "settle") {
            guard let seconds = Double(text), seconds >= 0, seconds < 3600 else {
                throw .invalidValue(key: "settle", value: text, expected: "seconds, e.g. 0.5")
            }
            options.settleInterval = .milliseconds(Int(seconds * 1000))
        }
        if let text = value(maxFileSize, "max-file-size") {
            guard let bytes = Self.byteCount(text) else {
                throw .invalidValue(key: "max-file-size", value: text, expected: "bytes, or a size such as 50MB")
            }
            options.maxFileSize = bytes
        }
        return options
    }

    /// `key = value` lines of the config file: `--config`, else the default path when it exists.
    private func fileSettings() throws(ConfigurationError) -> ConfigFile {
        do {
            return try ConfigFile(
                path: config,
                defaultPath: Self.defaultConfigPath,
                keys: ["inbox", "mirror", "state", "settle", "max-file-size"]
            )
        } catch {
            throw .file(error)
        }
    }

    /// `52428800`, `50MB`, `50 MB`, `50M`, `512k`, `1G`.
    static func byteCount(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard let number = Int(digits), number > 0 else { return nil }
        let units = [
            "": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "G": 1 << 30, "GB": 1 << 30,
        ]
        guard let unit = units[trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)] else { return nil }
        return number * unit
    }
}

/// A configuration that cannot be used, naming the file, line or key at fault.
enum ConfigurationError: Error, CustomStringConvertible {
    case file(ConfigFileError)
    case invalidValue(key: String, value: String, expected: String)

    var description: String {
        switch self {
        case .file(let error):
            "\(error)"
        case .invalidValue(let key, let value, let expected):
            "\(key) = \(value) is not valid: expected \(expected)"
        }
    }
}
