import CLibXML2

/// The one place where ReportCore talks to libxml2: parsing HTML and XML into a tree, and reading
/// that tree through ``XMLNode``.
package enum XMLTree {
    /// libxml2 must be initialised once before parsers run concurrently; a `static let` runs this
    /// exactly once, thread-safely.
    private static let initialized: Void = xmlInitParser()

    /// Parses `utf8` (already decoded to UTF-8) as an HTML page and runs `body` on its root element.
    ///
    /// The parser recovers from any tag soup, reports nothing, fetches nothing over the network and
    /// ignores the page's own charset declaration (the bytes are UTF-8 by now).
    /// - Returns: what `body` returns, or `nil` when libxml2 produced no document.
    static func withHTML<Result, Failure: Error>(
        _ utf8: [UInt8],
        _ body: (XMLNode) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        let options =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        let document = parse(utf8) { buffer, count in
            htmlReadMemory(buffer, count, nil, "UTF-8", Int32(options))
        }
        return try withDocument(document, body)
    }

    /// Parses `bytes` as an XML document and runs `body` on its root element.
    ///
    /// Entities are not substituted and nothing is fetched, so external entities and entity
    /// expansion bombs stay inert; libxml2's own limits (nesting depth, text size) stay on.
    /// - Returns: what `body` returns, or `nil` when the bytes are not well-formed XML.
    package static func withXML<Result, Failure: Error>(
        _ bytes: [UInt8],
        _ body: (XMLNode) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        let document = parse(bytes) { buffer, count in
            xmlReadMemory(buffer, count, nil, nil, Int32(options))
        }
        return try withDocument(document, body)
    }

    private static func parse(
        _ bytes: [UInt8],
        _ read: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) -> xmlDocPtr? {
        _ = initialized
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { read($0.baseAddress!, Int32($0.count)) }
        }
    }

    private static func withDocument<Result, Failure: Error>(
        _ document: xmlDocPtr?,
        _ body: (XMLNode) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return try body(XMLNode(root))
    }
}

/// A node of a parsed libxml2 tree. Valid only inside the closure given to ``XMLTree``.
package struct XMLNode: Hashable {
    private let pointer: xmlNodePtr

    fileprivate init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    /// Whether this is an element (as opposed to text, a comment, ...).
    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The element's local name (lowercase for HTML), or the empty string for other nodes.
    var name: String {
        guard isElement, let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// The namespace URI of the element, if it has one.
    var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    var parent: XMLNode? { pointer.pointee.parent.map(XMLNode.init) }

    /// The element children, in document order.
    var childElements: [XMLNode] {
        var children: [XMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { children.append(XMLNode(node)) }
            child = node.pointee.next
        }
        return children
    }

    /// The value of the attribute with local name `name` (in any namespace), if present.
    ///
    /// Entity references read as nothing, as in text: each holds its entity's whole value, so reading
    /// them would let a value of `&e;` repeated multiply a long entity (quadratic memory).
    package func attribute(_ name: String) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName) == name {
                var value = ""
                var child = current.pointee.children
                while let node = child {
                    if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                        value += String(cString: content)
                    }
                    child = node.pointee.next
                }
                return value
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// All text under this node, concatenated in document order.
    var textContent: String {
        var text = ""
        walk { step in
            if case .text(let piece) = step { text += piece }
            return true
        }
        return text
    }

    /// Visits this node and everything under it in document order without recursion, so that
    /// nesting depth costs no stack.
    ///
    /// Every element is entered and later exited, even when `visit` declines to descend into it;
    /// text and CDATA nodes arrive as `.text`, comments and processing instructions not at all.
    /// - Parameter visit: returns whether to descend into the element just entered (its value is
    ///   ignored for other steps).
    package func walk<Failure: Error>(_ visit: (XMLWalkStep) throws(Failure) -> Bool) throws(Failure) {
        var node = pointer
        while true {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                descend = try visit(.enter(XMLNode(node))) && node.pointee.children != nil
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { _ = try visit(.text(String(cString: content))) }
            default:
                break
            }
            if descend, let child = node.pointee.children {
                node = child
                continue
            }
            // Leave `node` and every ancestor that has no next sibling, up to the starting node.
            while true {
                if node.pointee.type == XML_ELEMENT_NODE { _ = try visit(.exit(XMLNode(node))) }
                if node == pointer { return }
                if let next = node.pointee.next {
                    node = next
                    break
                }
                guard let parent = node.pointee.parent else { return }
                node = parent
            }
        }
    }
}

/// One step of ``XMLNode/walk(_:)``.
package enum XMLWalkStep {
    case enter(XMLNode)
    case exit(XMLNode)
    case text(String)
}

extension XMLNode {
    /// The elements under this node (itself included) that satisfy `isContainer` and have a
    /// descendant that satisfies `isTarget`; found in one walk.
    func elements(
        where isContainer: (XMLNode) -> Bool,
        containing isTarget: (XMLNode) -> Bool
    ) -> Set<XMLNode> {
        var found: Set<XMLNode> = []
        var open: [(node: XMLNode, contains: Bool)] = []
        walk { step in
            switch step {
            case .enter(let node):
                if isTarget(node), !open.isEmpty { open[open.count - 1].contains = true }
                if isContainer(node) { open.append((node, false)) }
            case .exit(let node):
                guard isContainer(node), let container = open.popLast() else { break }
                if container.contains {
                    found.insert(container.node)
                    if !open.isEmpty { open[open.count - 1].contains = true }
                }
            case .text:
                break
            }
            return true
        }
        return found
    }
}
