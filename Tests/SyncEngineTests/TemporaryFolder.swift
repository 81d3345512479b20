import Foundation
import SystemPackage
import Testing

/// A fresh folder under /tmp, removed when the value goes away.
final class TemporaryFolder {
    let path: String
    /// The folder as the daemon's types take it.
    var root: FilePath { FilePath(path) }

    init() {
        var template = Array("/tmp/syncengine-test-XXXXXX".utf8CString)
        path = String(cString: mkdtemp(&template)!)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ text: String, to name: String) {
        #expect(FileManager.default.createFile(atPath: path + "/" + name, contents: Data(text.utf8)))
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? ""
    }
}
