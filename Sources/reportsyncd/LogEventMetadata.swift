import Logging

extension LogEvent {
    /// The metadata a handler writes for this event: the handler's own, then the metadata provider's, then the
    /// call's, a later source winning when two give the same key.
    func mergedMetadata(handler: Logger.Metadata, provider: Logger.MetadataProvider?) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let metadata {
            merged.merge(metadata) { _, new in new }
        }
        return merged
    }
}
