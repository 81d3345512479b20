/// Why a file is not a parseable annual report: the reason a rejected file is set aside with.
public struct NotAReport: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of the refusal, stable for programs to switch on.
    public enum Kind: String, Sendable, Codable {
        /// Zero bytes, or only whitespace.
        case empty
        /// Bytes that are no text in any supported encoding, and no supported container.
        case binary
        /// Text, but not a 政府信息公开工作年度报告 (no sections, no tables).
        case notAReport
        /// A report whose tables cannot be read: a table or one of its rows is missing or short.
        case unreadableTable
        /// A table 2 that prints labels of both editions (the 2021 template and the 2019 trial format).
        case mixedEditions
        /// A container (PDF, .docx) that could not be opened or converted to text.
        case unreadableContainer
        /// The program that reads this container is not usable on this machine, whatever the file:
        /// `pdftotext` missing or not starting, poppler-data missing. The file may well be a report; the
        /// daemon keeps it in the inbox and tries again.
        case readerUnavailable
        /// A cell whose number cannot be represented (more than 15 digits).
        case valueOutOfRange
    }

    public var kind: Kind
    /// A one-line, human-readable reason, naming the line where it applies.
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
