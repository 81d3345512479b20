import Foundation
import SystemPackage
import Testing

@testable import SyncEngine

/// `source.name` and `source.nameEncoding` as `docs/record.md` spells them, and back to the bytes.
@Suite struct NameEncodingTests {
    @Test(
        arguments: [
            (Array("hubei/年度报告.txt".utf8), "hubei/年度报告.txt", nil),
            // GBK, as Windows clients, Samba shares and zip files made on Windows write names.
            ([0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8), "报告.txt", .gb18030),
            // Valid in no encoding: 0x80 alone decodes as € in GBK, but no GB18030 text encodes back to it.
            (Array("a".utf8) + [0xFF, 0x80] + Array("年.txt".utf8), "a%FF%80年.txt", .bytes),
            // `%` is escaped too in such a name, so that `%C3` written by the sender stays apart from the byte.
            (Array("%C3".utf8) + [0xFF], "%25C3%FF", .bytes),
            (Array("line\none.txt".utf8), "line\none.txt", nil),
        ] as [([UInt8], String, NameEncoding?)]
    )
    func namesAreSpelledAndReadBack(bytes: [UInt8], name: String, encoding: NameEncoding?) {
        let spelling = NameEncoding.spelling(of: bytes)
        #expect(spelling.name == name)
        #expect(spelling.encoding == encoding)
        #expect(NameEncoding.bytes(of: name, in: encoding) == bytes)
        let source = ChangeEvent.Source(path: FilePath(bytes: bytes), sha256: "s")
        #expect(source.path.bytes == bytes)
    }

    @Test func nameEncodingIsAbsentForUTF8Names() throws {
        let utf8 = ChangeEvent(seq: 1, time: "t", event: .rejected, source: .init(path: "a.txt", sha256: "s"))
        #expect(!String(decoding: utf8.jsonLine(), as: UTF8.self).contains("nameEncoding"))
        let gbk = ChangeEvent(
            seq: 2,
            time: "t",
            event: .rejected,
            source: .init(path: FilePath(bytes: [0xB1, 0xA8]), sha256: "s")
        )
        let object = try JSONSerialization.jsonObject(with: Data(gbk.jsonLine())) as! [String: Any]
        #expect(object["source"] as? [String: String] == ["name": "报", "nameEncoding": "gb18030", "sha256": "s"])
        #expect(try ChangeEvent(jsonLine: gbk.jsonLine()) == gbk)
    }
}
