/// The state folder: `archive/` and `rejected/` for retired originals, the dedup index, the lock.
struct StateFolder {
    let root: String

    var archivePath: String { root + "/archive" }
    var rejectedPath: String { root + "/rejected" }
    var indexPath: String { root + "/dedup-index.json" }
    var lockPath: String { root + "/lock" }
    /// Present while a daemon runs; found at start-up it means the last run did not stop cleanly.
    var runningMarkerPath: String { root + "/running" }

    /// The folder an event's original goes to.
    func retirementFolder(for event: ChangeEventKind) -> String {
        event == .rejected ? rejectedPath : archivePath
    }

    /// Where the original of `event` ends up: `archive/<seq>-<basename>` or `rejected/<seq>-<basename>`.
    func retiredPath(of event: ChangeEventKind, named retiredName: String) -> String {
        retirementFolder(for: event) + "/" + retiredName
    }

    /// `rejected/<seq>-<basename>.reason.json`.
    func reasonPath(named retiredName: String) -> String {
        rejectedPath + "/" + retiredName + Self.reasonSuffix
    }

    static let reasonSuffix = ".reason.json"
}
