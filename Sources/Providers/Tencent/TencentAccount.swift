import Foundation
import GatewayCore
import ProviderSigning

/// One configured Tencent Cloud account as the driver needs it.
public struct TencentAccount: Sendable {
    public var name: String
    public var region: String
    /// `https://redis.tencentcloudapi.com` unless overridden.
    public var endpoint: URL
    public var credentials: SigningCredentials
    /// The deadline of one provider call.
    public var requestTimeout: Duration

    public init(name: String, region: String, endpoint: URL? = nil, credentials: SigningCredentials, requestTimeout: Duration = .seconds(10)) {
        self.name = name
        self.region = region
        self.endpoint = endpoint ?? Self.defaultEndpoint(region: region)
        self.credentials = credentials
        self.requestTimeout = requestTimeout
    }

    /// The nearest-region host, except for financial regions, which only the regional host serves.
    public static func defaultEndpoint(region: String) -> URL {
        if region.hasSuffix("-fsi") {
            return URL(string: "https://redis.\(region).tencentcloudapi.com")!
        }
        return URL(string: "https://redis.tencentcloudapi.com")!
    }
}
