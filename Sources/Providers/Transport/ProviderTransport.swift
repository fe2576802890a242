import AsyncHTTPClient
import Foundation
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1

/// Sends provider requests: one configured `HTTPClient` (TLS verification on, no redirects,
/// pool limits), a deadline per call and a cap on response size. Transport failures become
/// `provider_unavailable` / `provider_timeout`, marked `outcomeUnknown` whenever the request
/// may have reached the provider.
public final class ProviderTransport: Sendable {
    /// Settings of the shared client.
    public struct Configuration: Sendable {
        public var maxResponseBytes: Int
        public var connectTimeout: TimeAmount
        public var maxConnectionsPerHost: Int

        public init(maxResponseBytes: Int = 4 << 20, connectTimeout: TimeAmount = .seconds(5), maxConnectionsPerHost: Int = 64) {
            self.maxResponseBytes = maxResponseBytes
            self.connectTimeout = connectTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }

    private let client: HTTPClient
    private let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.tlsConfiguration = .makeClientConfiguration()  // full certificate verification
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.timeout = .init(connect: configuration.connectTimeout)
        clientConfiguration.decompression = .disabled
        // `ProviderCaller` opens one span per attempt; the client must not add its own, nor send
        // `traceparent` to the providers.
        clientConfiguration.tracing.tracer = nil
        clientConfiguration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConnectionsPerHost
        )
        // Fail at once when the provider refuses connections instead of waiting out the deadline.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        self.configuration = configuration
    }

    /// Closes the client's connections. Call once on shutdown.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request`, failing with `provider_timeout` when `deadline` passes.
    public func send(_ request: ProviderHTTPRequest, deadline: Date, provider: ProviderKind) async throws(GatewayError) -> ProviderHTTPResponse {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else {
            throw GatewayError(.providerTimeout, reason: "DEADLINE_EXCEEDED", detail: "No time was left to call \(provider.displayName).")
        }
        var headers = HTTPHeaders()
        for header in request.headers {
            headers.add(name: header.name, value: header.value)
        }
        let body: HTTPClient.Body? = !request.body.isEmpty || request.method == "POST" ? .bytes(request.body) : nil
        let nioDeadline = NIODeadline.now() + .nanoseconds(Int64(remaining * 1_000_000_000))
        do {
            let httpRequest = try HTTPClient.Request(url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers, body: body)
            // The delegate API's deadline covers the whole exchange, body included (the async
            // API's ends once the head arrives, so a provider stalling mid-body would hold the
            // call and its connection for as long as it liked). Past it the connection is closed.
            let accumulator = ResponseAccumulator(request: httpRequest, maxBodySize: configuration.maxResponseBytes)
            let task = client.execute(request: httpRequest, delegate: accumulator, deadline: nioDeadline)
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return ProviderHTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: response.body.map { Array($0.readableBytesView) } ?? []
            )
        } catch {
            throw TransportFailure.classify(error, provider: provider, maxResponseBytes: configuration.maxResponseBytes)
        }
    }
}
