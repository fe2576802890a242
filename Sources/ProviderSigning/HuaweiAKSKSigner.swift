import Crypto
import Foundation

/// SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud API Gateway (APIG), as the
/// official SDK (`huaweicloudsdkcore.signer.Signer`) computes it, `shared/providers/huawei.md`
/// §1 and §3.
///
/// A pure function of its inputs: the caller passes the date, so tests pin the clock.
/// Steps: hex SHA-256 of the exact body → canonical request
/// (`METHOD \n URI/ \n query \n headers \n signed-headers \n payload-hash`, the URI always
/// ending in `/`) → string to sign `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical
/// request>` → hex HMAC-SHA256 keyed with the plain SK (no key derivation, no scope) →
/// `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>`.
public enum HuaweiAKSKSigner {
    /// The request as it will go on the wire, before `Host`, `X-Sdk-Date`, `X-Security-Token`
    /// and `Authorization` are added.
    public struct Request: Sendable {
        public var method: String
        /// Host exactly as sent in the `Host` header, with `:port` only when it is not the
        /// scheme's default (`dcs.ap-southeast-1.myhuaweicloud.com`, `127.0.0.1:18443`).
        public var host: String
        /// The wire path, e.g. `/v2/{project_id}/instances/{instance_id}/backups`, with path
        /// parameters already percent-encoded. No trailing slash is needed (or added on the
        /// wire); the canonical form gets one.
        public var path: String
        /// Query parameters, decoded, any order (an empty value is sent as `key=`).
        public var query: [(String, String)]
        /// Headers to sign and send besides `Host` and `X-Sdk-Date`, e.g. `Content-Type`,
        /// `X-Project-Id`, `User-Agent` (name → value, names in any case). Values are trimmed.
        /// A header the signer generates (`host`, `x-sdk-date`, and `x-security-token` when the
        /// credentials carry a session token) replaces a caller value of the same name, and a
        /// caller `Authorization` is dropped. Names containing `_` are sent but not signed, as
        /// the SDK does.
        public var headers: [String: String]
        /// Exact body bytes (empty for GET/DELETE).
        public var body: [UInt8]

