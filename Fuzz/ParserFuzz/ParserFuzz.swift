// Fuzzing each reader of the parse path, and the whole path: any bytes must give text, cells, a
// record or a reason, never a crash, a hang or unbounded memory. See `FuzzTarget`.
//
// Built with `-sanitize=fuzzer,address -D FUZZING` (see `scripts/fuzz`) this is a libFuzzer binary
// that fuzzes the target `FUZZ_TARGET` names. Built plainly it replays files and folders given as
// arguments (the committed corpus and every crash input found so far) through every target, or the
// one `FUZZ_TARGET` names, which CI runs as a regression check; `--write-seeds FOLDER` writes the
// seeds rendered from `ReportFixtures` (see `Seeds`).
import Foundation

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
        let targets = FuzzTarget.selected
        #if FUZZING
        print("fuzzing \(targets.map(\.rawValue).joined(separator: ", "))")
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            runFuzzerDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                for target in FuzzTarget.selected { target.run(bytes) }
                return 0
            }
        )
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == "--write-seeds" {
            Seeds.write(to: URL(fileURLWithPath: arguments[1]))
            return
        }
        var replayed = 0
        for argument in arguments {
            let url = URL(fileURLWithPath: argument)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            let files =
                isFolder.boolValue
                ? (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [] : [url]
            for file in files.sorted(by: { $0.path < $1.path }) {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                for target in targets { target.run(Array(data)) }
                replayed += 1
            }
        }
        print("replayed \(replayed) inputs through \(targets.map(\.rawValue).joined(separator: ", ")) without a crash")
        #endif
    }
}
