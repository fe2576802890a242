import Crypto
import Foundation

/// ACS3-HMAC-SHA256 as Alibaba's API gateway checks it, written independently of any client
/// signer (alibaba.md §5.2).
enum AlibabaACS3Signature {
    static let algorithm = "ACS3-HMAC-SHA256"
    /// SHA-256 of an empty body, hex.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The parts of an `Authorization` value.
    struct Authorization: Equatable, Sendable {
        var algorithm: String
        var accessKeyId: String
        /// As listed (lower-cased by the server before use).
        var signedHeaders: [String]
        var signature: String
    }

    /// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; nil when malformed.
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
        guard let credential = fields["Credential"], !credential.isEmpty,
              let signedHeaders = fields["SignedHeaders"], !signedHeaders.isEmpty,
              let signature = fields["Signature"], !signature.isEmpty
        else { return nil }
        return Authorization(
            algorithm: algorithm,
            accessKeyId: credential,
            signedHeaders: signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init),
            signature: signature
        )
    }

    /// Lower-case hex SHA-256 of the raw body.
    static func hashedPayload(_ body: [UInt8]) -> String {
        hex(SHA256.hash(data: body))
    }

    /// Decoded query parameters sorted by name, `pct(name)=pct(value)`, joined by `&`.
    static func canonicalQueryString(_ parameters: [String: String]) -> String {
        parameters
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { AlibabaPercentEncoding.encode($0.key) + "=" + AlibabaPercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// `METHOD\n/\nquery\n<name:value\n…>\nsigned;headers\npayloadHash`. Header names are
    /// lower-cased and sorted; values trimmed of outer whitespace (case kept).
    static func canonicalRequest(
        method: String,
        query: [String: String],
        signedHeaders: [String],
        headerValue: (String) -> String?,
        hashedPayload: String
    ) -> String {
        let names = sortedHeaderNames(signedHeaders)
        let canonicalHeaders = names.map { name in
            "\(name):\((headerValue(name) ?? "").trimmingCharacters(in: .whitespaces))\n"
        }.joined()
        return [
            method.uppercased(),
            "/",
            canonicalQueryString(query),
            canonicalHeaders,
            names.joined(separator: ";"),
            hashedPayload,
        ].joined(separator: "\n")
    }

    static func sortedHeaderNames(_ names: [String]) -> [String] {
        Array(Set(names.map { $0.lowercased() })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// `ACS3-HMAC-SHA256\n<hex SHA-256 of the canonical request>`.
    static func stringToSign(canonicalRequest: String) -> String {
        "\(algorithm)\n\(hex(SHA256.hash(data: Array(canonicalRequest.utf8))))"
    }

    /// Lower-case hex HMAC-SHA256 with the secret itself as key (no `&`).
    static func signature(stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
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
}
