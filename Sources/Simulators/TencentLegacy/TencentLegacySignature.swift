import Crypto
import Foundation

/// The API 2.0 (legacy CRS) HmacSHA1 / HmacSHA256 request signature, implemented from
/// tencent.md §4.2 (independently of ProviderSigning):
///
/// 1. every received parameter except `Signature` (decoded values),
/// 2. `_` in names replaced by `.`,
/// 3. sorted by name, byte-wise ascending,
/// 4. `name=value` with raw values joined by `&`,
/// 5. string to sign = METHOD + Host + path + `?` + that,
/// 6. Base64(HMAC(SecretKey, string to sign)), SHA-256 when `SignatureMethod=HmacSHA256`,
///    SHA-1 otherwise.
enum TencentLegacySignature {
    /// The hash an API 2.0 signature uses.
    enum Method: Sendable, Equatable {
        case hmacSHA1
        case hmacSHA256

        /// `HmacSHA256` selects SHA-256; any other or absent value means SHA-1.
        init(signatureMethodParameter value: String?) {
            self = value == "HmacSHA256" ? .hmacSHA256 : .hmacSHA1
        }
    }

    /// The canonical request string (step 1–4): every parameter but `Signature`.
    static func requestString(_ parameters: [(name: String, value: String)]) -> String {
        parameters
            .filter { $0.name != "Signature" }
            .map { (name: $0.name.replacingOccurrences(of: "_", with: "."), value: $0.value) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// METHOD + host + path + `?` + request string.
    static func stringToSign(
        method: String,
        host: String,
        path: String,
        parameters: [(name: String, value: String)]
    ) -> String {
        method.uppercased() + host + path + "?" + requestString(parameters)
    }

    /// Base64 HMAC of `stringToSign` with `secretKey`.
    static func sign(_ stringToSign: String, secretKey: String, method: Method) -> String {
        let key = SymmetricKey(data: Array(secretKey.utf8))
        let message = Array(stringToSign.utf8)
        switch method {
        case .hmacSHA1:
            return Data(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)).base64EncodedString()
        case .hmacSHA256:
            return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }
    }

    /// Whether `parameters` (including `Signature` and `SignatureMethod`) carry a valid signature
    /// for `secretKey`.
    static func verify(
        method: String,
        host: String,
        path: String,
        parameters: [(name: String, value: String)],
        secretKey: String
    ) -> Bool {
        guard let received = parameters.first(where: { $0.name == "Signature" })?.value else { return false }
        let hash = Method(signatureMethodParameter: parameters.first { $0.name == "SignatureMethod" }?.value)
        let expected = sign(
            stringToSign(method: method, host: host, path: path, parameters: parameters),
            secretKey: secretKey,
            method: hash
        )
        return constantTimeEquals(Array(expected.utf8), Array(received.utf8))
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// `application/x-www-form-urlencoded` decoding (also used for the query string): pairs split
/// on `&`, `+` is a space, `%XX` decoded as UTF-8.
enum TencentLegacyFormDecoding {
    struct Malformed: Error {}

    static func decode(_ text: String) throws(Malformed) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try unescape(parts[0])
            let value = parts.count > 1 ? try unescape(parts[1]) : ""
            pairs.append((name, value))
        }
        return pairs
    }

    private static func unescape(_ text: Substring) throws(Malformed) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard utf8.count >= 2, let high = hex(utf8[utf8.startIndex]), let low = hex(utf8[utf8.startIndex + 1]) else {
                    throw Malformed()
                }
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            default:
                bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw Malformed() }
        return string
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
