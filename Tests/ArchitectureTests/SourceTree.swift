import Foundation

/// The package's `Sources/` folder as text: the files of each target and what they import.
struct SourceTree {
    /// One Swift file: its path below `Sources/` and its lines.
    struct File: CustomStringConvertible {
        var path: String
        var lines: [Substring]

        var description: String { path }

        /// The number of lines, as `wc -l` counts them.
        var lineCount: Int { lines.last == "" ? lines.count - 1 : lines.count }

        /// The modules the file imports (`import X`, `@preconcurrency import X`, `public import X` …).
        var imports: [String] {
            lines.compactMap { line in
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ $0.hasPrefix("@") || Self.accessLevels.contains($0) })
                else { return nil }
                return String(words[index + 1].split(separator: ".")[0])
            }
        }

        private static let accessLevels: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The folders of `Sources/`: one a target.
    static var targets: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.sorted() ?? []
    }

    /// Every file below `Sources/<target>`, as paths relative to `Sources/`.
    static func paths(in target: String) -> [String] {
        let folder = root.appendingPathComponent(target)
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path,
                isDirectory: &isFolder
            )
            if exists && !isFolder.boolValue { paths.append("\(target)/\(path)") }
        }
        return paths.sorted()
    }

    /// The Swift files of `target`.
    static func swiftFiles(in target: String) -> [File] {
        paths(in: target).filter { $0.hasSuffix(".swift") }.map { path in
            let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
            return File(path: path, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
        }
    }
}
