import ArgumentParser

/// `reportsyncd`: the inbox daemon for 政府信息公开工作年度报告, and the tools around it.
@main
struct ReportSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsyncd",
        abstract: "Ingest government information disclosure annual reports (政府信息公开工作年度报告).",
        discussion: """
            Drop report files (text in any flattening, HTML, .docx, PDF; UTF-8, UTF-16 or GB18030) into \
            the inbox; `run` parses and validates each one, mirrors it as JSON and appends the outcome \
            to the change log. `parse` and `validate` read single files without a daemon; `export`, \
            `history` and `status` read the mirror beside it.

            Start here: `reportsyncd run` (folders under ./var), then drop a file into ./var/inbox and \
            read ./var/mirror/changes.jsonl, or `reportsyncd status`.
            """,
        subcommands: [
            ParseCommand.self, ValidateCommand.self, RunCommand.self, StatusCommand.self, RebuildCommand.self,
            ExportCommand.self, HistoryCommand.self, ServeCommand.self,
        ]
    )
}
