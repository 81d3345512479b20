/// The comparable form of a label: what is left when everything that varies without meaning is
/// taken away. Whitespace inside labels ("自 然 人"), traditional characters, the OCR misreading
/// 法入 for 法人, and (with ``strippingNumbering(_:)``) list numbering like 一、 （三） 2. are folded,
/// so that labels are found by their words, not by their exact spelling.
enum LabelKey {
    /// `text` without whitespace, `|` fillers, or traditional characters.
    static func of<S: StringProtocol>(_ text: S) -> String {
        var key = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar.isLayoutSpace || scalar == "|" { continue }
            var folded = scalar
            if (cjkStart..<cjkStart + UInt32(isTraditional.count)).contains(scalar.value),
                isTraditional[Int(scalar.value - cjkStart)]
            {
                folded = traditionalToSimplified[scalar]!
            }
            key.append(previous == "法" && folded == "入" ? "人" : folded)
            previous = folded
        }
        return String(key)
    }

    /// `key` without its leading list numbering: 一、 二. （三） (3) 1. 2、 and the like, repeated.
    static func strippingNumbering(_ key: String) -> Substring {
        var rest = Substring(key)
        while true {
            if let first = rest.first, chineseNumerals.contains(first) {
                let afterNumeral = rest.drop { chineseNumerals.contains($0) }
                if let separator = afterNumeral.first, separator == "、" || separator == "." {
                    rest = afterNumeral.dropFirst()
                    continue
                }
            }
            if rest.first == "(" {
                let inner = rest.dropFirst().prefix { chineseNumerals.contains($0) || $0.isASCII && $0.isNumber }
                if !inner.isEmpty, rest.dropFirst(1 + inner.count).first == ")" {
                    rest = rest.dropFirst(2 + inner.count)
                    continue
                }
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let separator = rest.dropFirst(digits.count).first, "、.".contains(separator) {
                rest = rest.dropFirst(digits.count + 1)
                continue
            }
            return rest
        }
    }

    private static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Traditional forms of the characters the template's labels and headings use.
    private static let traditionalToSimplified: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs =
            "體体開开資资訊讯請请數数結结處处國国機机關关務务審审計计總总復复覆复議议訟讼維维糾纠費费規规範范廢废現现"
            + "許许製制發发項项條条業业構构會会組组織织護护權权內内過过執执詢询補补確确訪访舉举報报訴诉類类轉转繼继續续"
            + "辦办與与無无實实況况單单稱称負负責责簽签專专門门網网絡络對对應应據据統统間间問问題题進进聯联級级縣县區区"
            + "鄉乡鎮镇廳厅產产價价獲获屬属險险穩稳龍龙東东軍軍個个號号歸归錄录導导師师環环衛卫盤盘點点齊齐"
            + "決决強强徵征稅税獨独誤误營营際际質质態态濟济傳传黨党於于"
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        var iterator = pairs.unicodeScalars.makeIterator()
        while let traditional = iterator.next(), let simplified = iterator.next() {
            if traditional != simplified { table[traditional] = simplified }
        }
        return table
    }()

    /// The first code point of the table below: CJK Unified Ideographs start here.
    private static let cjkStart: UInt32 = 0x4E00

    /// One flag per CJK ideograph: is it a key of `traditionalToSimplified`? (A lookup table keeps
    /// the per-character cost of `of(_:)` to one array access.)
    private static let isTraditional: [Bool] = {
        var flags = [Bool](repeating: false, count: 0xA000 - 0x4E00)
        for scalar in traditionalToSimplified.keys where (0x4E00..<0xA000).contains(scalar.value) {
            flags[Int(scalar.value - 0x4E00)] = true
        }
        return flags
    }()
}
