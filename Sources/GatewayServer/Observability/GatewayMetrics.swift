import GatewayCore
import Prometheus

/// The gateway's metrics: one Prometheus registry per application (tests build many in one
/// process, so nothing here touches the global `MetricsSystem`), with one recording method per
/// series of `MetricSeries`. Label values are bounded: route templates, configured accounts,
/// provider action names, closed outcome sets.
public final class GatewayMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let process: ProcessMetrics

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.process = ProcessMetrics(registry: registry)
    }

    /// The Prometheus text exposition (format 0.0.4) of every series, process metrics refreshed.
    public func exposition() -> String {
        process.refresh()
        return registry.emitToString()
    }

    // MARK: HTTP

    func httpRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricSeries.httpRequests.descriptor, labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricSeries.httpRequestDuration.descriptor, labels: [("method", method), ("route", route)],
            buckets: MetricBuckets.latency
        ).record(duration)
    }

    // MARK: Providers

    func providerAttempt(provider: String, account: String, action: String, outcome: String, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricSeries.providerRequests.descriptor,
            labels: [("provider", provider), ("account", account), ("action", action), ("outcome", outcome)]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricSeries.providerRequestDuration.descriptor, labels: [("provider", provider), ("action", action)],
            buckets: MetricBuckets.latency
        ).record(duration)
    }

    func providerRetry(provider: String, action: String) {
        registry.makeCounter(
            descriptor: MetricSeries.providerRetries.descriptor, labels: [("provider", provider), ("action", action)]
        ).increment()
    }

    func rateLimitWait(provider: String, account: String, action: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: MetricSeries.rateLimitWait.descriptor,
            labels: [("provider", provider), ("account", account), ("action", action)], buckets: MetricBuckets.latency
        ).record(duration)
    }

    func rateLimitRejection(provider: String, account: String, action: String) {
        registry.makeCounter(
            descriptor: MetricSeries.rateLimitRejections.descriptor,
            labels: [("provider", provider), ("account", account), ("action", action)]
        ).increment()
    }

    // MARK: Operations and store

    /// An operation was accepted in `state`, or reached the terminal `state`.
    func operation(kind: OperationKind, state: OperationState) {
        registry.makeCounter(
            descriptor: MetricSeries.operations.descriptor, labels: [("kind", kind.rawValue), ("state", state.rawValue)]
        ).increment()
    }

    func unfinishedOperations(_ count: Int) {
        registry.makeGauge(descriptor: MetricSeries.operationsUnfinished.descriptor).set(Double(count))
    }

    func storeCall(_ operation: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: MetricSeries.storeOperationDuration.descriptor, labels: [("operation", operation)], buckets: MetricBuckets.store
        ).record(duration)
    }
}
