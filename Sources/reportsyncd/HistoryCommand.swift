import ArgumentParser
import OfficeExport
import ReportCore
import SyncEngine

/// `reportsyncd history AGENCY`: what happened to one agency's reports, event by event.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract:
            "Show every event of an agency from the change log, oldest first, with the cells each revision changed.",
        discussion: """
            AGENCY matches every agency whose name contains it. A revision lists its changed cells as \
            old → new; the values come from parsing the archived originals (<state>/archive) again.
            """
    )

    @Argument(help: "The agency (or part of its name).")
    var agency: String

    @OptionGroup var folders: DaemonConfiguration

    func run() throws {
        let options = try folders.resolveOrExit()
        let history: AgencyHistory
        do {
            history = try AgencyHistory(
                agency: agency,
                mirror: MirrorFolder(root: options.mirror),
                state: options.state,
                parser: ReportParser(pdfText: PopplerPDFText())
            )
        } catch {
            try CommandFailure("cannot read the change log of \(options.mirror): \(error)", exitCode: 74).exit()
        }
        guard !history.entries.isEmpty else {
            try CommandFailure("no event of an agency named like \(agency) in \(options.mirror)", exitCode: 66).exit()
        }
        var lines: [String] = []
        for entry in history.entries {
            let event = entry.event
            var line = "#\(event.seq) \(event.time) \(event.event.rawValue) \(event.agency ?? "") \(event.year ?? 0)"
            line += " \(event.status?.rawValue ?? "") from \(event.source.name)"
            if let duplicateOf = event.duplicateOf { line += " (duplicate of #\(duplicateOf))" }
            lines.append(line)
            for change in entry.changes {
                lines.append("  \(change.key) \(change.title): \(change.old ?? "?") → \(change.new ?? "?")")
            }
            if event.event == .revised && entry.changes.isEmpty { lines.append("  no cell changed (text only)") }
            if let note = entry.note { lines.append("  (\(note))") }
        }
        for line in lines { print(line.escapingControlCharacters) }
    }
}
