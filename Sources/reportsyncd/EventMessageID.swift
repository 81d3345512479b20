import Logging
import SyncEngine

extension ChangeEventKind {
    /// The journal `MESSAGE_ID` of this kind of entry, explained in `systemd/reportsyncd.catalog`.
    var messageID: String {
        switch self {
        case .added: "e0f1b61ae669460f89b605f3d55f1c7c"
        case .revised: "9e0cfa7162b049d894cb4d4620a43f6a"
        case .duplicate: "9561bbfb2a314efa8c845b095c6ff981"
        case .rejected: "a621a7d0dbe54ffba48ec60b60e678e8"
        }
    }
}

/// Gives each entry about an ingest outcome (one with `REPORTSYNC_EVENT`) the journal `MESSAGE_ID` of
/// its kind, and each cross-year warning (one with `REPORTSYNC_RULE`) its own, so that `journalctl -x` explains it from the catalog. SyncEngine names the outcome; which
/// journal id stands for it is the executable's business, as the rest of systemd is.
struct EventMessageID: LogHandler {
    /// The handler the entries go to (the journal's or the console's).
    var destination: any LogHandler

    /// The journal `MESSAGE_ID` of a cross-year warning (an entry with `REPORTSYNC_RULE`), explained in
    /// `systemd/reportsyncd.catalog`.
    static let crossYearWarning = "4ecfa96e528d46cfac098c57eff69bb8"

    var logLevel: Logger.Level {
        get { destination.logLevel }
        set { destination.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { destination.metadata }
        set { destination.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { destination.metadataProvider }
        set { destination.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { destination[metadataKey: key] }
        set { destination[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if case .string(let name)? = event.metadata?["REPORTSYNC_EVENT"], let kind = ChangeEventKind(rawValue: name) {
            event.metadata?["MESSAGE_ID"] = "\(kind.messageID)"
        } else if event.metadata?["REPORTSYNC_RULE"] != nil {
            event.metadata?["MESSAGE_ID"] = "\(Self.crossYearWarning)"
        }
        destination.log(event: event)
    }
}
