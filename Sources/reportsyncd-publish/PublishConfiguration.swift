import ArgumentParser
import Foundation
import SystemPackage
import SystemdService

/// The settings of `reportsyncd-publish`, from flags, the environment (`REPORTSYNCD_MIRROR`, `_STATE`,
/// `_DATABASE`, `_DATABASE_PASSWORD_FILE`, `_NODE`) and a config file, in that order of precedence.
struct PublishConfiguration: ParsableArguments {
    @Option(help: "The node's mirror folder, read-only (env REPORTSYNCD_MIRROR; default ./var/mirror).")
    var mirror: String?

    @Option(help: "The publisher's own folder: its lock (env REPORTSYNCD_STATE; default ./var/publish).")
    var state: String?

    @Option(help: "postgres://USER@HOST:PORT/DATABASE?sslmode=… or postgres://USER@/DATABASE?host=SOCKET-FOLDER.")
    var database: String?

    @Option(help: "A file holding the database password (default: $CREDENTIALS_DIRECTORY/database-password).")
    var databasePasswordFile: String?

    @Option(help: "This node's name in the database (env REPORTSYNCD_NODE; default the machine id).")
    var node: String?

    @Option(help: "A file of `key = value` lines (mirror, state, database, database-password-file, node).")
    var config: String?

    static let defaultConfigPath = "/etc/reportsyncd/publish.conf"

    /// The settings in force.
    func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PublishConfigurationError) -> PublishOptions {
        let file: ConfigFile
        do {
            file = try ConfigFile(
                path: config,
                defaultPath: Self.defaultConfigPath,
                keys: ["mirror", "state", "database", "database-password-file", "node"]
            )
        } catch {
            throw .file(error)
        }
        func value(_ flag: String?, _ key: String) -> String? {
            flag ?? environment["REPORTSYNCD_" + key.uppercased().replacingOccurrences(of: "-", with: "_")] ?? file[key]
        }
        guard let text = value(database, "database") else { throw .missingDatabase }
        let url = try DatabaseURL(text)
        let credential = environment["CREDENTIALS_DIRECTORY"].map { $0 + "/database-password" }
        let passwordFile = value(databasePasswordFile, "database-password-file")
        var password: String?
        if let path = passwordFile ?? credential.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadablePasswordFile(path)
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        let node: String
        if let named = value(self.node, "node") {
            node = named
        } else {
            node = try Self.machineID()
        }
        guard !node.isEmpty, node.count <= 200 else {
            throw .invalidValue(key: "node", value: node, expected: "a name of 1 to 200 characters")
        }
        return PublishOptions(
            mirror: FilePath(value(mirror, "mirror") ?? "var/mirror"),
            state: FilePath(value(state, "state") ?? "var/publish"),
            database: url,
            password: password,
            node: node
        )
    }

    /// `/etc/machine-id`: the default node name.
    private static func machineID() throws(PublishConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: "/etc/machine-id") else { throw .noMachineID }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// What `reportsyncd-publish` runs with.
struct PublishOptions: Sendable {
    var mirror: FilePath
    var state: FilePath
    var database: DatabaseURL
    var password: String?
    var node: String
    /// Change-log lines per transaction.
    var batchSize = Self.defaultBatchSize
    /// Small enough that the next batches are read and their records written while one is published; larger
    /// batches were no faster (`scripts/publish-benchmark`).
    static let defaultBatchSize = 500
}

/// A configuration that cannot be used, naming the file, line or key at fault.
enum PublishConfigurationError: Error, CustomStringConvertible {
    case file(ConfigFileError)
    case missingDatabase
    case unreadablePasswordFile(String)
    case noMachineID
    case invalidValue(key: String, value: String, expected: String)

    var description: String {
        switch self {
        case .file(let error): "\(error)"
        case .missingDatabase:
            "no database: give --database URL, REPORTSYNCD_DATABASE or `database =` in the config file"
        case .unreadablePasswordFile(let path): "cannot read the password file \(path)"
        case .noMachineID: "no --node given and /etc/machine-id cannot be read"
        case .invalidValue(let key, let value, let expected): "\(key) = \(value) is not valid: expected \(expected)"
        }
    }
}
