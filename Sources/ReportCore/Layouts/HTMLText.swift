/// Placeholder until the libxml2 reader lands.
enum HTMLText {
    static func extract(_ bytes: [UInt8]) throws(NotAReport) -> String {
        throw NotAReport(.unreadableContainer, "HTML is not read yet")
    }
}
