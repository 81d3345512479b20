// The daemon's side effects live here: Inbox, Watcher, Mirror, ChangeLog, DedupIndex, Ingestor.
import ReportCore
