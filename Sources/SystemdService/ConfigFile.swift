import Foundation

/// A config file of `key = value` lines, as both executables read one (`/etc/reportsyncd/*.conf`):
/// blank lines and lines starting with `#` are skipped, spaces around the key and the value are trimmed.
public struct ConfigFile: Sendable {
    /// The file's settings by key.
    public let settings: [String: String]

    /// Reads the file at `path` (the `--config` flag, `explicit`) or else at `defaultPath`, accepting the
    /// keys in `keys`. A missing default file has no settings; a missing explicit file is an error.
    public init(path: String?, defaultPath: String, keys: Set<String>) throws(ConfigFileError) {
        let chosen = path ?? defaultPath
        // Through a handle, not `FileManager.contents(atPath:)`, which reads no character devices: `--config
        // /dev/null` means no settings at all.
        guard let handle = FileHandle(forReadingAtPath: chosen), let data = try? handle.readToEnd() ?? Data() else {
            if path != nil { throw .unreadableFile(chosen) }
            self.settings = [:]
            return
        }
        var settings: [String: String] = [:]
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, keys.contains(parts[0]) else {
                throw .invalidLine(path: chosen, line: number + 1, text: text, keys: keys.sorted())
            }
            settings[parts[0]] = parts[1]
        }
        self.settings = settings
    }

    /// The value of `key`, `nil` when the file does not set it.
    public subscript(key: String) -> String? { settings[key] }
}

/// A config file that cannot be used, naming the file and line at fault.
public enum ConfigFileError: Error, Sendable, CustomStringConvertible {
    case unreadableFile(String)
    case invalidLine(path: String, line: Int, text: String, keys: [String])

    public var description: String {
        switch self {
        case .unreadableFile(let path):
            "cannot read the config file \(path)"
        case .invalidLine(let path, let line, let text, let keys):
            "\(path):\(line): expected `key = value` with key \(keys.joined(separator: ", ")), found `\(text)`"
        }
    }
}
