/// The comparable form of a label: what is left when everything that varies without meaning is
/// taken away. Whitespace inside labels ("自 然 人"), traditional characters, the OCR misreading
/// 法入 for 法人, and (with ``strippingNumbering(_:)``) list numbering like 一、 （三） 2. are folded,
/// so that labels are found by their words, not by their exact spelling.
enum LabelKey {
    /// `text` without whitespace, `|` fillers, or traditional characters.
    static func of<S: StringProtocol>(_ text: S) -> String {
        text.withUTF8Bytes { source in
            guard !source.isEmpty else { return "" }
            return String(unsafeUninitializedCapacity: source.count) { key in
                write(source, to: key.baseAddress!)
            }
        }
    }

    /// Calls `body` with the key of `text` as UTF-8 bytes, without making a string of it.
    static func withKey<S: StringProtocol, Result>(
        of text: S,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try text.withUTF8Bytes { try withKey(ofUTF8: $0, body) }
    }

    /// Calls `body` with the key of the UTF-8 text `text`, without making a string of it.
    static func withKey<Result>(
        ofUTF8 text: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(text.count, 1)) { key in
            let length = write(text, to: key.baseAddress!)
            return try body(UnsafeBufferPointer(rebasing: key[..<length]))
        }
    }

    /// Writes the key of the UTF-8 text `source` to `key`, which has room for `source.count` bytes
    /// (a key is never longer than its text); returns the key's length.
    ///
    /// Works on the bytes: ASCII and the 3-byte CJK ideographs (all the words of a label) are
    /// handled inline, other scalars are copied as they are.
    static func write(_ source: UnsafeBufferPointer<UInt8>, to key: UnsafeMutablePointer<UInt8>) -> Int {
        let simplifiedForms = Self.simplifiedForms
        var length = 0
        var previousIsFa = false
        var index = 0
        while index < source.count {
            let lead = source[index]
            if lead < 0x80 {
                index += 1
                if lead == 0x20 || (0x09...0x0D).contains(lead) || lead == UInt8(ascii: "|") { continue }
                key[length] = lead
                length += 1
                previousIsFa = false
                continue
            }
            if (0xE4...0xE9).contains(lead) {
                var value =
                    UInt32(lead & 0x0F) << 12 | UInt32(source[index + 1] & 0x3F) << 6 | UInt32(source[index + 2] & 0x3F)
                if value >= cjkStart, case let simplified = simplifiedForms[Int(value - cjkStart)], simplified != 0 {
                    value = UInt32(simplified)
                }
                let isFa = value == fa
                if previousIsFa && value == ru { value = ren }
                previousIsFa = isFa
                key[length] = 0xE0 | UInt8(value >> 12)
                key[length + 1] = 0x80 | UInt8(value >> 6 & 0x3F)
                key[length + 2] = 0x80 | UInt8(value & 0x3F)
                length += 3
                index += 3
                continue
            }
            let width = source.layoutSpaceWidth(at: index)
            if width > 0 {
                index += width
                continue
            }
            let scalarWidth = UTF8.scalarWidth(lead: lead)
            for offset in 0..<scalarWidth { key[length + offset] = source[index + offset] }
            length += scalarWidth
            index += scalarWidth
            previousIsFa = false
        }
        return length
    }

    /// `text` without the characters its key leaves out (white space, `|` fillers), and nothing
    /// folded: the agency as written, character for character beside its key.
    static func plain<S: StringProtocol>(of text: S) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.isLayoutSpace && $0 != "|" }))
    }

    /// `text` with its traditional characters in their simplified form and nothing else changed: the
    /// same length in UTF-8, so offsets found in it hold in `text`.
    static func simplified(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (cjkStart..<0xA000).contains(scalar.value),
                case let form = simplifiedForms[Int(scalar.value - cjkStart)],
                form != 0, let simplified = Unicode.Scalar(UInt32(form))
            {
                scalars.append(simplified)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// 法, 入 and 人: the OCR misreading 法入 is folded to 法人.
    private static let fa: UInt32 = 0x6CD5
    private static let ru: UInt32 = 0x5165
    private static let ren: UInt32 = 0x4EBA

    /// `key` without its leading list numbering: 一、 二. （三） (3) 1. 2、 and the like, repeated.
    static func strippingNumbering(_ key: String) -> Substring {
        key[utf8Offsets: key.withUTF8Bytes(numberingLength)..<key.utf8.count]
    }

    /// The length in bytes of the list numbering that `key` starts with. It is read by characters
    /// (`Character`s), as a person would: a numeral or separator with a combining mark on it is
    /// another character and ends the numbering.
    private static func numberingLength(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        while start < key.count {
            var end = start
            while let width = key.characterWidth(at: end, where: isNumeral) { end += width }
            if end > start, let width = key.characterWidth(at: end, where: isSeparator) {
                start = end + width
                continue
            }
            if let open = key.characterWidth(at: start, where: { $0 == "(" }) {
                end = start + open
                while let width = key.characterWidth(at: end, where: { isNumeral($0) || isDigit($0) }) { end += width }
                if end > start + open, let close = key.characterWidth(at: end, where: { $0 == ")" }) {
                    start = end + close
                    continue
                }
            }
            end = start
            while let width = key.characterWidth(at: end, where: isDigit) { end += width }
            if end > start, let width = key.characterWidth(at: end, where: isSeparator) {
                start = end + width
                continue
            }
            break
        }
        return start
    }

    /// 一 to 十; U+F9D1 is a compatibility form of 六 and equal to it as a `Character`.
    private static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "\u{F9D1}": true
        default: false
        }
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "、" || scalar == "."
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    /// Traditional forms of the characters the template's labels and headings use.
    private static let traditionalToSimplified: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs =
            "體体開开資资訊讯請请數数結结處处國国機机關关務务審审計计總总復复覆复議议訟讼維维糾纠費费規规範范廢废現现"
            + "許许製制發发項项條条業业構构會会組组織织護护權权內内過过執执詢询補补確确訪访舉举報报訴诉類类轉转繼继續续"
            + "辦办與与無无實实況况單单稱称負负責责簽签專专門门網网絡络對对應应據据統统間间問问題题進进聯联級级縣县區区"
            + "鄉乡鎮镇廳厅產产價价獲获屬属險险穩稳龍龙東东軍軍個个號号歸归錄录導导師师環环衛卫盤盘點点齊齐"
            + "決决強强徵征稅税獨独誤误營营際际質质態态濟济傳传黨党於于"
            + "萬万為为們们動动後后員员堅坚夠够學学寧宁將将當当時时術术來来標标欄栏沒没澤泽納纳經经繳缴罰罚認认訓训讀读載载較较還还這这鏈链頁页額额"
            // The forms OpenCC gives these words in context (行政複議, 減少, 並且…).
            + "豐丰爲为書书億亿衆众優优餘余寫写準准減减協协臺台圖图場场複复層层屆届歲岁佈布並并戶户掃扫顯显暫暂覈核"
            + "檢检滿满監监種种祕秘籤签係系羣群見见設设詳详賬账購购連连採采銷销閉闭陽阳"
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        var iterator = pairs.unicodeScalars.makeIterator()
        while let traditional = iterator.next(), let simplified = iterator.next() {
            if traditional != simplified { table[traditional] = simplified }
        }
        return table
    }()

    /// The first code point of the table below: CJK Unified Ideographs start here.
    private static let cjkStart: UInt32 = 0x4E00

    /// One entry per CJK ideograph: its simplified form when it is a key of
    /// `traditionalToSimplified`, else 0. (A lookup table keeps the per-character cost of `of(_:)`
    /// to one array access.)
    private static let simplifiedForms: [UInt16] = {
        var forms = [UInt16](repeating: 0, count: 0xA000 - 0x4E00)
        for (traditional, simplified) in traditionalToSimplified where (0x4E00..<0xA000).contains(traditional.value) {
            forms[Int(traditional.value - 0x4E00)] = UInt16(simplified.value)
        }
        return forms
    }()
}
