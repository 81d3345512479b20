import Foundation
import ReportCore
import ReportFixtures
import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct RecoveryTests {
    private func recovery(_ folders: IngestFolders) -> Recovery {
        Recovery(
            inbox: folders.inbox,
            mirror: folders.mirror,
            state: folders.state,
            parser: ReportParser(),
            logger: folders.logger
        )
    }

    @Test func tempFilesACrashLeftAreRemoved() throws {
        let folders = try IngestFolders()
        let year = folders.mirror.recordsPath.appending("2024")
        try FileSystem.createDirectory(year)
        let interrupted = [
            year.appending("青山区人民政府.json"), folders.state.archivePath.appending("7-a.txt"),
            folders.state.rejectedPath.appending("8-b.txt.reason.json"), folders.state.indexPath,
        ]
        for path in interrupted { _ = try FileSystem.writeTemporary(for: path, [1], sync: false) }
        #expect(try recovery(folders).removeTemporaries() == interrupted.count)
        for path in interrupted {
            #expect(try FileSystem.entries(of: path.removingLastComponent()).filter(FileSystem.isTemporary).isEmpty)
            #expect(try FileSystem.status(path) == nil, "nothing was put in place")
        }
    }

    @Test func theMirrorIsBroughtBackInLineWithTheLog() throws {
        let folders = try IngestFolders()
        let report = SampleReport.distinct(seed: 1).bytes(.tsv)
        #expect(try folders.start().ingest([folders.drop(report, as: "a.txt")]).isEmpty)
        let path = folders.mirror.recordPath(agency: "青山区人民政府", year: 2024)
        let logged = try #require(folders.mirror.record(agency: "青山区人民政府", year: 2024))
        // A record no event describes, and the logged one overwritten.
        let stray = SampleReport.distinct(agency: "下冶镇人民政府", year: 2023, seed: 2).bytes(.tsv)
        guard case .success(let strayRecord) = ReportParser().parse(stray, sourceName: "stray.txt") else {
            Issue.record("the stray report does not parse")
            return
        }
        try FileSystem.commit([try folders.mirror.stage(strayRecord)], fileSystemOf: folders.mirror.recordsPath)
        try FileSystem.replace(path, with: Array("{}".utf8))
        let changeLog = try ChangeLog(
            path: folders.mirror.changeLogPath,
            setAsideFolder: folders.state.root,
            logger: folders.logger
        )
        let (index, _) = try recovery(folders).index(matching: changeLog, forceRebuild: false)
        let repairs = try recovery(folders).reconcileMirror(with: index)
        #expect(repairs.restored == 1 && repairs.removed == 1)
        #expect(folders.mirror.record(agency: "青山区人民政府", year: 2024)?.contentHash == logged.contentHash)
        #expect(folders.mirror.record(agency: "下冶镇人民政府", year: 2023) == nil)
        #expect(try recovery(folders).reconcileMirror(with: index) == (0, 0), "nothing left to repair")
    }

    @Test func aDamagedSavedIndexIsRebuiltFromTheLog() throws {
        let folders = try IngestFolders()
        #expect(try folders.start().ingest([folders.drop(Array("not a report".utf8), as: "x.txt")]).isEmpty)
        try FileSystem.replace(folders.state.indexPath, with: Array("{\"lastSeq\": 7".utf8))
        let changeLog = try ChangeLog(
            path: folders.mirror.changeLogPath,
            setAsideFolder: folders.state.root,
            logger: folders.logger
        )
        let (index, rebuilt) = try recovery(folders).index(matching: changeLog, forceRebuild: false)
        #expect(rebuilt)
        #expect(index.lastSeq == 1)
        let (again, rebuiltAgain) = try recovery(folders).index(matching: changeLog, forceRebuild: false)
        #expect(!rebuiltAgain, "the rebuilt index was saved")
        #expect(again == index)
    }

    @Test func aFailingCallAtStartUpIsAnErrorNamingItsPath() throws {
        let folders = try IngestFolders()
        let plan = FaultPlan(folder: folders.state.root)
        SystemCallFaults.arming(plan) {
            plan.fail(operation: "list", with: .permissionDenied)
            #expect(throws: FileSystemError("list", folders.state.root, .permissionDenied)) {
                try recovery(folders).removeTemporaries()
            }
        }
    }
}
