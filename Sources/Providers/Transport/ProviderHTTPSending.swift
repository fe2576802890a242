import Foundation
import GatewayCore

/// What sends one signed provider request: `ProviderTransport` in production, a scripted
/// stand-in in unit tests of the call policy. Failures are already in the taxonomy.
public protocol ProviderHTTPSending: Sendable {
    /// Sends `request`, failing with `provider_timeout` when `deadline` passes.
    func send(_ request: ProviderHTTPRequest, deadline: Date, provider: ProviderKind) async throws(GatewayError) -> ProviderHTTPResponse
}

extension ProviderTransport: ProviderHTTPSending {}
