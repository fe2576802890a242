import Crypto
import Foundation

/// SDK-HMAC-SHA256 as API Gateway checks it (huawei.md §3), written independently of any
/// client signer: the canonical request is rebuilt from the request as received.
enum HuaweiAKSKSignature {
    static let algorithm = "SDK-HMAC-SHA256"
    /// SHA-256 of an empty body, hex.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// `X-Sdk-Content-Sha256` value that replaces the body hash (non-JSON bodies).
    static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// The parts of an `Authorization` value.
    struct Authorization: Equatable, Sendable {
        var algorithm: String
        var accessKey: String
        /// As listed, lower-cased, in the listed order.
        var signedHeaders: [String]
        var signature: String
    }

    /// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b>, Signature=<hex>` (spaces after the
    /// commas optional); nil when malformed.
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
        guard let accessKey = fields["Access"], !accessKey.isEmpty,
              let signedHeaders = fields["SignedHeaders"], !signedHeaders.isEmpty,
              let signature = fields["Signature"], !signature.isEmpty
        else { return nil }
        return Authorization(
            algorithm: algorithm,
            accessKey: accessKey,
            signedHeaders: signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map { $0.lowercased() },
            signature: signature
        )
    }

    /// Decoded path split on `/`, each segment RFC 3986-encoded, joined, then a `/` appended
    /// unless it already ends in one.
    static func canonicalURI(_ path: String) -> String {
        let decoded = HuaweiPercentEncoding.decode(Array(path.utf8))
        let segments = decoded.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var uri = segments.map { HuaweiPercentEncoding.encode($0) }.joined(separator: "/")
        if !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    /// Parameters sorted by decoded key then decoded value (bytes), each encoded, `k=v`
    /// joined by `&`; empty for no query.
    static func canonicalQueryString(_ query: String) -> String {
        HuaweiPercentEncoding.parseQuery(query)
            .sorted { a, b in
                a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.value.lexicographicallyPrecedes(b.value)
            }
            .map { HuaweiPercentEncoding.encode($0.key) + "=" + HuaweiPercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// Lower-case hex SHA-256 of the exact body bytes.
    static func payloadHash(_ body: [UInt8]) -> String {
        hex(SHA256.hash(data: body))
    }

    /// `METHOD\nURI\nquery\n<name:trimmed value\n…>\nsigned;headers\npayloadHash`, the
    /// signed headers in the order listed.
    static func canonicalRequest(
        method: String,
        path: String,
        query: String,
        signedHeaders: [String],
        headerValue: (String) -> String?,
        payloadHash: String
    ) -> String {
        let canonicalHeaders = signedHeaders.map { name in
            "\(name):\((headerValue(name) ?? "").trimmingCharacters(in: .whitespaces))\n"
        }.joined()
        return [
            method.uppercased(),
            canonicalURI(path),
            canonicalQueryString(query),
            canonicalHeaders,
            signedHeaders.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// Lower-case hex SHA-256 of the canonical request.
    static func canonicalRequestHash(_ canonicalRequest: String) -> String {
        hex(SHA256.hash(data: Array(canonicalRequest.utf8)))
    }

    /// `SDK-HMAC-SHA256\n<X-Sdk-Date as sent>\n<hex SHA-256 of the canonical request>`.
    static func stringToSign(canonicalRequest: String, sdkDate: String) -> String {
        "\(algorithm)\n\(sdkDate)\n\(canonicalRequestHash(canonicalRequest))"
    }

    /// Lower-case hex HMAC-SHA256 with the SK itself as key (no derivation).
    static func signature(stringToSign: String, secretKey: String) -> String {
        let key = SymmetricKey(data: Array(secretKey.utf8))
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

    /// Equal strings, compared in time independent of where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
