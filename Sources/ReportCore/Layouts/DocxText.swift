/// Placeholder until the .docx reader lands.
enum DocxText {
    static func isDocx(_ bytes: [UInt8]) -> Bool { false }
    static func extract(_ bytes: [UInt8]) throws(NotAReport) -> String {
        throw NotAReport(.unreadableContainer, ".docx is not read yet")
    }
}
