import Foundation
import AsyncHTTPClient
import GatewayCore
import NIOCore
import NIOPosix

/// Turns what AsyncHTTPClient and NIO throw into the gateway's taxonomy.
enum TransportFailure {
    static func classify(_ error: any Error, provider: ProviderKind, maxResponseBytes: Int) -> GatewayError {
        let name = provider.displayName
        if let error = error as? GatewayError { return error }
        if error is NIOTooManyBytesError || error is ResponseAccumulator.ResponseTooBigError {
            var failure = GatewayError(.providerError, reason: "RESPONSE_TOO_LARGE", detail: "\(name) sent a response larger than \(maxResponseBytes) bytes.")
            failure.outcomeUnknown = true
            return failure
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                var failure = GatewayError(.providerTimeout, reason: "PROVIDER_TIMEOUT", detail: "\(name) did not answer within the deadline.")
                failure.outcomeUnknown = true
                return failure
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return GatewayError(.providerUnavailable, reason: "CONNECT_FAILED", detail: "Could not connect to \(name) in time.")
            case .cancelled:
                var failure = GatewayError(.providerUnavailable, reason: "CALL_CANCELLED", detail: "The call to \(name) was cancelled.")
                failure.outcomeUnknown = true
                return failure
            case .invalidURL, .emptyHost, .emptyScheme:
                return GatewayError(.internal, reason: "ENDPOINT_INVALID", detail: "The configured endpoint for \(name) is not a valid URL.")
            default:
                var failure = GatewayError(.providerUnavailable, reason: "CONNECTION_LOST", detail: "The connection to \(name) broke before a complete answer arrived.")
                failure.outcomeUnknown = true
                return failure
            }
        }
        if error is NIOConnectionError || error is ChannelError || (error as? IOError).map({ isConnectErrno($0.errnoCode) }) == true {
            if case .ioOnClosedChannel? = error as? ChannelError {
                var failure = GatewayError(.providerUnavailable, reason: "CONNECTION_LOST", detail: "The connection to \(name) closed before a complete answer arrived.")
                failure.outcomeUnknown = true
                return failure
            }
            return GatewayError(.providerUnavailable, reason: "CONNECT_FAILED", detail: "Could not connect to \(name).")
        }
        if String(describing: type(of: error)).contains("SSL") {
            return GatewayError(.providerUnavailable, reason: "TLS_FAILED", detail: "The TLS handshake with \(name) failed (certificate verification is on).")
        }
        var failure = GatewayError(.providerUnavailable, reason: "TRANSPORT_FAILED", detail: "The call to \(name) failed in transport.")
        failure.outcomeUnknown = true
        return failure
    }

    private static func isConnectErrno(_ code: Int32) -> Bool {
        [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT].contains(code)
    }
}
