extension StringProtocol {
    /// Without leading and trailing white space (Unicode `White_Space`, line breaks included):
    /// what the providers' SDKs strip from header values before signing. A cheaper
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, which signing runs on every header.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed)
    }
}

/// `value` as at least `width` decimal digits, zero-padded (`String(format: "%02d")` without
/// Foundation's formatter).
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
