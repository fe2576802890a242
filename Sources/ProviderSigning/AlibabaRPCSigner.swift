import Crypto
import Foundation

/// Alibaba Cloud RPC "signature v1" (HMAC-SHA1), a.k.a. the V2 request syntax,
/// `shared/providers/alibaba.md` §2 and §5.1.
///
/// A pure function of its inputs: the caller passes the timestamp and the nonce, so tests pin
/// both. Steps: all parameters (common + business, decoded, without `Signature`) → sorted by
/// name in byte order → `pct(name)=pct(value)` joined by `&` (CanonicalizedQueryString) →
/// `METHOD&%2F&pct(canonical)` (StringToSign) → `Base64(HMAC-SHA1(secret + "&", StringToSign))`.
public enum AlibabaRPCSigner {
    /// One RPC call, before the common parameters are added.
    public struct Request: Sendable {
        /// HTTP method actually used (`POST`, or `GET` for e.g. `DescribeClusterBackupList`).
        public var method: String
        /// `Action`, e.g. `CreateBackup`.
        public var action: String
        /// `Version`, e.g. `2015-01-01`.
        public var version: String
        /// Business parameters, decoded, in any order. A name that is also a common parameter
        /// replaces the generated value (as the SDKs' merge does); `Signature` is ignored.
        public var parameters: [(String, String)]
        /// `Format`. The Tea SDK sends `json`, aliyunsdkcore `JSON`; omitted means XML, so it is
        /// always sent.
        public var format: String
        /// `RegionId`, added when non-nil (aliyunsdkcore adds it to every call).
        public var regionId: String?
        /// Add `SignatureType=` with an empty value, as aliyunsdkcore does (it is then signed).
        public var includeEmptySignatureType: Bool

        public init(
            method: String,
            action: String,
            version: String,
            parameters: [(String, String)] = [],
            format: String = "JSON",
            regionId: String? = nil,
            includeEmptySignatureType: Bool = false
        ) {
            self.method = method
            self.action = action
            self.version = version
            self.parameters = parameters
            self.format = format
            self.regionId = regionId
            self.includeEmptySignatureType = includeEmptySignatureType
        }
    }

    /// Every intermediate value, so tests can compare each step with the vectors.
    public struct Signature: Sendable {
        /// All signed parameters (common + business, decoded), sorted by name in byte order.
        public var parameters: [(name: String, value: String)]
        /// `pct(name)=pct(value)&…` over `parameters`.
        public var canonicalizedQuery: String
        /// `METHOD&%2F&pct(canonicalizedQuery)`.
        public var stringToSign: String
        /// Base64 HMAC-SHA1 with key `secret&` (contains `+ / =`; never put it on the wire raw).
        public var signature: String
        /// The query to send after `/?`: `parameters` in order, then `Signature`, every name and
        /// value percent-encoded with `AlibabaPercentEncoding.encode` (so `+` → `%2B`).
        public var queryString: String
    }

    public static let signatureMethod = "HMAC-SHA1"
    public static let signatureVersion = "1.0"

    /// Signs `request` with the given `Timestamp` and `SignatureNonce`.
    ///
    /// Adds `Action`, `Version`, `Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
    /// `SignatureNonce`, `Timestamp` (`yyyy-MM-ddTHH:mm:ssZ`, UTC), `SecurityToken` when the
    /// credentials carry a session token, and optionally `RegionId` and `SignatureType=`.
    public static func sign(
        _ request: Request,
        credentials: SigningCredentials,
        timestamp: Date,
        nonce: String
    ) -> Signature {
        var common: [(String, String)] = [
            ("Action", request.action),
            ("Version", request.version),
            ("Format", request.format),
            ("AccessKeyId", credentials.accessKeyId),
            ("SignatureMethod", signatureMethod),
            ("SignatureVersion", signatureVersion),
            ("SignatureNonce", nonce),
            ("Timestamp", UTCTimestamp.seconds(timestamp)),
        ]
        if let token = credentials.sessionToken {
            common.append(("SecurityToken", token))
        }
        if let regionId = request.regionId {
            common.append(("RegionId", regionId))
        }
        if request.includeEmptySignatureType {
            common.append(("SignatureType", ""))
        }
        let business = request.parameters.filter { $0.0 != "Signature" }
        let overridden = Set(business.map(\.0))
        let all = common.filter { !overridden.contains($0.0) } + business

        let parameters = AlibabaPercentEncoding.sorted(all)
        let pairs = parameters.map { ($0.name, $0.value) }
        let canonicalizedQuery = AlibabaPercentEncoding.canonicalQuery(pairs)
        let stringToSign = stringToSign(method: request.method, canonicalizedQuery: canonicalizedQuery)
        let signature = sign(stringToSign: stringToSign, secret: credentials.secret)
        return Signature(
            parameters: parameters,
            canonicalizedQuery: canonicalizedQuery,
            stringToSign: stringToSign,
            signature: signature,
            queryString: AlibabaPercentEncoding.query(pairs + [("Signature", signature)])
        )
    }

    /// Low level: the StringToSign over arbitrary parameters (decoded, any order, without
    /// `Signature`), nothing added — e.g. for the legacy `TimeStamp` spelling.
    public static func stringToSign(method: String, parameters: [(String, String)]) -> String {
        stringToSign(method: method, canonicalizedQuery: AlibabaPercentEncoding.canonicalQuery(parameters))
    }

    /// `METHOD&%2F&pct(canonicalizedQuery)`.
    public static func stringToSign(method: String, canonicalizedQuery: String) -> String {
        "\(method.uppercased())&\(AlibabaPercentEncoding.encode("/"))&\(AlibabaPercentEncoding.encode(canonicalizedQuery))"
    }

    /// Low level: `Base64(HMAC-SHA1(key: secret + "&", stringToSign))`.
    public static func sign(stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array("\(secret)&".utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}
