#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level text primitives for the hot paths: searching, trimming and splitting lines as UTF-8
/// bytes, with the same results as the `Character`-based operations they replace.
extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes contain `pattern`.
    func containsBytes(of pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        firstRange(of: pattern, from: 0) != nil
    }

    /// Where `pattern` first occurs at or after `start`. Looks for the pattern's last byte with
    /// `memchr`: in UTF-8 Chinese text the last byte of a character varies far more than its lead.
    func firstRange(of pattern: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        guard let last = pattern.last else { return start..<start }
        guard count - start >= pattern.count, let base = baseAddress, let needle = pattern.baseAddress else {
            return nil
        }
        var offset = start + pattern.count - 1
        while offset < count {
            guard let hit = memchr(base + offset, Int32(last), count - offset) else { return nil }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if memcmp(base + end - pattern.count, needle, pattern.count) == 0 { return end - pattern.count..<end }
            offset = end
        }
        return nil
    }

    /// Where `pattern` first occurs at or after `start` as whole `Character`s, as a search by
    /// `Character`s finds it. The pattern's characters must be plain ones: no combining marks,
    /// no other canonically equivalent spellings.
    func firstCharacterRange(of pattern: String, from start: Int) -> Range<Int>? {
        var start = start
        while let range = pattern.withUTF8Bytes({ firstRange(of: $0, from: start) }) {
            let whole = 0..<count
            if isCharacterBoundary(at: range.lowerBound, in: whole)
                && isCharacterBoundary(at: range.upperBound, in: whole)
            {
                return range
            }
            start = range.lowerBound + 1
        }
        return nil
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
        guard index < count, predicate(scalar(at: index)) else { return nil }
        let next = index + UTF8.scalarWidth(lead: self[index])
        return isCharacterBoundary(at: next, in: 0..<count) ? next - index : nil
    }

    /// Whether the ASCII character at `index` is a `Character` of its own within `bounds`: not
    /// joined to a combining mark after it or to a prepended mark before it. A separator that is
    /// not one is no separator for `Character`-based splitting, and must not be for ours either.
    func isLoneCharacter(at index: Int, in bounds: Range<Int>) -> Bool {
        // ASCII neighbours (the usual case) never join it.
        let asciiBefore = index == bounds.lowerBound || self[index - 1] < 0x80
        let asciiAfter = index + 1 == bounds.upperBound || self[index + 1] < 0x80
        return asciiBefore && asciiAfter
            || isCharacterBoundary(at: index, in: bounds) && isCharacterBoundary(at: index + 1, in: bounds)
    }

    /// Whether `Character`s of the text `self[bounds]` break at `index`, which must be a scalar
    /// boundary next to a plain scalar (one that is not itself a mark, a joiner or part of an emoji
    /// or flag sequence): then only the two scalars around `index` decide.
    func isCharacterBoundary(at index: Int, in bounds: Range<Int>) -> Bool {
        guard index > bounds.lowerBound, index < bounds.upperBound else { return true }
        let before = leadIndex(before: index)
        if !Self.mayPrepend(lead: self[before]) && !Self.mayExtend(lead: self[index]) { return true }
        // Rare: let the standard library's grapheme breaking decide.
        var scalars = String.UnicodeScalarView()
        scalars.append(scalar(at: before))
        scalars.append(scalar(at: index))
        return String(scalars).count == 2
    }

    /// The index of the lead byte of the scalar that ends right before `end`.
    private func leadIndex(before end: Int) -> Int {
        var index = end - 1
        while index > 0 && self[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// The scalar that ends right before `end` (which must be a scalar boundary after the start).
    func scalar(before end: Int) -> Unicode.Scalar {
        scalar(at: leadIndex(before: end))
    }

    /// The first scalar at or after `index` that is not `skipped`, or `nil` at the end.
    func firstScalar(from index: Int, skipping skipped: Unicode.Scalar) -> Unicode.Scalar? {
        var index = index
        while index < count {
            let found = scalar(at: index)
            if found != skipped { return found }
            index += UTF8.scalarWidth(lead: self[index])
        }
        return nil
    }

    /// The first bytes of the text, at most `limit`, ending on a scalar boundary.
    func prefixOnScalarBoundary(_ limit: Int) -> [UInt8] {
        guard count > limit else { return Array(self) }
        var end = limit
        while end > 0 && self[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(self[..<end])
    }

    /// The last bytes of the text, at most `limit`, starting on a scalar boundary.
    func suffixOnScalarBoundary(_ limit: Int) -> [UInt8] {
        var start = Swift.max(0, count - limit)
        while start < count && self[start] & 0xC0 == 0x80 { start += 1 }
        return Array(self[start...])
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
