import SyncEngine

/// The change-log lines not yet published, oldest first, with the next batches staged ahead: read from the
/// mirror and their records written (``ContentRecords``) while the batch before them is published.
struct Backlog {
    /// Makes a batch's staging task; the second argument is the batch staged before it, whose records it
    /// writes after.
    typealias Stage = @Sendable ([ChangeEvent], Task<EventBatch, any Error>?) -> Task<EventBatch, any Error>

    let batchSize: Int
    /// How many batches are staged ahead.
    let depth: Int
    private let stage: Stage
    private var unstaged: ArraySlice<ChangeEvent> = []
    private var staged: [(task: Task<EventBatch, any Error>, lines: Int)] = []
    /// The batch staged last, taken or not: the next one writes its records after it.
    private var lastStaged: Task<EventBatch, any Error>?

    init(batchSize: Int, depth: Int, stage: @escaping Stage) {
        self.batchSize = batchSize
        self.depth = depth
        self.stage = stage
    }

    /// The lines waiting, staged or not.
    var count: Int { unstaged.count + staged.reduce(0) { $0 + $1.lines } }

    /// Adds lines newer than every line before them.
    mutating func append(_ events: [ChangeEvent]) {
        unstaged += events
        fill()
    }

    /// The oldest batch, once staged; `nil` when no line waits.
    mutating func next() async throws -> EventBatch? {
        fill()
        guard !staged.isEmpty else { return nil }
        let oldest = staged.removeFirst()
        fill()
        return try await oldest.task.value
    }

    /// Cancels the batches not taken: one whose records are not yet being written writes none.
    func cancel() {
        for batch in staged { batch.task.cancel() }
    }

    private mutating func fill() {
        while staged.count < depth, !unstaged.isEmpty {
            let events = Array(unstaged.prefix(batchSize))
            unstaged = unstaged.dropFirst(events.count)
            let task = stage(events, lastStaged)
            staged.append((task, events.count))
            lastStaged = task
        }
    }
}
