import Crypto
import Foundation

/// Signature v1 (HMAC-SHA1, RPC style) as Alibaba's API gateway checks it, written
/// independently of any client signer (alibaba.md §5.1).
enum AlibabaRPCSignature {
    static let method = "HMAC-SHA1"
    static let version = "1.0"

    /// Every parameter except `Signature`, sorted by name in byte order, each
    /// `pct(name)=pct(value)` (empty values kept as `name=`), joined by `&`.
    static func canonicalizedQueryString(_ parameters: [String: String]) -> String {
        parameters
            .filter { $0.key != "Signature" }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { AlibabaPercentEncoding.encode($0.key) + "=" + AlibabaPercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// `METHOD&%2F&pct(CanonicalizedQueryString)`.
    static func stringToSign(method: String, parameters: [String: String]) -> String {
        method.uppercased() + "&" + AlibabaPercentEncoding.encode("/") + "&"
            + AlibabaPercentEncoding.encode(canonicalizedQueryString(parameters))
    }

    /// Base64 HMAC-SHA1 of the string to sign with key `secret + "&"`.
    static func signature(stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array((secret + "&").utf8))
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Data(code).base64EncodedString()
    }
}

/// Comparison without an early exit.
enum AlibabaConstantTime {
    static func equals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
