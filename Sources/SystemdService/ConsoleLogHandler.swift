import Foundation
import Glibc
import Logging
import SystemPackage

/// A swift-log handler that writes one readable line per entry to a terminal or file, standard error by default.
///
/// A line is what a person watching wants: `08:15:02 added 下冶镇人民政府 2024 from 000.txt`, the local time and
/// the message, the level in front of it unless it is `info` (`08:15:03 error: rejected b.txt: …`), then any
/// metadata that is not a journal field. The journal fields (upper-case names: `REPORTSYNC_SEQ`, `MESSAGE_ID`,
/// `ERRNO` …) are written only when `verbose`, and a verbose line is complete:
/// `2026-11-27T08:15:02.125Z info reportsyncd: added hubei/a.txt REPORTSYNC_SEQ=7 …`, the time in UTC, the
/// level, the logger's label, the message, then all the metadata as `key=value` pairs sorted by key (values with
/// spaces quoted). With `colour`, the level is coloured by severity and the metadata dimmed (ANSI escapes).
/// Control characters in the message and the values are escaped (``StringProtocol/escapingControlCharacters``): an
/// entry is always one line, whatever the file names in it hold.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// The logger's label, shown before each message.
    let label: String
    /// Whether lines carry ANSI colour escapes: decide with ``LogDestination``, true only for a terminal.
    let colour: Bool
    /// Whether lines carry the journal fields, with the UTC time and the label (`--verbose`).
    let verbose: Bool
    /// Where lines go: each line is one `write(2)`.
    let output: FileDescriptor

    /// Creates a handler writing lines for the logger `label` to `output`.
    public init(
        label: String,
        colour: Bool,
        verbose: Bool,
        output: FileDescriptor = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.colour = colour
        self.verbose = verbose
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let metadata = event.mergedMetadata(handler: self.metadata, provider: self.metadataProvider)
        self.write(level: event.level, message: event.message.description, metadata: metadata)
    }

    /// Writes one line; a failed write is dropped, as there is nowhere left to report it.
    func write(level: Logger.Level, message: String, metadata: Logger.Metadata) {
        let line = self.line(level: level, message: message, metadata: metadata, time: Date())
        _ = try? self.output.writeAll(line.utf8)
    }

    /// The text of one line, newline included.
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata, time: Date) -> String {
        let shown = self.verbose ? metadata : metadata.filter { !Self.isJournalField($0.key) }
        let pairs = shown.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quotedIfNeeded("\($0.value)"))" }
        let text = message.escapingControlCharacters
        let levelName = self.styled(level.rawValue, Self.style(of: level))
        var line =
            if self.verbose {
                "\(time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))) \(levelName) \(self.label): \(text)"
            } else {
                "\(Self.localTime(time)) " + (level == .info ? text : "\(levelName): \(text)")
            }
        if !pairs.isEmpty {
            line += " " + self.styled(pairs.joined(separator: " "), Self.dim)
        }
        return line + "\n"
    }

    /// Whether `key` names a journal field (`REPORTSYNC_FILE`, `MESSAGE_ID`, `ERRNO`): upper-case letters, digits
    /// and `_`, as journald requires of field names.
    private static func isJournalField(_ key: String) -> Bool {
        key.utf8.allSatisfy {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F
        }
    }

    /// `time` as `HH:mm:ss` in the local time zone.
    private static func localTime(_ time: Date) -> String {
        var seconds = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private func styled(_ text: String, _ style: String) -> String {
        guard self.colour, !style.isEmpty else { return text }
        return "\u{1B}[\(style)m\(text)\u{1B}[0m"
    }

    private static let dim = "2"

    private static func style(of level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: dim
        case .info: ""
        case .notice: "36"
        case .warning: "33"
        case .error: "31"
        case .critical: "1;31"
        }
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "\"" }) else {
            return value.escapingControlCharacters
        }
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").escapingControlCharacters
        return "\"" + escaped + "\""
    }
}
