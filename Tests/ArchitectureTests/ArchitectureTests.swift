import Testing

/// The rules of `docs/architecture.md` that can be checked by reading `Sources/`: who may import
/// what, where C lives, how long a file may grow. Each failure names the file and the rule.
struct ArchitectureTests {
    /// ReportCore is pure: bytes in, a record out. It may import the standard library's text and
    /// memory primitives, hashing and its C parsers, nothing that logs, watches, networks or runs
    /// the service.
    static let reportCoreImports: Set<String> = ["Foundation", "Glibc", "Darwin", "Crypto", "CLibXML2", "CLibZ"]

    /// What only the executable (and the service library it logs and notifies through) may import.
    static let serviceModules: Set<String> = [
        "reportsyncd", "SystemdService", "CSystemd", "ArgumentParser", "ServiceLifecycle", "UnixSignals",
    ]

    /// The longest a file under `Sources/` may be without saying why.
    static let lineLimit = 300
    /// How a longer file says why, on one of its first lines: `// Over the ~300 lines of other files: …`.
    static let lengthReason = "// Over the ~\(lineLimit) lines of other files:"

    @Test func sourcesAreWhereTheRulesExpectThem() {
        #expect(SourceTree.targets.contains("ReportCore"))
        #expect(SourceTree.targets.contains("SyncEngine"))
        #expect(SourceTree.swiftFiles(in: "ReportCore").count > 20)
    }

    @Test func reportCoreImportsNothingWithSideEffects() {
        for file in SourceTree.swiftFiles(in: "ReportCore") {
            let foreign = Set(file.imports).subtracting(Self.reportCoreImports)
            #expect(foreign.isEmpty, "\(file) imports \(foreign.sorted()): ReportCore stays pure")
        }
    }

    @Test func syncEngineNeverImportsTheService() {
        for file in SourceTree.swiftFiles(in: "SyncEngine") {
            let service = Set(file.imports).intersection(Self.serviceModules.union(["FoundationNetworking"]))
            #expect(service.isEmpty, "\(file) imports \(service.sorted()): SyncEngine knows no systemd or CLI")
        }
    }

    @Test func noTargetImportsTheExecutable() {
        for target in SourceTree.targets where target != "reportsyncd" {
            for file in SourceTree.swiftFiles(in: target) {
                #expect(!file.imports.contains("reportsyncd"), "\(file) imports the executable's module")
            }
        }
    }

    @Test func cLivesOnlyInCTargets() {
        for target in SourceTree.targets {
            let cFiles = SourceTree.paths(in: target).filter { path in
                [".h", ".c", ".modulemap"].contains { path.hasSuffix($0) }
            }
            if target.hasPrefix("C") {
                #expect(
                    cFiles.contains("\(target)/module.modulemap"),
                    "\(target) is a C target without a module map"
                )
                #expect(SourceTree.swiftFiles(in: target).isEmpty, "\(target) holds Swift")
            } else {
                #expect(cFiles.isEmpty, "\(target) holds C: \(cFiles); C goes into a C* target")
            }
        }
    }

    /// Outside `Template/`, no cell is reached by a number of its own: rows, groups and cells are
    /// named through the template (`Template.requestRow("total")`, `Template.outcomeRows` …).
    @Test func cellsAreReachedThroughTheTemplate() {
        let magic = [#/requestCell\(row: *[0-9]/#, #/reviewCell\(group: *[0-9]/#, #/counts\[[0-9]/#, #/rows\[[0-9]/#]
        for target in SourceTree.targets {
            for file in SourceTree.swiftFiles(in: target) where !file.path.contains("/Template/") {
                for (number, line) in file.lines.enumerated() where magic.contains(where: { line.contains($0) }) {
                    Issue.record("\(file):\(number + 1) reaches a cell by number: \(line)")
                }
            }
        }
    }

    @Test func noFileIsLongerThanItsLimitWithoutAReason() {
        for target in SourceTree.targets {
            for file in SourceTree.swiftFiles(in: target) where file.lineCount > Self.lineLimit {
                let reason = file.lines.prefix(5).first { $0.hasPrefix(Self.lengthReason) }
                #expect(
                    reason.map { $0.count > Self.lengthReason.count + 10 } == true,
                    "\(file) has \(file.lineCount) lines and no \(Self.lengthReason) … at its top"
                )
            }
        }
    }
}
