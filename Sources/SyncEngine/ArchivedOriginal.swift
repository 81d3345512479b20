import SystemPackage

extension ChangeEvent {
    /// Where the daemon keeps the original file of this event in the state folder `state`:
    /// `archive/<seq>-<basename>` (added, revised, duplicate) or `rejected/<seq>-<basename>`. Readers
    /// such as `reportsyncd history` re-read an original to recover the cells of an earlier revision.
    public func originalPath(state: FilePath) -> FilePath {
        StateFolder(root: state).retiredPath(of: event, named: retiredName)
    }
}
