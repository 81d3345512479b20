/// Reads one of the record's typed tables (`ActiveDisclosure`, `Requests` …) out of `TableCells`
/// through the table's `CellTree`: the struct's own `Decodable` conformance names its members, the
/// tree says which cell each one is. A member the tree lacks, or a tree member of another kind, is
/// a `DecodingError` naming the key (`CanonicalJSONWriterTests` decodes every table).
///
/// It runs once a parse for some 40 objects and 235 cells, so it keeps no coding path and shares
/// the cells by one reference.
struct CellTreeDecoder: Decoder {
    let tree: CellTree
    let cells: Cells
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The cells every nested decoder reads, held once.
    final class Cells {
        let cells: TableCells

        init(_ cells: TableCells) {
            self.cells = cells
        }
    }

    /// `T` read from `cells` in the shape of `tree`.
    static func decode<T: Decodable>(_ type: T.Type, _ tree: CellTree, from cells: TableCells) throws -> T {
        try T(from: CellTreeDecoder(tree: tree, cells: Cells(cells)))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Members(tree: tree, cells: cells))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self,
            .init(codingPath: codingPath, debugDescription: "a table is an object")
        )
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(
            Int.self,
            .init(codingPath: codingPath, debugDescription: "a table is an object")
        )
    }

    /// The members of one object of the tree.
    private struct Members<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let tree: CellTree
        let cells: Cells
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] { tree.members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { tree.member(key.stringValue) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            guard case .count(let cell) = try node(key) else { throw mismatch(type, key) }
            return cells.cells.counts[cell]
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .decimal(let cell) = try node(key) else { throw mismatch(type, key) }
            return cells.cells.decimal(cell)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard case .object(let subtree) = try node(key) else { throw mismatch(type, key) }
            if let range = subtree.countRange, let row = type as? any CountsRow.Type {
                return row.init(counts: cells.cells.counts[range]) as! T
            }
            return try T(from: CellTreeDecoder(tree: subtree, cells: cells))
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { throw mismatch(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw mismatch(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw mismatch(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw mismatch(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw mismatch(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw mismatch(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw mismatch(type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw mismatch(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw mismatch(type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw mismatch(type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw mismatch(type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw mismatch(type, key) }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type,
            forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            guard case .object(let subtree) = try node(key) else { throw mismatch(CellTree.self, key) }
            return KeyedDecodingContainer(
                CellTreeDecoder.Members<NestedKey>(tree: subtree, cells: cells)
            )
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw mismatch([Any].self, key)
        }

        func superDecoder() throws -> any Decoder {
            CellTreeDecoder(tree: tree, cells: cells)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            guard case .object(let subtree) = try node(key) else { throw mismatch(CellTree.self, key) }
            return CellTreeDecoder(tree: subtree, cells: cells)
        }

        private func node(_ key: Key) throws -> CellTree.Node {
            guard let member = tree.member(key.stringValue) else {
                throw DecodingError.keyNotFound(
                    key,
                    .init(codingPath: codingPath, debugDescription: "the template has no cell \(key.stringValue) here")
                )
            }
            return member.node
        }

        private func mismatch(_ type: Any.Type, _ key: Key) -> DecodingError {
            .typeMismatch(
                type,
                .init(codingPath: [key], debugDescription: "the template's cell \(key.stringValue) is of another kind")
            )
        }
    }
}

/// A row of counts read at once from its consecutive cells, in the template's column order, rather
/// than member by member: table 3's 25 rows, most of a record's cells, which member-by-member
/// decoding would make a tenth of the parse. `CanonicalJSONWriterTests` checks that each member
/// holds the cell of its key.
protocol CountsRow: Decodable {
    init(counts: ArraySlice<Int>)
}
