/// An entry of an account's `instances:` list: an exact instance id, or a glob where `*`
/// matches any run of characters (also none) and `?` exactly one. Case-sensitive.
public struct InstancePattern: Sendable, Hashable {
    public let text: String
    private let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    /// True when the entry has no wildcard and names a single instance.
    public var isExact: Bool {
        !scalars.contains("*") && !scalars.contains("?")
    }

    public func matches(_ candidate: String) -> Bool {
        let input = Array(candidate.unicodeScalars)
        var p = 0, i = 0
        var starP = -1, starI = 0
        while i < input.count {
            if p < scalars.count, scalars[p] == "?" || scalars[p] == input[i] {
                p += 1
                i += 1
            } else if p < scalars.count, scalars[p] == "*" {
                starP = p
                starI = i
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starI += 1
                i = starI
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }
}
