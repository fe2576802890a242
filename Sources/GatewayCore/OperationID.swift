import Foundation

/// Operation ids: `op_` + 26 lower-case base32 characters (128 random bits, URL-safe).
public enum OperationID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    public static func make<R: RandomNumberGenerator>(using generator: inout R) -> String {
        var chars = [Character]()
        chars.reserveCapacity(26)
        for _ in 0..<26 {
            chars.append(alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))])
        }
        return "op_" + String(chars)
    }

    /// Whether `text` has the shape of an operation id.
    public static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("op_"), text.count == 29 else { return false }
        return text.dropFirst(3).allSatisfy { alphabet.contains($0) }
    }
}
