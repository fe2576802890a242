import GatewayConfiguration
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Span export with swift-otel when `tracing.enabled`: OTLP/HTTP (protobuf) to
/// `<tracing.endpoint>/v1/traces`, a parent-based sampler keeping `tracing.sampleRatio` of root
/// spans, W3C trace-context propagation. Only the tracer is bootstrapped: logs and metrics stay
/// the gateway's own. The standard `OTEL_*` environment variables still override these settings.
public enum GatewayTracing {
    /// Bootstraps the global `InstrumentationSystem` (once per process) and returns the service
    /// that batches and exports spans; run it for as long as the gateway runs (it flushes on
    /// graceful shutdown).
    public static func bootstrap(_ settings: TracingSettings, version: String = GatewayVersion.current, logger: Logger) throws -> any Service {
        let backend = try OTel.makeTracingBackend(configuration: configuration(settings, version: version, logger: logger))
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// The swift-otel configuration `bootstrap` uses.
    static func configuration(_ settings: TracingSettings, version: String, logger: Logger) -> OTel.Configuration {
        var configuration = OTel.Configuration.default
        configuration.serviceName = settings.serviceName
        configuration.resourceAttributes = ["service.version": version]
        configuration.diagnosticLogger = .custom(logger)
        configuration.propagators = [.traceContext]
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        configuration.traces.otlpExporter.endpoint = tracesURL(settings.endpoint.absoluteString)
        configuration.traces.sampler = .parentBasedTraceIDRatio(ratio: min(max(settings.sampleRatio, 0), 1)) ?? .parentBasedAlwaysOn
        return configuration
    }

    /// `<endpoint>/v1/traces`, whether or not the endpoint ends with a slash.
    static func tracesURL(_ endpoint: String) -> String {
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v1/traces"
    }

    /// Trace and span ids of the current span as log metadata (`trace_id`, `span_id`).
    public static var logMetadataProvider: Logger.MetadataProvider {
        OTel.makeLoggingMetadataProvider()
    }
}
