/// The wait before the next attempt after a failure: 1 s, doubling to at most 60 s, back to 1 s after a
/// success.
struct Backoff {
    static let first: Duration = .seconds(1)
    static let longest: Duration = .seconds(60)

    private(set) var next: Duration = Self.first

    /// The wait before the next attempt; the one after it is twice as long, up to ``longest``.
    mutating func wait() -> Duration {
        let wait = next
        next = min(next * 2, Self.longest)
        return wait
    }

    mutating func reset() {
        next = Self.first
    }
}
