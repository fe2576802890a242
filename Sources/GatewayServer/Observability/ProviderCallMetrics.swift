import GatewayCore
import Providers

/// The transport layer's call events as metrics: `gateway_provider_requests_total`,
/// `gateway_provider_request_duration_seconds`, `gateway_provider_retries_total`,
/// `gateway_rate_limit_wait_seconds` and `gateway_rate_limit_rejections_total`.
struct ProviderCallMetrics: ProviderCallObserver {
    let metrics: GatewayMetrics

    func attemptFinished(_ attempt: ProviderAttempt) {
        metrics.providerAttempt(
            provider: attempt.call.provider.rawValue, account: attempt.call.account, action: attempt.call.action,
            outcome: attempt.outcome.rawValue, duration: attempt.duration
        )
    }

    func retryScheduled(_ call: ProviderCallIdentity, delay: Duration, after failure: GatewayError) {
        metrics.providerRetry(provider: call.provider.rawValue, action: call.action)
    }

    func rateLimitWaited(_ call: ProviderCallIdentity, duration: Duration) {
        metrics.rateLimitWait(provider: call.provider.rawValue, account: call.account, action: call.action, duration: duration)
    }

    func rateLimitRejected(_ call: ProviderCallIdentity) {
        metrics.rateLimitRejection(provider: call.provider.rawValue, account: call.account, action: call.action)
    }
}
