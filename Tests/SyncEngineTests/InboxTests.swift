import Foundation
import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct InboxTests {
    @Test(arguments: [".hidden.txt", "a.part", "a.tmp", "a.crdownload", "~$report.docx"])
    func partialNamesAreIgnored(name: String) {
        #expect(Inbox.isIgnored(name: name))
    }

    @Test(arguments: ["report.txt", "report.part.txt", "年度报告.docx"])
    func ordinaryNamesAreRead(name: String) {
        #expect(!Inbox.isIgnored(name: name))
    }

    @Test func walkListsRegularFilesAndNeverFollowsSymlinks() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/a/b", withIntermediateDirectories: true)
        folder.write("x", to: "a/b/r.txt")
        folder.write("x", to: ".skip.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a/loop", withDestinationPath: "..")
        var files: [FilePath] = []
        var skipped: [FilePath] = []
        var directories: [FilePath] = []
        Inbox(root: folder.root).walk("") { entry in
            switch entry {
            case .directory(let path): directories.append(path)
            case .file(let path, _): files.append(path)
            case .skipped(let path, _): skipped.append(path)
            case .unlistable(let error): Issue.record("\(error)")
            }
        }
        #expect(files == ["a/b/r.txt"])
        #expect(skipped == ["a/loop"])
        #expect(directories == ["", "a", "a/b"])
    }
}
