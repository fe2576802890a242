import Foundation
import GatewayCore
import ProviderSigning

/// One configured Huawei Cloud account (a region's project) as the DCS driver needs it.
public struct HuaweiAccount: Sendable {
    /// DCS API generation: `v2` (default) or the legacy `v1.0`.
    public enum APIVersion: String, Sendable {
        case v2
        case v1_0 = "v1.0"
    }

    public var name: String
    public var region: String
    /// 32 hex characters; the first path segment of every call.
    public var projectId: String
    public var endpoint: URL
    public var credentials: SigningCredentials
    public var apiVersion: APIVersion
    public var requestTimeout: Duration

    public init(
        name: String, region: String, projectId: String, endpoint: URL? = nil, credentials: SigningCredentials,
        apiVersion: APIVersion = .v2, requestTimeout: Duration = .seconds(10)
    ) {
        self.name = name
        self.region = region
        self.projectId = projectId
        self.endpoint = endpoint ?? URL(string: "https://dcs.\(region).myhuaweicloud.com")!
        self.credentials = credentials
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
    }
}
