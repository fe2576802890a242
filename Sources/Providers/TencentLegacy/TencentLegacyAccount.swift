import Foundation
import GatewayCore
import ProviderSigning

/// One account still on Tencent Cloud's legacy CRS API 2.0.
public struct TencentLegacyAccount: Sendable {
    public var name: String
    /// As the account's legacy calls used it: `gz`, `sh`, … or `ap-guangzhou`.
    public var region: String
    /// `https://redis.api.qcloud.com` unless overridden; calls go to `<endpoint>/v2/index.php`.
    public var endpoint: URL
    public var credentials: SigningCredentials
    public var signatureMethod: TencentV2Signer.Method
    public var requestTimeout: Duration

    public init(
        name: String, region: String, endpoint: URL? = nil, credentials: SigningCredentials,
        signatureMethod: TencentV2Signer.Method = .hmacSHA1, requestTimeout: Duration = .seconds(10)
    ) {
        self.name = name
        self.region = region
        self.endpoint = endpoint ?? URL(string: "https://redis.api.qcloud.com")!
        self.credentials = credentials
        self.signatureMethod = signatureMethod
        self.requestTimeout = requestTimeout
    }
}
