/// A table's cells as the nested object the record's JSON holds: the dotted keys of
/// `Template.cellKeys` split at their dots (`requests.denied.stateSecret.total`), each leaf a
/// `TableCells` index. Members are sorted by key as `JSONEncoder`'s `.sortedKeys` sorts them, so
/// the canonical JSON is written by walking the tree (`CanonicalJSONWriter`, through the root's
/// `steps`) and the record's typed tables are read through it (`CellTreeDecoder`): neither lists a
/// member of its own.
struct CellTree: Sendable {
    enum Node: Sendable {
        /// A count, by its `TableCells` index.
        case count(Int)
        /// A decimal (`Template.decimalCells`), by its `TableCells` index.
        case decimal(Int)
        case object(CellTree)
    }

    struct Member: Sendable {
        var key: String
        var node: Node
    }

    /// One step of writing the tree as JSON: a member that is a cell, or the start or end of a member
    /// that is an object. Keys are ranges of `keys`, so that writing retains nothing.
    enum Step: Sendable {
        case count(key: Range<Int>, cell: Int)
        case decimal(key: Range<Int>, cell: Int)
        case open(key: Range<Int>)
        case close
    }

    /// The members, in ascending order of their keys' UTF-8.
    private(set) var members: [Member] = []
    /// The root's members in writing order, nested objects flattened between `open` and `close`
    /// (empty below the root).
    private(set) var steps: [Step] = []
    /// The UTF-8 of every key the steps write.
    private(set) var keys: [UInt8] = []
    /// The cells of an object whose members are all counts in consecutive cells (a row of table 3, a
    /// group of table 4), in template order.
    private(set) var countRange: Range<Int>?

    /// The tree of `cells`, whose keys all start with `table` and a dot ("requests."), rooted below it.
    init(table: String, cells: some Sequence<Int>) {
        for cell in cells {
            let path = Template.cellKeys[cell].split(separator: ".")
            precondition(path.first.map(String.init) == table, "\(Template.cellKeys[cell]) is not in \(table)")
            insert(path.dropFirst(), cell: cell)
        }
        let root = self
        appendSteps(of: root)
    }

    private init() {}

    /// The member named `key`, if any.
    func member(_ key: String) -> Member? {
        members.first { $0.key == key }
    }

    private mutating func insert(_ path: ArraySlice<Substring>, cell: Int) {
        let key = String(path.first!)
        let index =
            members.firstIndex { $0.key == key }
            ?? addMember(key, path.count == 1 ? Self.leaf(cell) : .object(CellTree()))
        guard path.count > 1 else { return }
        guard case .object(var subtree) = members[index].node else {
            preconditionFailure("\(Template.cellKeys[cell]) goes below a cell")
        }
        subtree.insert(path.dropFirst(), cell: cell)
        subtree.countRange = subtree.consecutiveCounts()
        members[index].node = .object(subtree)
    }

    /// The range of the members' cells when they are all counts and fill it.
    private func consecutiveCounts() -> Range<Int>? {
        let cells = members.compactMap { member -> Int? in
            guard case .count(let cell) = member.node else { return nil }
            return cell
        }
        guard cells.count == members.count, let first = cells.min(), let last = cells.max(),
            last - first + 1 == cells.count
        else { return nil }
        return first..<last + 1
    }

    /// Adds a member where its key sorts, and returns its index.
    private mutating func addMember(_ key: String, _ node: Node) -> Int {
        let index = members.firstIndex { !$0.key.utf8.lexicographicallyPrecedes(key.utf8) } ?? members.endIndex
        members.insert(Member(key: key, node: node), at: index)
        return index
    }

    private mutating func appendSteps(of tree: CellTree) {
        for member in tree.members {
            let key = keys.count..<keys.count + member.key.utf8.count
            keys += member.key.utf8
            switch member.node {
            case .count(let cell): steps.append(.count(key: key, cell: cell))
            case .decimal(let cell): steps.append(.decimal(key: key, cell: cell))
            case .object(let subtree):
                steps.append(.open(key: key))
                appendSteps(of: subtree)
                steps.append(.close)
            }
        }
    }

    private static func leaf(_ cell: Int) -> Node {
        Template.decimalCells.contains(cell) ? .decimal(cell) : .count(cell)
    }
}

extension Template {
    /// Table 2 of the 2021 template, table 2 of the 2019 trial edition, table 3 and table 4.
    static let activeTree = CellTree(table: "active", cells: 0..<activeCellCount)
    static let trialActiveTree = CellTree(table: "active", cells: trialActiveFirstCell..<cellCount)
    static let requestsTree = CellTree(table: "requests", cells: requestsFirstCell..<reviewsFirstCell)
    static let reviewsTree = CellTree(table: "reviews", cells: reviewsFirstCell..<trialActiveFirstCell)
}
