/// The provider APIs the gateway speaks. Raw values are the `provider:` values of the config.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case tencent
    case tencentLegacy = "tencent-legacy"
    case alibaba
    case huawei

    /// A human-readable name for listings.
    public var displayName: String {
        switch self {
        case .tencent: "Tencent Cloud Redis (API 3.0)"
        case .tencentLegacy: "Tencent Cloud CRS (legacy API 2.0)"
        case .alibaba: "Alibaba Cloud Tair / R-KVStore"
        case .huawei: "Huawei Cloud DCS"
        }
    }

    /// The provider API and version this kind speaks.
    public var apiDescription: String {
        switch self {
        case .tencent: "redis 2018-04-12"
        case .tencentLegacy: "CRS API 2.0 /v2/index.php"
        case .alibaba: "R-KVStore 2015-01-01 (RPC)"
        case .huawei: "DCS v2 and v1.0"
        }
    }

    /// The request signature schemes used for this kind.
    public var signingSchemes: [String] {
        switch self {
        case .tencent: ["TC3-HMAC-SHA256"]
        case .tencentLegacy: ["HmacSHA1", "HmacSHA256"]
        case .alibaba: ["ACS3-HMAC-SHA256", "HMAC-SHA1 (RPC v1)"]
        case .huawei: ["SDK-HMAC-SHA256"]
        }
    }
}
