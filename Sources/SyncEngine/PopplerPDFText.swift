import Foundation
import ReportCore
import Synchronization
import SystemPackage

/// Extracts a PDF's text with poppler's `pdftotext -layout -enc UTF-8 - -` (Debian `poppler-utils`).
///
/// The PDF goes to `pdftotext` as its standard input, from an unlinked temporary file so that no
/// pipe can fill up or break; its standard output is read here, its standard error on a thread of
/// its own. A PDF whose Chinese fonts poppler cannot map (poppler-data missing) is not read without
/// its Chinese text: like a `pdftotext` that is missing or cannot start, that is
/// ``NotAReport/Kind/readerUnavailable``. A run that exceeds ``timeLimit`` is killed, and so is one
/// whose output exceeds ``maximumOutputSize``. The text is returned as `pdftotext` prints it, form
/// feeds between pages included.
public struct PopplerPDFText: PDFTextExtracting {
    /// The `pdftotext` to run; `nil` looks for `pdftotext` on `PATH` at each call.
    public var executablePath: String?
    /// How long one PDF may take before `pdftotext` is killed and the PDF refused.
    public var timeLimit: Duration
    /// The most text accepted from one PDF, in bytes.
    public var maximumOutputSize: Int

    public init(executablePath: String? = nil, timeLimit: Duration = .seconds(30), maximumOutputSize: Int = 64 << 20) {
        self.executablePath = executablePath
        self.timeLimit = timeLimit
        self.maximumOutputSize = maximumOutputSize
    }

    public func layoutText(ofPDF pdf: [UInt8]) throws(NotAReport) -> String {
        guard let executable = executablePath ?? Self.onPath("pdftotext"),
            FileManager.default.isExecutableFile(atPath: executable)
        else { throw NotAReport(.readerUnavailable, "pdftotext (poppler-utils) is not installed") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-layout", "-enc", "UTF-8", "-", "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            let input = try Self.unlinkedFile(holding: pdf)
            process.standardInput = input
            try process.run()
            try input.close()
        } catch {
            throw NotAReport(.readerUnavailable, "pdftotext could not be started: \(error)")
        }

        let start = ContinuousClock.now
        let deadline = DispatchWorkItem { [process] in Self.kill(process) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit.timeInterval, execute: deadline)
        defer { deadline.cancel() }
        let diagnostics = StandardErrorReader(errors.fileHandleForReading)
        let text = readOutput(of: process, from: output.fileHandleForReading)
        process.waitUntilExit()
        let messages = diagnostics.waitForText()

        guard let text else {
            throw NotAReport(.unreadableContainer, "the PDF's text is larger than \(maximumOutputSize) bytes")
        }
        if messages.contains("Missing language pack") {
            // Text in the fonts it covers (Chinese fonts that are not embedded) would silently be lost.
            throw NotAReport(.readerUnavailable, "pdftotext lacks its language packs: poppler-data is not installed")
        }
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0):
            guard text.contains(where: { !$0.isWhitespace }) else {
                throw NotAReport(.unreadableContainer, "the PDF has no text layer (a scanned image?)")
            }
            return text
        case (.exit, 1):
            throw NotAReport(.unreadableContainer, "pdftotext cannot open the PDF (damaged, or password-protected)")
        case (.exit, 3):
            throw NotAReport(.unreadableContainer, "the PDF's permissions forbid copying its text")
        case (.exit, let status):
            let firstMessage = messages.split(whereSeparator: \.isNewline).first.map { ": \($0)" } ?? ""
            throw NotAReport(.unreadableContainer, "pdftotext failed with exit status \(status)\(firstMessage)")
        case (.uncaughtSignal, _) where ContinuousClock.now - start >= timeLimit:
            throw NotAReport(.unreadableContainer, "pdftotext did not finish within \(timeLimit)")
        case (.uncaughtSignal, let signal):
            // A crash on this PDF would crash again on every retry: the file gets its rejection.
            throw NotAReport(.unreadableContainer, "pdftotext crashed on the PDF (signal \(signal))")
        @unknown default:
            throw NotAReport(.unreadableContainer, "pdftotext ended abnormally")
        }
    }

    /// Everything `process` writes to `handle`, as UTF-8 text; `nil`, with the process killed,
    /// when it writes more than ``maximumOutputSize`` bytes.
    private func readOutput(of process: Process, from handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            guard bytes.count + chunk.count <= maximumOutputSize else {
                Self.kill(process)
                return nil
            }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stops `process` if it still runs. SIGKILL rather than SIGTERM: a daemon that handles SIGTERM
    /// through a signal source ignores it, and its children inherit that.
    private static func kill(_ process: Process) {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// A file holding `bytes`, positioned at its start, whose name is already removed: it vanishes
    /// when the last descriptor to it closes.
    private static func unlinkedFile(holding bytes: [UInt8]) throws -> FileHandle {
        let path = FilePath(NSTemporaryDirectory()).appending("reportsyncd-\(UUID().uuidString).pdf")
        let descriptor = try FileDescriptor.open(
            path,
            .readWrite,
            options: [.create, .exclusiveCreate],
            permissions: .ownerReadWrite
        )
        do {
            try FileManager.default.removeItem(atPath: path.string)
            try descriptor.writeAll(bytes)
            try descriptor.seek(offset: 0, from: .start)
        } catch {
            try? descriptor.close()
            throw error
        }
        return FileHandle(fileDescriptor: descriptor.rawValue, closeOnDealloc: true)
    }

    /// The first executable named `name` in the directories of `PATH`.
    private static func onPath(_ name: String) -> String? {
        let directories = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":") ?? []
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// What a child process writes to standard error, up to 64 KiB (the rest is read and dropped), read
/// on a thread of its own so that a chatty process never blocks on a full pipe.
private final class StandardErrorReader: Sendable {
    private static let limit = 64 << 10
    private let collected = Mutex<[UInt8]>([])
    private let finished = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                collected.withLock { bytes in bytes += chunk.prefix(max(0, Self.limit - bytes.count)) }
            }
            finished.signal()
        }
    }

    /// What was written, once the process has closed its standard error.
    func waitForText() -> String {
        finished.wait()
        return collected.withLock { String(decoding: $0, as: UTF8.self) }
    }
}

extension Duration {
    /// The duration in seconds, for Dispatch.
    fileprivate var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
