#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level text primitives for the hot paths: searching, trimming and splitting lines as UTF-8
/// bytes, with the same results as the `Character`-based operations they replace.
extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes contain `pattern`. Looks for the pattern's last byte with `memchr`: in
    /// UTF-8 Chinese text the last byte of a character varies far more than its lead byte.
    func containsBytes(of pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = pattern.last else { return true }
        guard count >= pattern.count, let base = baseAddress, let needle = pattern.baseAddress else {
            return false
        }
        var offset = pattern.count - 1
        while offset < count {
            guard let hit = memchr(base + offset, Int32(last), count - offset) else { return false }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if memcmp(base + end - pattern.count, needle, pattern.count) == 0 { return true }
            offset = end
        }
        return false
    }

    /// Whether the bytes contain `byte` (with `memchr`, much faster than `contains` on long text).
    func containsByte(_ byte: UInt8) -> Bool {
        guard let base = baseAddress else { return false }
        return memchr(base, Int32(byte), count) != nil
    }

    /// Whether the bytes contain the UTF-8 bytes of `needle`.
    func containsBytes(of needle: String) -> Bool {
        needle.withUTF8Bytes { containsBytes(of: $0) }
    }

    /// Whether the bytes end with the UTF-8 bytes of `suffix`.
    func hasSuffix(bytesOf suffix: String) -> Bool {
        suffix.withUTF8Bytes { suffix in
            suffix.count <= count
                && UnsafeBufferPointer(rebasing: self[(count - suffix.count)...]).elementsEqual(suffix)
        }
    }

    /// `bounds` without the white space (see ``Unicode/Scalar/isLayoutSpace``) at either end.
    func trimmedBounds(_ bounds: Range<Int>) -> Range<Int> {
        var start = bounds.lowerBound
        var end = bounds.upperBound
        while start < end {
            let width = layoutSpaceWidth(at: start)
            if width == 0 { break }
            start += width
        }
        while end > start {
            let width = layoutSpaceWidth(endingAt: end)
            if width == 0 { break }
            end -= width
        }
        return start..<end
    }

    /// The length of the layout space starting at `index`, 0 when there is none.
    func layoutSpaceWidth(at index: Int) -> Int {
        switch self[index] {
        case 0x20, 0x09...0x0D: 1
        case 0xC2 where index + 1 < count && self[index + 1] == 0xA0: 2
        case 0xE3 where index + 2 < count && self[index + 1] == 0x80 && self[index + 2] == 0x80: 3
        default: 0
        }
    }

    /// The length of the layout space ending right before `end`, 0 when there is none.
    private func layoutSpaceWidth(endingAt end: Int) -> Int {
        switch self[end - 1] {
        case 0x20, 0x09...0x0D: 1
        case 0xA0 where end >= 2 && self[end - 2] == 0xC2: 2
        case 0x80 where end >= 3 && self[end - 2] == 0x80 && self[end - 3] == 0xE3: 3
        default: 0
        }
    }

    /// The width of the scalar at `index` when it satisfies `predicate` and is a `Character` of its
    /// own (no combining mark joins it), else `nil`. The scalar before `index`, if any, must end a
    /// `Character`.
    func characterWidth(at index: Int, where predicate: (Unicode.Scalar) -> Bool) -> Int? {
        guard index < count else { return nil }
        let scalar = scalar(at: index)
        guard predicate(scalar) else { return nil }
        let next = index + UTF8.scalarWidth(lead: self[index])
        guard next < count, Self.mayExtend(lead: self[next]) else { return next - index }
        // Rare: let the standard library's grapheme breaking decide.
        var scalars = String.UnicodeScalarView()
        scalars.append(scalar)
        scalars.append(self.scalar(at: next))
        return String(scalars).count == 2 ? next - index : nil
    }

    /// Whether the ASCII character at `index` is a `Character` of its own within `bounds`: not
    /// joined to a combining mark after it or to a prepended mark before it. A separator that is
    /// not one is no separator for `Character`-based splitting, and must not be for ours either.
    func isLoneCharacter(at index: Int, in bounds: Range<Int>) -> Bool {
        let after = index + 1
        let plainBefore = index == bounds.lowerBound || !Self.mayPrepend(lead: self[leadIndex(before: index)])
        let plainAfter = after == bounds.upperBound || !Self.mayExtend(lead: self[after])
        if plainBefore && plainAfter { return true }
        // Rare: let the standard library's grapheme breaking decide.
        var scalars = String.UnicodeScalarView()
        if index > bounds.lowerBound { scalars.append(scalar(at: leadIndex(before: index))) }
        scalars.append(Unicode.Scalar(self[index]))
        if after < bounds.upperBound { scalars.append(scalar(at: after)) }
        return String(scalars).count == scalars.count
    }

    /// The index of the lead byte of the scalar that ends right before `end`.
    private func leadIndex(before end: Int) -> Int {
        var index = end - 1
        while index > 0 && self[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// The scalar whose lead byte is at `index`.
    func scalar(at index: Int) -> Unicode.Scalar {
        let lead = self[index]
        let width = UTF8.scalarWidth(lead: lead)
        var value = width == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> width)
        for offset in 1..<width { value = value << 6 | UInt32(self[index + offset] & 0x3F) }
        return Unicode.Scalar(value)!
    }

    /// Whether the scalar with this lead byte may join the character before it (grapheme extenders,
    /// ZWJ and spacing marks start at U+0300; CJK ideographs U+4000…U+9FFF never do).
    private static func mayExtend(lead: UInt8) -> Bool {
        lead >= 0xCC && !(0xE4...0xE9).contains(lead)
    }

    /// Whether the scalar with this lead byte may join the character after it (prepended
    /// concatenation marks and the like start at U+0600 and stop before U+1000 in the BMP).
    private static func mayPrepend(lead: UInt8) -> Bool {
        (0xD8...0xE0).contains(lead) || lead >= 0xF0
    }
}

extension UTF8 {
    /// The number of bytes of the scalar whose lead byte is `lead` (in valid UTF-8).
    static func scalarWidth(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
