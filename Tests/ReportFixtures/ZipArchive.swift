import CZlib

/// Writes a zip archive in memory, as Word writes a .docx: a local header before each entry's data,
/// then the central directory and its end record. Entries are deflated (method 8) or stored (0), with
/// their CRC-32 and sizes in both headers; times and dates are 0, so the same entries always give the
/// same bytes. (ReportCore's reader only needs the local header; the real Word files of the
/// SyncEngineTests fixtures check it against another writer.)
public enum ZipArchive {
    public enum Method: Int, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// An archive of `entries`, in the order given.
    public static func bytes(_ entries: [(path: String, contents: [UInt8])], method: Method = .deflated) -> [UInt8] {
        var archive: [UInt8] = []
        var directory: [UInt8] = []
        for (path, contents) in entries {
            let name = Array(path.utf8)
            let data = method == .deflated ? rawDeflate(contents) : contents
            // Version 2.0; no flags; method; time and date 0; CRC-32; both sizes; name length; no extra.
            let common =
                littleEndian(20, 2) + littleEndian(0, 2) + littleEndian(method.rawValue, 2) + littleEndian(0, 4)
                + littleEndian(Int(checksum(contents)), 4) + littleEndian(data.count, 4)
                + littleEndian(contents.count, 4) + littleEndian(name.count, 2) + littleEndian(0, 2)
            // Made by version 2.0; no comment, disk 0, no internal or external attributes; the local
            // header's offset.
            directory +=
                [0x50, 0x4B, 0x01, 0x02] + littleEndian(20, 2) + common + littleEndian(0, 10)
                + littleEndian(archive.count, 4) + name
            archive += [0x50, 0x4B, 0x03, 0x04] + common + name + data
        }
        // The end of the central directory: disk 0, entries on this disk and in all, its size and offset.
        let end =
            [0x50, 0x4B, 0x05, 0x06] + littleEndian(0, 4) + littleEndian(entries.count, 2)
            + littleEndian(entries.count, 2) + littleEndian(directory.count, 4) + littleEndian(archive.count, 4)
            + littleEndian(0, 2)
        return archive + directory + end
    }

    private static func littleEndian(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
    }

    /// `bytes` as a raw deflate stream (no zlib header), as zip stores it.
    private static func rawDeflate(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let level = Z_DEFAULT_COMPRESSION
        let status = deflateInit2_(
            &stream,
            level,
            Z_DEFLATED,
            -MAX_WBITS,
            8,
            Z_DEFAULT_STRATEGY,
            ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)
        )
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflateBound leaves room for all")
                return output.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }
}
