import SystemPackage

/// An event decided for one inbox file, with what its retirement needs: the output of the decide
/// step, the input of the commit, retire and report steps.
struct DecidedEvent {
    /// The file's inbox path.
    var relative: FilePath
    var event: ChangeEvent
    /// The file as it was when read: only that file is retired under this event.
    var fingerprint: FileFingerprint
    /// For a rejected file, the class of its reason (`NotAReport.Kind`, `tooLarge`), for the metrics.
    var rejection: String? = nil
}
