import Testing

@testable import ReportCore

/// The counts of 规章 and 规范性文件 that 总体情况 states, as offices phrase them.
struct StatedDocumentCountsTests {
    /// The stated counts of `prose` by dotted key.
    static func stated(_ prose: [String], edition: Edition = .edition2021) -> [String: Int] {
        let cells = StatedDocumentCounts.cells(overview: prose[...], edition: edition)
        return Dictionary(uniqueKeysWithValues: cells.map { (Template.cellKeys[$0.key], $0.value) })
    }

    @Test func theDocumentAndTheVerbCarryOverWithinASentence() {
        #expect(
            Self.stated(["本年度制发行政规范性文件62件，废止33件，现行有效440件。"]) == [
                "active.normativeDocuments.issued": 62, "active.normativeDocuments.repealed": 33,
                "active.normativeDocuments.inForce": 440,
            ]
        )
        #expect(
            Self.stated(["全年制发规章2件、行政规范性文件60件；现行有效规章15件。"]) == [
                "active.rules.issued": 2, "active.normativeDocuments.issued": 60, "active.rules.inForce": 15,
            ]
        )
    }

    @Test func aNewSentenceForgetsTheDocument() {
        #expect(Self.stated(["制发行政规范性文件5件。废止12件。"]) == ["active.normativeDocuments.issued": 5])
    }

    @Test func rulesAndSystemsAreNoRulesAndOtherCountsAreNotTaken() {
        #expect(Self.stated(["健全规章制度3项，制发文件12件，受理申请9件。"]).isEmpty)
        #expect(Self.stated(["2024年，清理规范性文件128件。"]).isEmpty)
    }

    @Test func theTrialEditionCallsIssuedMade() {
        #expect(
            Self.stated(["本年新制作规范性文件8件。"], edition: .trial2019) == ["active.normativeDocuments.made": 8]
        )
    }
}