        public init(
            method: String,
            host: String,
            path: String,
            query: [(String, String)] = [],
            headers: [String: String] = [:],
            body: [UInt8] = []
        ) {
            self.method = method
            self.host = host
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    /// Every intermediate value, so tests can compare each step with the vectors.
    public struct Signature: Sendable {
        /// The `X-Sdk-Date` value, `yyyyMMdd'T'HHmmss'Z'` (UTC).
        public var sdkDate: String
        /// Lower-case hex SHA-256 of the exact body (`e3b0c442…b855` when empty).
        public var payloadHash: String
        /// Decoded, re-encoded path, always ending in `/` (canonical form only).
        public var canonicalURI: String
        /// `pct(key)=pct(value)` sorted by (key, value), joined by `&`; `""` without a query.
        public var canonicalQuery: String
        /// `name:value\n` for every signed header, sorted by name (ends in `\n`).
        public var canonicalHeaders: String
        /// Signed header names (lower case, sorted) joined by `;`.
        public var signedHeaders: String
        public var canonicalRequest: String
        /// Lower-case hex SHA-256 of `canonicalRequest`.
        public var hashedCanonicalRequest: String
        /// `SDK-HMAC-SHA256\n<sdkDate>\n<hashedCanonicalRequest>`.
        public var stringToSign: String
        /// Lower-case hex HMAC-SHA256 of `stringToSign`, key = SK.
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
        /// Headers to send, values as signed: `Host`, `X-Sdk-Date`, the caller's headers
        /// (sorted by lower-cased name, original spelling), `X-Security-Token` when the
        /// credentials are temporary, then `Authorization`.
        public var headers: [(name: String, value: String)]
        /// The query to send after `?` (empty: send no `?`): sorted by (key, value) and RFC 3986
        /// encoded, as the SDK sends it — identical to `canonicalQuery`.
        public var queryString: String
    }

    public static let algorithm = "SDK-HMAC-SHA256"

    /// Signs `request` at `date`, sent as `X-Sdk-Date` in UTC (`sdkDate(_:)`). Sign every
    /// attempt, retries included, with a fresh date: API Gateway rejects dates more than
    /// 15 minutes off its clock.
    public static func sign(_ request: Request, credentials: SigningCredentials, date: Date) -> Signature {
        sign(request, credentials: credentials, sdkDate: sdkDate(date))
    }

    /// Lower level, for vectors that give an exact `X-Sdk-Date` string: `sdkDate` is sent and
    /// signed as it is.
    public static func sign(_ request: Request, credentials: SigningCredentials, sdkDate: String) -> Signature {
        let payloadHash = Hex.sha256(request.body)

        // Generated headers, (wire name, value), keyed by lower-cased name.
        var generated: [String: (name: String, value: String)] = [
            "host": ("Host", request.host),
            "x-sdk-date": ("X-Sdk-Date", sdkDate),
        ]
        if let token = credentials.sessionToken {
            generated["x-security-token"] = ("X-Security-Token", token)
        }

        // Caller headers, grouped by lower-cased name; names that differ only in case are
        // joined with "," in the byte order of the original names (deterministic), sent under
        // the first of those spellings.
        var caller: [String: (name: String, values: [String])] = [:]
        for name in request.headers.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let lower = name.lowercased()
            guard !lower.isEmpty, lower != "authorization", generated[lower] == nil,
                  let value = request.headers[name] else { continue }
            caller[lower, default: (name: name, values: [])].values.append(trim(value))
        }
        let callerHeaders = caller
            .map { (lower: $0.key, name: $0.value.name, value: $0.value.values.joined(separator: ",")) }
            .sorted { $0.lower.utf8.lexicographicallyPrecedes($1.lower.utf8) }

        var all: [(lower: String, name: String, value: String)] = []
        for lower in ["host", "x-sdk-date"] {
            if let header = generated[lower] {
                all.append((lower, header.name, trim(header.value)))
            }
        }
        all += callerHeaders
        if let token = generated["x-security-token"] {
            all.append(("x-security-token", token.name, trim(token.value)))
        }

        let signed = all
            .filter { !$0.lower.contains("_") }
            .sorted { $0.lower.utf8.lexicographicallyPrecedes($1.lower.utf8) }
        let canonicalHeaders = signed.map { "\($0.lower):\($0.value)\n" }.joined()
        let signedHeaders = signed.map(\.lower).joined(separator: ";")
        let canonicalURI = canonicalURI(path: request.path)
        let canonicalQuery = canonicalQuery(request.query)

        let canonicalRequest = canonicalRequest(
            method: request.method,
            canonicalURI: canonicalURI,
            canonicalQuery: canonicalQuery,
            canonicalHeaders: canonicalHeaders,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash
        )
        let hashedCanonicalRequest = Hex.sha256(Array(canonicalRequest.utf8))
        let stringToSign = stringToSign(sdkDate: sdkDate, hashedCanonicalRequest: hashedCanonicalRequest)
        let signature = sign(stringToSign: stringToSign, secret: credentials.secret)
        let authorization = authorization(
            accessKeyId: credentials.accessKeyId,
            signedHeaders: signedHeaders,
            signature: signature
        )

        return Signature(
            sdkDate: sdkDate,
            payloadHash: payloadHash,
            canonicalURI: canonicalURI,
            canonicalQuery: canonicalQuery,
            canonicalHeaders: canonicalHeaders,
            signedHeaders: signedHeaders,
            canonicalRequest: canonicalRequest,
            hashedCanonicalRequest: hashedCanonicalRequest,
            stringToSign: stringToSign,
            signature: signature,
            authorization: authorization,
            headers: all.map { (name: $0.name, value: $0.value) } + [(name: "Authorization", value: authorization)],
            queryString: canonicalQuery
        )
    }

    /// `METHOD\nURI\nQUERY\nHEADERS\nSIGNED\nHASH` (§3 step 8). `canonicalHeaders` already ends
    /// in `\n`, so a blank line precedes `signedHeaders`; there is no trailing newline.
    public static func canonicalRequest(
        method: String,
        canonicalURI: String,
        canonicalQuery: String,
        canonicalHeaders: String,
        signedHeaders: String,
        payloadHash: String
    ) -> String {
        [method.uppercased(), canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")
    }

    /// `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>` (§3 step 9).
    public static func stringToSign(sdkDate: String, hashedCanonicalRequest: String) -> String {
        "\(algorithm)\n\(sdkDate)\n\(hashedCanonicalRequest)"
    }

    /// Low level: lower-case hex `HMAC-SHA256(key: utf8(secret), utf8(stringToSign))` (§3 step 10).
    public static func sign(stringToSign: String, secret: String) -> String {
        Hex.encode(
            HMAC<SHA256>.authenticationCode(
                for: Array(stringToSign.utf8),
                using: SymmetricKey(data: Array(secret.utf8))
            )
        )
    }

    /// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>` (§3 step 11: one
    /// space after the algorithm, `", "` between the parts).
    public static func authorization(accessKeyId: String, signedHeaders: String, signature: String) -> String {
        "\(algorithm) Access=\(accessKeyId), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    private static func trim(_ value: String) -> String {
        value.trimmingWhitespace
    }
}
