import Crypto
import Foundation

/// ACS3-HMAC-SHA256, Alibaba Cloud's current request signature ("V3"),
/// `shared/providers/alibaba.md` §3 and §5.2.
///
/// A pure function of its inputs: the caller passes the date and the nonce, so tests pin both.
/// Steps: hex SHA-256 of the body (`x-acs-content-sha256`) → canonical request
/// (`METHOD \n / \n query \n headers \n signed-headers \n payload-hash`) → string to sign
/// `ACS3-HMAC-SHA256\n<hex SHA-256 of the canonical request>` → hex HMAC-SHA256 keyed with the
/// plain secret (no trailing `&`).
public enum ACS3Signer {
    /// The request as it will go on the wire, before the `x-acs-*` headers are added.
    public struct Request: Sendable {
        public var method: String
        /// Host exactly as sent in the `Host` header, including a non-default `:port`.
        public var host: String
        /// Query parameters, decoded, any order (empty value → `name=`).
        public var query: [(String, String)]
        /// Extra headers to sign and send (name → value), e.g. `accept`, `content-type`,
        /// `user-agent`, `x-acs-credentials-provider`, `x-acs-accesskey-id`. Names are
        /// lower-cased, values trimmed. A header the signer generates (`host`, `x-acs-action`,
        /// `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`,
        /// `x-acs-security-token`) replaces a caller value of the same name.
        public var headers: [String: String]
        /// Exact body bytes (empty for the usual query-only RPC call).
        public var body: [UInt8]
        /// `x-acs-action`, e.g. `CreateBackup`.
        public var action: String
        /// `x-acs-version`, e.g. `2015-01-01`.
        public var version: String

        public init(
            method: String,
            host: String,
            query: [(String, String)] = [],
            headers: [String: String] = [:],
            body: [UInt8] = [],
            action: String,
            version: String
        ) {
            self.method = method
            self.host = host
            self.query = query
            self.headers = headers
            self.body = body
            self.action = action
            self.version = version
        }
    }

    /// Every intermediate value, so tests can compare each step with the vectors.
    public struct Signature: Sendable {
        /// Lower-case hex SHA-256 of the body, also sent as `x-acs-content-sha256`.
        public var hashedPayload: String
        /// `pct(name)=pct(value)` sorted by name, joined by `&`.
        public var canonicalQuery: String
        /// `name:value\n` for every signed header, sorted by name (ends in `\n`).
        public var canonicalHeaders: String
        /// Signed header names joined by `;`.
        public var signedHeaders: String
        public var canonicalRequest: String
        /// Lower-case hex SHA-256 of `canonicalRequest`.
        public var hashedCanonicalRequest: String
        /// `ACS3-HMAC-SHA256\n` + `hashedCanonicalRequest`.
        public var stringToSign: String
        /// Lower-case hex HMAC-SHA256 of `stringToSign`, key = secret.
        public var signature: String
        /// The `Authorization` header value (no spaces after the commas).
        public var authorization: String
        /// Headers to send: every signed header (sorted by name, value as signed), then
        /// `Authorization`.
        public var headers: [(name: String, value: String)]
        /// The query to send after `/?`: the parameters sorted by name, names and values
        /// percent-encoded with `AlibabaPercentEncoding.encode` (identical to `canonicalQuery`).
        public var queryString: String
    }

    public static let algorithm = "ACS3-HMAC-SHA256"

    /// Signs `request` at `date` (`x-acs-date`, `yyyy-MM-ddTHH:mm:ssZ` UTC) with `nonce`
    /// (`x-acs-signature-nonce`). A session token is sent and signed as `x-acs-security-token`.
    public static func sign(
        _ request: Request,
        credentials: SigningCredentials,
        date: Date,
        nonce: String
    ) -> Signature {
        let hashedPayload = Hex.sha256(request.body)

        var generated: [String: String] = [
            "host": request.host,
            "x-acs-action": request.action,
            "x-acs-version": request.version,
            "x-acs-date": UTCTimestamp.seconds(date),
            "x-acs-signature-nonce": nonce,
            "x-acs-content-sha256": hashedPayload,
        ]
        if let token = credentials.sessionToken {
            generated["x-acs-security-token"] = token
        }

        // Caller headers, lower-cased; names that differ only in case are joined with ","
        // (in the byte order of the original names, so the result is deterministic).
        var merged: [String: [String]] = [:]
        for name in request.headers.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let lower = name.lowercased()
            guard generated[lower] == nil, let value = request.headers[name] else { continue }
            merged[lower, default: []].append(trim(value))
        }
        for (name, value) in generated {
            merged[name] = [trim(value)]
        }
        let headers = merged
            .map { (name: $0.key, value: $0.value.joined(separator: ",")) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

        let canonicalHeaders = headers.map { "\($0.name):\($0.value)\n" }.joined()
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let canonicalQuery = AlibabaPercentEncoding.canonicalQuery(request.query)

        let canonicalRequest = [
            request.method.uppercased(),
            "/",
            canonicalQuery,
            canonicalHeaders,
            signedHeaders,
            hashedPayload,
        ].joined(separator: "\n")
        let hashedCanonicalRequest = Hex.sha256(Array(canonicalRequest.utf8))
        let stringToSign = "\(algorithm)\n\(hashedCanonicalRequest)"
        let signature = sign(stringToSign: stringToSign, secret: credentials.secret)
        let authorization = "\(algorithm) Credential=\(credentials.accessKeyId),"
            + "SignedHeaders=\(signedHeaders),Signature=\(signature)"

        return Signature(
            hashedPayload: hashedPayload,
            canonicalQuery: canonicalQuery,
            canonicalHeaders: canonicalHeaders,
            signedHeaders: signedHeaders,
            canonicalRequest: canonicalRequest,
            hashedCanonicalRequest: hashedCanonicalRequest,
            stringToSign: stringToSign,
            signature: signature,
            authorization: authorization,
            headers: headers + [(name: "Authorization", value: authorization)],
            queryString: canonicalQuery
        )
    }

    /// Low level: lower-case hex `HMAC-SHA256(key: secret, stringToSign)` — no `&` on the key.
    public static func sign(stringToSign: String, secret: String) -> String {
        Hex.encode(
            HMAC<SHA256>.authenticationCode(
                for: Array(stringToSign.utf8),
                using: SymmetricKey(data: Array(secret.utf8))
            )
        )
    }

    private static func trim(_ value: String) -> String {
        value.trimmingWhitespace
    }
}
