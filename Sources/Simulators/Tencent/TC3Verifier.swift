import Crypto
import Foundation

/// TC3-HMAC-SHA256 as Tencent's API gateway checks it, written independently of any client
/// signer: parse `Authorization`, rebuild the canonical request from the request as received,
/// derive the key chain and compare signatures.
enum TC3Verifier {
    static let algorithm = "TC3-HMAC-SHA256"
    static let service = "redis"
    static let terminator = "tc3_request"
    /// Largest accepted |server time − X-TC-Timestamp|, in seconds.
    static let window = 300.0

    /// The parts of an `Authorization` header value.
    struct Authorization: Equatable {
        var algorithm: String
        var secretId: String
        var date: String
        var service: String
        var terminator: String
        var signedHeaders: [String]
        var signedHeadersText: String
        var signature: String

        var credentialScope: String { "\(date)/\(service)/\(terminator)" }
    }

    /// `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=a;b, Signature=<hex>`.
    static func parseAuthorization(_ value: String) -> Authorization? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        let algorithm = String(trimmed[..<space])
        var fields: [String: String] = [:]
        for part in trimmed[trimmed.index(after: space)...].split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let equals = item.firstIndex(of: "=") else { return nil }
            fields[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"],
              let signature = fields["Signature"], !signature.isEmpty, !signedHeaders.isEmpty
        else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 4, !scope[0].isEmpty else { return nil }
        return Authorization(
            algorithm: algorithm,
            secretId: scope[0],
            date: scope[1],
            service: scope[2],
            terminator: scope[3],
            signedHeaders: signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init),
            signedHeadersText: signedHeaders,
            signature: signature
        )
    }

    /// Hex SHA-256 of the body bytes, or of `UNSIGNED-PAYLOAD` when the client opted out.
    static func hashedPayload(body: [UInt8], unsigned: Bool) -> String {
        hex(SHA256.hash(data: unsigned ? Array("UNSIGNED-PAYLOAD".utf8) : body))
    }

    /// `METHOD\n/\nquery\ncanonical headers\nsigned headers\npayload hash`. POST signs an
    /// empty query; GET the raw query string. Header values are trimmed and lower-cased.
    static func canonicalRequest(
        method: String,
        query: String,
        signedHeaders: [String],
        headerValue: (String) -> String?,
        hashedPayload: String
    ) -> String {
        let upperMethod = method.uppercased()
        let canonicalHeaders = signedHeaders.map { name in
            let value = headerValue(name) ?? ""
            return "\(name):\(value.trimmingCharacters(in: .whitespaces).lowercased())\n"
        }.joined()
        return [
            upperMethod,
            "/",
            upperMethod == "POST" ? "" : query,
            canonicalHeaders,
            signedHeaders.joined(separator: ";"),
            hashedPayload,
        ].joined(separator: "\n")
    }

    static func stringToSign(timestamp: Int, credentialScope: String, canonicalRequest: String) -> String {
        "\(algorithm)\n\(timestamp)\n\(credentialScope)\n\(hex(SHA256.hash(data: Array(canonicalRequest.utf8))))"
    }

    /// `SecretDate`, `SecretService`, `SecretSigning` (raw 32-byte digests).
    static func derivedKeys(secretKey: String, date: String, service: String) -> (date: [UInt8], service: [UInt8], signing: [UInt8]) {
        let secretDate = hmac(key: Array("TC3\(secretKey)".utf8), message: date)
        let secretService = hmac(key: secretDate, message: service)
        let secretSigning = hmac(key: secretService, message: terminator)
        return (secretDate, secretService, secretSigning)
    }

    /// Lower-case hex HMAC-SHA256 of the string to sign with the derived signing key.
    static func signature(secretKey: String, date: String, service: String, stringToSign: String) -> String {
        let key = derivedKeys(secretKey: secretKey, date: date, service: service).signing
        return hex(hmac(key: key, message: stringToSign))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Equal length and content, without an early exit.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    private static func hmac(key: [UInt8], message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }
}
