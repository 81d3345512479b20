import CLibZ

/// Inflates a raw deflate stream (a zip entry's data) with zlib, refusing output beyond a limit.
///
/// zlib comes through the `CLibZ` system-library target (Debian `zlib1g-dev`).
package enum RawInflate {
    package enum Failure: Error {
        /// The output would exceed the limit.
        case tooLarge
        /// The stream is corrupted or ends before its last block (or, for a zip entry, is encrypted
        /// or compressed by a method other than deflate).
        case corrupted
    }

    /// The inflated bytes of `deflated`, at most `limit` of them.
    static func inflate(_ deflated: ArraySlice<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        guard deflated.count <= UInt32.max else { throw .tooLarge }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupted
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let result: Result<[UInt8], Failure> = deflated.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { window in
                    stream.next_out = window.baseAddress
                    stream.avail_out = UInt32(window.count)
                    return CLibZ.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = buffer.count - Int(stream.avail_out)
                guard output.count + produced <= limit else { return .failure(.tooLarge) }
                output += buffer[..<produced]
                // Z_OK always made progress; Z_BUF_ERROR means the input ended before the stream did.
                if status == Z_STREAM_END { return .success(output) }
                guard status == Z_OK else { return .failure(.corrupted) }
            }
        }
        return try result.get()
    }
}
