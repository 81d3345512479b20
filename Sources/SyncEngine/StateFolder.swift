import SystemPackage

/// The state folder: `archive/` and `rejected/` for retired originals, the dedup index, the lock.
struct StateFolder {
    let root: FilePath

    var archivePath: FilePath { root.appending("archive") }
    var rejectedPath: FilePath { root.appending("rejected") }
    var indexPath: FilePath { root.appending("dedup-index.json") }
    var lockPath: FilePath { root.appending("lock") }
    /// Present while a daemon runs; found at start-up it means the last run did not stop cleanly.
    var runningMarkerPath: FilePath { root.appending("running") }

    /// The folder an event's original goes to.
    func retirementFolder(for event: ChangeEventKind) -> FilePath {
        event == .rejected ? rejectedPath : archivePath
    }

    /// Where the original of `event` ends up: `archive/<seq>-<basename>` or `rejected/<seq>-<basename>`.
    func retiredPath(of event: ChangeEventKind, named retiredName: FilePath.Component) -> FilePath {
        retirementFolder(for: event).appending(retiredName)
    }

    /// `rejected/<seq>-<basename>.reason.json`.
    func reasonPath(named retiredName: FilePath.Component) -> FilePath {
        // A name and a suffix: never empty, never holding a `/`.
        rejectedPath.appending(FilePath.Component(bytes: retiredName.bytes + Self.reasonSuffix.utf8)!)
    }

    static let reasonSuffix = ".reason.json"
}
