/// A table's cells as the nested object the record's JSON holds: the dotted keys of
/// `Template.cellKeys` split at their dots (`requests.denied.stateSecret.total`), each leaf a
/// `TableCells` index. Members are sorted by key as `JSONEncoder`'s `.sortedKeys` sorts them, so
/// the canonical JSON is written by walking the tree (`CanonicalJSONWriter`) and the record's typed
/// tables are read through it (`CellTreeDecoder`): neither lists a member of its own.
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
        /// The key's UTF-8, as the writer copies it.
        var utf8: [UInt8]
        var node: Node
    }

    /// The members, in ascending order of their keys' UTF-8.
    private(set) var members: [Member] = []

    /// The tree of `cells`, whose keys all start with `table` and a dot ("requests."), rooted below it.
    init(table: String, cells: some Sequence<Int>) {
        for cell in cells {
            let path = Template.cellKeys[cell].split(separator: ".")
            precondition(path.first.map(String.init) == table, "\(Template.cellKeys[cell]) is not in \(table)")
            insert(path.dropFirst(), cell: cell)
        }
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
        members[index].node = .object(subtree)
    }

    /// Adds a member where its key sorts, and returns its index.
    private mutating func addMember(_ key: String, _ node: Node) -> Int {
        let utf8 = Array(key.utf8)
        let index = members.firstIndex { !$0.utf8.lexicographicallyPrecedes(utf8) } ?? members.endIndex
        members.insert(Member(key: key, utf8: utf8, node: node), at: index)
        return index
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
