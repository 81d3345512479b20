// Fuzzing the whole parse path: any bytes must give a record or a reason, never a crash, a hang or
// unbounded memory.
//
// Built with `-sanitize=fuzzer,address -D FUZZING` (see `scripts/fuzz`) this is a libFuzzer binary;
// built plainly it replays files and folders given as arguments (the committed corpus and every
// crash input found so far), which CI runs as a regression check.
import Foundation
import ReportCore

/// One input through the parser, with the checks that must hold for any bytes.
func parseOneInput(_ bytes: [UInt8]) {
    switch ReportParser().parse(bytes, sourceName: "fuzz") {
    case .success(let record):
        precondition(record.cellValues.count == 200, "a record carries 200 cells")
        precondition(!record.jsonBytes().isEmpty, "a record serialises")
    case .failure(let notAReport):
        precondition(!notAReport.reason.isEmpty, "a refusal says why")
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
struct ParserFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            runFuzzerDriver(&argc, &argv) { data, size in
                parseOneInput(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                return 0
            }
        )
        #else
        var replayed = 0
        for argument in CommandLine.arguments.dropFirst() {
            let url = URL(fileURLWithPath: argument)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            let files =
                isFolder.boolValue
                ? (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [] : [url]
            for file in files.sorted(by: { $0.path < $1.path }) {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                parseOneInput(Array(data))
                replayed += 1
            }
        }
        print("replayed \(replayed) inputs without a crash")
        #endif
    }
}
