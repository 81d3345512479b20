/// One entry of a zip archive, found through its local file header: all a .docx part needs.
///
/// ReportCore reads zip archives this way rather than through a zip library: ZIPFoundation 0.9.20,
/// tried first, traps on an offset past the end of an in-memory archive and inflates a truncated
/// stream forever, and hostile files must give a refusal, never a crash or a hang. A deflated entry needs no size (the
/// stream ends by itself), so entries followed by a data descriptor read too.
package struct ZipLocalEntry {
    /// The compression method: 0 stored, 8 deflated.
    private var method: Int
    /// Whether the entry is encrypted (general-purpose flag bit 0).
    private var isEncrypted: Bool
    /// The stored size the local header records (0 when a data descriptor follows the data).
    private var storedSize: Int
    /// The entry's data and everything after it in the archive.
    private var data: ArraySlice<UInt8>

    /// The first entry named `name` in the zip archive `bytes`, or `nil` when there is none.
    package init?(named name: String, in bytes: [UInt8]) {
        let name = Array(name.utf8)
        let field = { (offset: Int, size: Int) in
            bytes[offset..<(offset + size)].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        var header = 0
        while header + 30 + name.count <= bytes.count {
            defer { header += 1 }
            guard bytes[header] == 0x50, bytes[header + 1] == 0x4B, bytes[header + 2] == 0x03,
                bytes[header + 3] == 0x04, field(header + 26, 2) == name.count,
                bytes[(header + 30)..<(header + 30 + name.count)].elementsEqual(name)
            else { continue }
            let start = header + 30 + name.count + field(header + 28, 2)
            guard start <= bytes.count else { return nil }
            method = field(header + 8, 2)
            isEncrypted = field(header + 6, 2) & 1 != 0
            storedSize = field(header + 18, 4)
            data = bytes[start...]
            return
        }
        return nil
    }

    /// The entry's contents, at most `limit` bytes of them.
    package func contents(limit: Int) throws(RawInflate.Failure) -> [UInt8] {
        guard !isEncrypted else { throw .corrupted }
        switch method {
        case 8:
            return try RawInflate.inflate(data, limit: limit)
        case 0:
            guard storedSize <= limit else { throw .tooLarge }
            guard storedSize > 0, storedSize <= data.count else { throw .corrupted }
            return Array(data.prefix(storedSize))
        default:
            throw .corrupted
        }
    }
}
