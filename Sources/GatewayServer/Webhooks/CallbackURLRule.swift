import Foundation
import GatewayCore

/// Which `callbackUrl`s the gateway accepts: an absolute `https://` URL, or `http://` only to a
/// loopback host (127.0.0.0/8, ::1, `localhost`) for local receivers; no user info; at most
/// 2048 characters. Refusals are `invalid_argument` / `CALLBACK_URL_INVALID`, and never repeat
/// the URL (it may carry a receiver's token in its query).
enum CallbackURLRule {
    static let maxLength = 2048

    /// `text` when it is acceptable; else the refusal.
    @discardableResult
    static func validate(_ text: String) throws(GatewayError) -> String {
        guard !text.isEmpty else { throw refusal("callbackUrl cannot be empty.") }
        guard text.utf8.count <= maxLength else {
            throw refusal("callbackUrl is longer than \(maxLength) characters.")
        }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f || $0.value > 0x7e }) else {
            throw refusal("callbackUrl must be an absolute URL without spaces or control characters; percent-encode other characters.")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw refusal("callbackUrl must be an absolute https:// URL.")
        }
        guard scheme == "https" || scheme == "http" else {
            throw refusal("callbackUrl must use https:// (http:// only to a loopback host).")
        }
        guard components.user == nil, components.password == nil, !authority(of: text).contains("@") else {
            throw refusal("callbackUrl must not contain user information (user:password@); put credentials the receiver needs elsewhere.")
        }
        guard let host = components.host, !host.isEmpty else {
            throw refusal("callbackUrl must name a host.")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw refusal("callbackUrl has an invalid port.")
        }
        if scheme == "http", !isLoopback(host) {
            throw refusal("callbackUrl must use https://; http:// is accepted only to a loopback host (127.0.0.0/8, ::1, localhost).")
        }
        return text
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8, `::1` (or an IPv4-mapped loopback);
    /// IPv6 literals may keep their brackets.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name = String(name.dropLast()) }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0.first } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 { return true }
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
            return Array(bytes[0..<12]) == mappedPrefix && bytes[12] == 127
        }
        return false
    }

    /// The text between `//` and the next `/`, `?` or `#`.
    private static func authority(of text: String) -> Substring {
        guard let start = text.range(of: "//") else { return "" }
        let rest = text[start.upperBound...]
        return rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }

    private static func refusal(_ detail: String) -> GatewayError {
        GatewayError.invalidArgument("CALLBACK_URL_INVALID", detail)
    }
}
