extension StringProtocol {
    /// The text as a terminal should show it: each control character (C0, DEL, C1) written as an escape,
    /// `\n`, `\r` and `\t`, any other as `\u{1B}`. Text from outside (a file name, a reason quoting a file)
    /// can then neither begin a line of its own in a log nor move the cursor.
    public var escapingControlCharacters: String {
        var escaped = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
