import Foundation
import Testing

@testable import ReportCore

/// The content hash is taken over ``CanonicalJSONWriter``'s bytes, which must stay exactly what
/// `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`.
struct CanonicalJSONWriterTests {
    /// Every control character, quotes, backslashes, slashes, DEL and non-ASCII text.
    static let trickyText: String = {
        var text = "\"引号\" \\反斜杠\\ a/b </script> é e\u{301} 😀 \u{7F} \u{2028} \u{FEFF}"
        text.unicodeScalars.append(contentsOf: (0..<0x20).map { Unicode.Scalar(UInt8($0)) })
        return text
    }()

    static func content(
        agency: String,
        sections: Record.Sections,
        active: ActiveTable = .edition2021(tables.active)
    ) -> CanonicalContent {
        let tables = Self.tables
        return CanonicalContent(
            agency: agency,
            year: 2024,
            active: active,
            requests: tables.requests,
            reviews: tables.reviews,
            sections: sections
        )
    }

    @Test(arguments: [
        content(agency: trickyText, sections: .init(overview: trickyText, problems: "", other: "/")),
        content(agency: "青山区人民政府", sections: .init(overview: "总体情况。", problems: "问题\n", other: "\t")),
        content(agency: "平潭综合实验区", sections: .init(overview: "总体情况。", problems: "", other: ""), active: trialActive),
    ])
    func writesWhatJSONEncoderWrites(_ content: CanonicalContent) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = [UInt8](try encoder.encode(content))
        #expect(String(decoding: content.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(content.bytes == expected)
    }

    /// A 2019 trial edition table 2 with every count distinct, signed changes and the extremes of `Int`.
    static let trialActive = ActiveTable.trial2019(
        TrialActiveDisclosure(
            counts: (0..<21).map { index in
                index == 7
                    ? Int.min : index == 20 ? Int.max : [10, 13, 16, 19].contains(index) ? -3 * index : 11 * index
            },
            amountYuan: "73802895.9"
        )
    )

    /// Tables with every cell distinct, and the extremes of `Int` in two of them.
    static let tables: (active: ActiveDisclosure, requests: Requests, reviews: Reviews) = {
        var next = -3
        func value() -> Int {
            next += 7
            return next
        }
        let counts = { ActiveDisclosure.DocumentCounts(issued: value(), repealed: value(), inForce: value()) }
        let active = ActiveDisclosure(
            rules: counts(),
            normativeDocuments: counts(),
            licensing: Int.min,
            punishment: Int.max,
            coercion: 0,
            feesTenThousandYuan: "5087.94"
        )
        let requests = Requests(rows: (0..<25).map { _ in ApplicantCounts(columns: (0..<7).map { _ in value() }) })
        let groups = (0..<3).map { _ in ReviewOutcomes(columns: (0..<5).map { _ in value() }) }
        let reviews = Reviews(review: groups[0], litigationDirect: groups[1], litigationAfterReview: groups[2])
        return (active, requests, reviews)
    }()
}
