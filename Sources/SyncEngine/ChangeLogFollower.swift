import SystemPackage

/// Follows a mirror's change log from beside the daemon, as `export`, `history`, `serve` and
/// `reportsyncd-publish` do: by byte offset, whole lines only, never writing.
///
/// The daemon only appends whole lines and never changes a line once written (see `ChangeLog`), so
/// an offset taken after a line stays valid for as long as the log exists.
public struct ChangeLogFollower: Sendable {
    /// `<mirror>/changes.jsonl`.
    public let path: FilePath
    /// The byte just after the last whole line read: where the next ``next()`` starts.
    public private(set) var offset: Int

    /// A follower of the change log of the mirror at `mirror`, starting at byte `offset` (0: the
    /// first line). An offset saved from an earlier follower resumes where it stopped.
    public init(mirror: FilePath, from offset: Int = 0) {
        self.path = MirrorFolder(root: mirror).changeLogPath
        self.offset = offset
    }

    /// The events appended since the last call, oldest first, each with the offset just after its
    /// line. A line still being written is left for the next call; a missing log has no events.
    ///
    /// - Throws: `ChangeLogError.unreadableLine` for a whole line that is not an event, or a
    ///   `FileSystemError` when the log cannot be read.
    public mutating func next() throws -> [(event: ChangeEvent, end: Int)] {
        let events = try ChangeLog.events(at: path, from: offset)
        if let last = events.last { offset = last.end }
        return events
    }
}
