/// The four outcomes of an ingest, as named in the change log's `event` field.
public enum ChangeEventKind: String, Sendable, Codable, CaseIterable {
    /// A new agency and year.
    case added
    /// The same agency and year with a new content hash: the mirror record was replaced.
    case revised
    /// The same bytes or content hash were ingested before: nothing was rewritten.
    case duplicate
    /// Not a report: the file was set aside in `<state>/rejected/` with its reason.
    case rejected

    /// The journal `MESSAGE_ID` of this kind of entry, explained in `systemd/reportsyncd.catalog`.
    public var messageID: String {
        switch self {
        case .added: "e0f1b61ae669460f89b605f3d55f1c7c"
        case .revised: "9e0cfa7162b049d894cb4d4620a43f6a"
        case .duplicate: "9561bbfb2a314efa8c845b095c6ff981"
        case .rejected: "a621a7d0dbe54ffba48ec60b60e678e8"
        }
    }
}
