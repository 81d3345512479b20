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

}
