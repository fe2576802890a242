import Prometheus

/// One metric family the gateway exposes: its Prometheus name and help text. The names follow
/// Prometheus conventions (`_total` counters, `_seconds` histograms, base units).
struct MetricSeries: Sendable {
    let name: String
    let help: String

    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    static let httpRequests = MetricSeries(
        name: "gateway_http_requests_total",
        help: "HTTP requests answered, by method, route template (unmatched for unknown paths) and status."
    )
    static let httpRequestDuration = MetricSeries(
        name: "gateway_http_request_duration_seconds",
        help: "Time from receiving a request to its response head, by method and route template."
    )
    static let providerRequests = MetricSeries(
        name: "gateway_provider_requests_total",
        help: "Provider API attempts sent, by provider, account, action and outcome "
            + "(success, rejected, throttled, auth_failed, timeout, unavailable, error)."
    )
    static let providerRequestDuration = MetricSeries(
        name: "gateway_provider_request_duration_seconds",
        help: "Duration of one provider API attempt (signing, HTTP exchange, decoding), by provider and action."
    )
    static let providerRetries = MetricSeries(
        name: "gateway_provider_retries_total",
        help: "Provider API attempts repeated after a retryable failure, by provider and action."
    )
    static let rateLimitWait = MetricSeries(
        name: "gateway_rate_limit_wait_seconds",
        help: "Time a provider call waited for its slot under the gateway's own rate limit."
    )
    static let rateLimitRejections = MetricSeries(
        name: "gateway_rate_limit_rejections_total",
        help: "Provider calls refused by the gateway's own rate limit (429 RATE_LIMIT_WAIT_EXCEEDED); nothing was sent."
    )
    static let operations = MetricSeries(
        name: "gateway_operations_total",
        help: "Operations accepted (state as first stored: pending, running, unknown or failed) "
            + "and operations reaching a terminal state when refreshed (succeeded, failed), by kind."
    )
    static let operationsUnfinished = MetricSeries(
        name: "gateway_operations_unfinished",
        help: "Unfinished operations seen by the last reconciler pass (capped at its batch size)."
    )
    static let storeOperationDuration = MetricSeries(
        name: "gateway_store_operation_duration_seconds",
        help: "Duration of operation-store calls, by store method."
    )
    static let residentMemory = MetricSeries(
        name: "process_resident_memory_bytes", help: "Resident memory size in bytes."
    )
    static let startTime = MetricSeries(
        name: "process_start_time_seconds", help: "Start time of the process since the Unix epoch in seconds."
    )
}

/// Histogram buckets of the gateway's duration series.
enum MetricBuckets {
    /// 1 ms … 30 s, roughly 1-2.5-5 per decade: HTTP requests, provider calls, rate-limit waits.
    static let latency: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30),
    ]

    /// 100 µs … 5 s: store calls (local SQLite answers in well under a millisecond).
    static let store: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(5),
    ]
}
