import Foundation

/// The log level threshold; raw values are the `logging.level` values (and swift-log's).
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// How log lines are written to standard output.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// One readable line per event (swift-log's stream handler).
    case text
    /// One JSON object per line, for log collectors.
    case json
}

/// `logging:` section.
public struct LoggingSettings: Sendable, Hashable {
    public var level: LogLevel
    public var format: LogFormat

    public init(level: LogLevel = .info, format: LogFormat = .text) {
        self.level = level
        self.format = format
    }
}

/// `tracing:` section: spans exported over OTLP/HTTP (protobuf) when enabled; off by default.
public struct TracingSettings: Sendable, Hashable {
    public var enabled: Bool
    /// The collector's OTLP/HTTP base URL; spans go to `<endpoint>/v1/traces`.
    /// Default `http://localhost:4318`.
    public var endpoint: URL
    /// `service.name` of the exported resource. Default `redis-backup-gateway`.
    public var serviceName: String
    /// Fraction of root spans kept, 0...1 (parent-based: an incoming sampled `traceparent` is
    /// always kept). Default 1.
    public var sampleRatio: Double

    public static let defaultEndpoint = URL(string: "http://localhost:4318")!

    public init(
        enabled: Bool = false, endpoint: URL = TracingSettings.defaultEndpoint,
        serviceName: String = "redis-backup-gateway", sampleRatio: Double = 1
    ) {
        self.enabled = enabled
        self.endpoint = endpoint
        self.serviceName = serviceName
        self.sampleRatio = sampleRatio
    }
}
