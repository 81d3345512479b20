import ReportCore

extension Record {
    /// The counts of the cells whose keys start with `prefix` and a dot (`requests.granted` gives the
    /// row's seven columns), in template order.
    func counts(under prefix: String) -> [Int] {
        cellValues.filter { $0.key.hasPrefix(prefix + ".") }.compactMap { Int($0.value) }
    }
}
