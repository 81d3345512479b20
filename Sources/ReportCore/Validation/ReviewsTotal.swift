extension Validator {
    /// `reviews.total`: in each group of table 4, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    static func reviewsTotal(_ cells: TableCells) -> [Finding] {
        let groupNames = Template.reviewGroupTitles
        return Template.reviewGroups.indices.compactMap { group in
            let totalColumn = Template.reviewColumns.count - 1
            let parts = (0..<totalColumn).map { Template.reviewCell(group: group, column: $0) }
            let total = Template.reviewCell(group: group, column: totalColumn)
            let sum = parts.reduce(0) { $0 + cells.counts[$1] }
            guard sum != cells.counts[total] else { return nil }
            return finding(
                "reviews.total",
                "表四「\(groupNames[group])」：总计 \(cells.counts[total])，但维持、纠正、其他、尚未审结之和为 \(sum)",
                cells: [total] + parts,
                in: cells
            )
        }
    }
}
