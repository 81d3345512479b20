import Logging

extension LogEvent {
    /// The metadata a handler writes for this event: the handler's own, then the metadata provider's, then the
    /// call's, a later source winning when two give the same key; and, as swift-log's own handlers do, the event's
    /// error as `error.message` and `error.type`.
    func mergedMetadata(handler: Logger.Metadata, provider: Logger.MetadataProvider?) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let metadata {
            merged.merge(metadata) { _, new in new }
        }
        if let error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return merged
    }
}
