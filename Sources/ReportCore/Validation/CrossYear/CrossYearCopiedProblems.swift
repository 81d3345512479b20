/// `crossYear.copiedProblems` (warning, 内容雷同): section 五 (存在的主要问题及改进情况,
/// `sections.problems`) is at least 80 % the same as the agency's previous year's, or as another
/// agency's of the same year, by the Jaccard similarity of the character 5-gram sets of the
/// canonical section text. Sections of fewer than 20 shingles are not compared.
enum CrossYearCopiedProblems {
    static let rule = "crossYear.copiedProblems"
    static let threshold = 0.8

    /// The finding about `current` when its section 五 repeats `previous`'s (the same agency, the
    /// year before).
    static func check(previous: Record, current: Record) -> CrossYearFinding? {
        let before = ProblemShingles(previous.sections.problems)
        let now = ProblemShingles(current.sections.problems)
        guard before.isComparable, now.isComparable else { return nil }
        let similarity = now.jaccard(before)
        guard similarity >= threshold else { return nil }
        return finding(about: current, copying: previous, similarity: similarity, sameAgency: true)
    }

    /// For each record of `records` (one year's reports, one per agency) whose section 五 is at least
    /// 80 % the same as another agency's: one finding, naming the most similar other record.
    ///
    /// Identical sections are grouped first; the distinct texts are joined by ``ShingleJoin``, never
    /// pair by pair.
    static func sameYear(_ records: [Record]) -> [CrossYearFinding] {
        var groups: [String: [Int]] = [:]
        for (index, record) in records.enumerated() { groups[record.sections.problems, default: []].append(index) }
        let texts = Array(groups.keys)
        let shingles = texts.map { text -> ProblemShingles? in
            let shingles = ProblemShingles(text)
            return shingles.isComparable ? shingles : nil
        }
        // The best match of each record: (similarity, other record), the higher similarity winning,
        // then the first agency in order.
        var best: [Int: (similarity: Double, other: Int)] = [:]
        func offer(_ record: Int, _ other: Int, _ similarity: Double) {
            if let known = best[record],
                known.similarity > similarity
                    || known.similarity == similarity && records[known.other].agency <= records[other].agency
            {
                return
            }
            best[record] = (similarity, other)
        }
        // Identical sections: each copies the first other agency of its group.
        for (position, text) in texts.enumerated() where shingles[position] != nil {
            let members = groups[text]!.sorted { records[$0].agency < records[$1].agency }
            guard members.count > 1 else { continue }
            for member in members { offer(member, member == members[0] ? members[1] : members[0], 1) }
        }
        for pair in ShingleJoin(threshold: threshold).pairs(shingles) {
            for first in groups[texts[pair.first]]! {
                for second in groups[texts[pair.second]]! {
                    offer(first, second, pair.similarity)
                    offer(second, first, pair.similarity)
                }
            }
        }
        return best.keys.sorted().map { index in
            let (similarity, other) = best[index]!
            return finding(about: records[index], copying: records[other], similarity: similarity, sameAgency: false)
        }
    }

    private static func finding(
        about record: Record,
        copying other: Record,
        similarity: Double,
        sameAgency: Bool
    ) -> CrossYearFinding {
        let percent = Int((similarity * 100).rounded(.down))
        let whose = sameAgency ? "本单位\(other.year)年报告" : "\(other.agency)\(other.year)年报告"
        return CrossYearFinding(
            record: .init(record),
            other: .init(other),
            finding: Finding(
                rule: rule,
                severity: .warning,
                message: "五、存在的主要问题及改进情况与\(whose)的同一部分 \(percent)% 相同（5字片段 Jaccard 相似度），疑似内容雷同",
                cells: ["sections.problems"],
                sourceLines: []
            )
        )
    }
}
