import CSystemd
import Logging
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler that sends each entry to the systemd journal as structured fields.
///
/// An entry carries `MESSAGE`, `PRIORITY` (the syslog level: trace and debug 7, info 6, notice 5, warning 4,
/// error 3, critical 2), `SYSLOG_IDENTIFIER`, `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`, and one field per metadata
/// key (the handler's, the metadata provider's and the call's, the call's winning) named by
/// ``fieldName(forMetadataKey:)``. Metadata cannot replace the handler's own fields: such keys are dropped.
///
/// `sd_journal_sendv` drops entries without an error when the journal socket does not exist, so decide once at
/// start-up whether the journal is there (``LogDestination/resolve(environment:standardError:journalSocket:)``).
/// When the journal refuses an entry (a stale socket nobody listens on), the entry goes to the fallback console
/// handler instead, with the error in its metadata, so that nothing is lost without a trace.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// The `SYSLOG_IDENTIFIER` of every entry: `journalctl -t reportsyncd` selects them.
    let identifier: String
    /// Where an entry goes when the journal refuses it.
    let fallback: ConsoleLogHandler

    /// Creates a handler for the logger `label`, identified in the journal as `identifier`, that writes entries
    /// the journal refuses to `fallbackOutput`.
    public init(
        label: String,
        identifier: String = "reportsyncd",
        fallbackOutput: FileDescriptor = .standardError,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.identifier = identifier
        self.fallback = ConsoleLogHandler(
            label: label,
            colour: false,
            verbose: true,
            output: fallbackOutput,
            metadataProvider: nil
        )
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let metadata = event.mergedMetadata(handler: self.metadata, provider: self.metadataProvider)
        if let error = Self.send(self.fields(for: event, metadata: metadata)) {
            var annotated = metadata
            annotated["JOURNAL_ERROR"] = "\(error)"
            self.fallback.write(level: event.level, message: event.message.description, metadata: annotated)
        }
    }

    /// The journal fields of one entry, as `(name, value)` pairs in the order they are sent.
    private func fields(for event: LogEvent, metadata: Logger.Metadata) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(of: event.level))),
            ("SYSLOG_IDENTIFIER", self.identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        let reserved = Set(fields.map(\.name))
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard let name = Self.fieldName(forMetadataKey: key), !reserved.contains(name) else { continue }
            fields.append((name, "\(value)"))
        }
        return fields
    }

    /// The syslog priority journald files an entry of `level` under.
    private static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The journal field name for a metadata key, or `nil` when nothing of the key is left.
    ///
    /// journald keeps only fields named `[A-Z0-9_]`, not starting with `_` (reserved for trusted fields) or a
    /// digit, and at most 64 characters long; it drops any other field without a word. So letters are upper-cased,
    /// every other character becomes `_`, leading `_` and digits are removed, and the name is cut at 64:
    /// `source.sha256` → `SOURCE_SHA256`, `_pid` → `PID`, `2nd-try` → `ND_TRY`.
    static func fieldName(forMetadataKey key: String) -> String? {
        let mapped = key.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z": Character(Unicode.Scalar(scalar.value - 0x20)!)
            case "A"..."Z", "0"..."9", "_": Character(scalar)
            default: "_"
            }
        }
        let name = String(mapped.drop { $0 == "_" || $0.isNumber }.prefix(64))
        return name.isEmpty ? nil : name
    }

    /// Sends one entry with `sd_journal_sendv`; returns the error when the journal refused it.
    private static func send(_ fields: [(name: String, value: String)]) -> Errno? {
        var bytes: [UInt8] = []
        var items: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: field.value.utf8)
            items.append(start..<bytes.count)
        }
        let result = bytes.withUnsafeMutableBytes { buffer in
            var vectors = items.map { iovec(iov_base: buffer.baseAddress! + $0.lowerBound, iov_len: $0.count) }
            return sd_journal_sendv(&vectors, Int32(vectors.count))
        }
        return result < 0 ? Errno(rawValue: -result) : nil
    }
}
