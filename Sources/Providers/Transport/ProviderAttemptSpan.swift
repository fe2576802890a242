import Foundation
import GatewayCore
import Tracing

/// The tracing span of one provider call attempt (kind `client`), a child of the task's current
/// span. Carries the provider, account, action, attempt number, method, host, HTTP status and
/// provider request id; never headers, bodies or query strings. A no-op while no tracer is
/// bootstrapped.
struct ProviderAttemptSpan {
    private let span: any Span

    init(_ call: ProviderCallIdentity, attempt: Int) {
        span = startSpan("\(call.provider.rawValue) \(call.action)", ofKind: .client)
        span.updateAttributes { attributes in
            attributes["gateway.provider"] = call.provider.rawValue
            attributes["gateway.account"] = call.account
            attributes["gateway.action"] = call.action
            attributes["gateway.attempt"] = attempt
        }
    }

    /// Records where the signed request goes (method and host only).
    func sending(_ request: ProviderHTTPRequest) {
        span.updateAttributes { attributes in
            attributes["http.request.method"] = request.method
            if let host = URL(string: request.url)?.host {
                attributes["server.address"] = host
            }
        }
    }

    /// Ends the span with the attempt's outcome.
    func end(outcome: ProviderCallOutcome, httpStatus: Int?, providerRequestId: String?, failure: GatewayError?) {
        span.updateAttributes { attributes in
            attributes["gateway.outcome"] = outcome.rawValue
            if let httpStatus { attributes["http.response.status_code"] = httpStatus }
            if let providerRequestId { attributes["gateway.provider_request_id"] = providerRequestId }
            if let failure {
                attributes["error.type"] = failure.code.rawValue
                attributes["gateway.reason"] = failure.reason
            }
        }
        if let failure {
            span.setStatus(SpanStatus(code: .error, message: "\(failure.code.rawValue)/\(failure.reason)"))
        }
        span.end()
    }
}
