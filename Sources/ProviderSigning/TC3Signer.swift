import Crypto
import Foundation

/// TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0.
///
/// A pure function of its inputs: the caller passes the timestamp, so tests pin the clock.
/// Steps follow Tencent's documentation (canonical request → string to sign → derived key
/// chain `TC3<secret>` / date / service / `tc3_request` → hex HMAC).
public enum TC3Signer {
    /// The request as it will go on the wire.
    public struct Request: Sendable {
        public var method: String
        /// Host exactly as sent in the `Host` header (with `:port` only if one is sent).
        public var host: String
        /// The query string exactly as it appears after `?` (empty for POST).
        public var query: String
        /// The `Content-Type` header value as sent.
        public var contentType: String
        /// Exact body bytes (empty for GET).
        public var body: [UInt8]
        /// Extra headers to sign besides `content-type` and `host` (name → value).
        public var additionalSignedHeaders: [String: String]
        /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`: hash the literal string instead of the body.
        public var unsignedPayload: Bool

        public init(
            method: String,
            host: String,
            query: String = "",
            contentType: String,
            body: [UInt8],
            additionalSignedHeaders: [String: String] = [:],
            unsignedPayload: Bool = false
        ) {
            self.method = method
            self.host = host
            self.query = query
            self.contentType = contentType
            self.body = body
            self.additionalSignedHeaders = additionalSignedHeaders
            self.unsignedPayload = unsignedPayload
        }
    }

    /// Every intermediate value, so tests can compare each step with the vectors.
    public struct Signature: Sendable {
        public var hashedPayload: String
        public var canonicalRequest: String
        public var date: String
        public var credentialScope: String
        public var stringToSign: String
        public var signature: String
        public var signedHeaders: String
        /// The `Authorization` header value.
        public var authorization: String
    }

    public static let algorithm = "TC3-HMAC-SHA256"

    /// Signs `request` for `service` at UNIX time `timestamp`.
    public static func sign(
        _ request: Request,
        credentials: SigningCredentials,
        service: String,
        timestamp: Int
    ) -> Signature {
        let hashedPayload = request.unsignedPayload
            ? Hex.sha256(Array("UNSIGNED-PAYLOAD".utf8))
            : Hex.sha256(request.body)

        var headers: [(String, String)] = [
            ("content-type", request.contentType),
            ("host", request.host),
        ]
        for (name, value) in request.additionalSignedHeaders {
            headers.append((name.lowercased(), value))
        }
        headers.sort { $0.0 < $1.0 }
        let canonicalHeaders = headers
            .map { "\($0.0):\($0.1.trimmingWhitespace.lowercased())\n" }
            .joined()
        let signedHeaders = headers.map(\.0).joined(separator: ";")

        let canonicalRequest = [
            request.method.uppercased(),
            "/",
            request.method.uppercased() == "GET" ? request.query : "",
            canonicalHeaders,
            signedHeaders,
            hashedPayload,
        ].joined(separator: "\n")

        let date = utcDate(timestamp)
        let credentialScope = "\(date)/\(service)/tc3_request"
        let stringToSign = [
            algorithm,
            String(timestamp),
            credentialScope,
            Hex.sha256(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")

        let signingKey = derivedKey(secret: credentials.secret, date: date, service: service)
        let signature = Hex.encode(
            HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey)
        )
        let authorization = "\(algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(
            hashedPayload: hashedPayload,
            canonicalRequest: canonicalRequest,
            date: date,
            credentialScope: credentialScope,
            stringToSign: stringToSign,
            signature: signature,
            signedHeaders: signedHeaders,
            authorization: authorization
        )
    }

    /// The key chain `SecretDate` → `SecretService` → `SecretSigning`, each step exposed for tests.
    public static func derivedKeys(secret: String, date: String, service: String) -> (date: [UInt8], service: [UInt8], signing: [UInt8]) {
        let secretDate = hmac(key: Array("TC3\(secret)".utf8), date)
        let secretService = hmac(key: secretDate, service)
        let secretSigning = hmac(key: secretService, "tc3_request")
        return (secretDate, secretService, secretSigning)
    }

    /// The UTC calendar date (`yyyy-MM-dd`) of a UNIX timestamp — never local time.
    public static func utcDate(_ timestamp: Int) -> String {
        let days = Int((Double(timestamp) / 86_400).rounded(.down))
        let (year, month, day) = CivilDate.fromDays(days)
        return "\(zeroPadded(year, width: 4))-\(zeroPadded(month, width: 2))-\(zeroPadded(day, width: 2))"
    }

    private static func derivedKey(secret: String, date: String, service: String) -> SymmetricKey {
        SymmetricKey(data: derivedKeys(secret: secret, date: date, service: service).signing)
    }

    private static func hmac(key: [UInt8], _ message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }
}
