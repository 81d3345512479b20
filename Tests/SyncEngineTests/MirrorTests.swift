import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct MirrorTests {
    private let mirror = Mirror(root: "/m")

    @Test(arguments: [
        ("青山区人民政府", "/m/records/2024/青山区人民政府.json"),
        ("a/b", "/m/records/2024/a_b.json"),
        ("../../etc", "/m/records/2024/.._.._etc.json"),
        ("x\ny\u{7}", "/m/records/2024/x_y_.json"),
        (".", "/m/records/2024/_..json"),
        ("..", "/m/records/2024/_...json"),
    ])
    func agencyNamesNeverLeaveTheYearFolder(agency: String, path: String) {
        #expect(mirror.recordPath(agency: agency, year: 2024) == FilePath(path))
    }
}
