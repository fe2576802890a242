import Foundation
import Yams

/// `store:`, `logging:` and `tracing:`.
extension ConfigurationDecoder {
    static let storeKeys = ["url"] + StoreSettings.postgresOnlyKeys

    mutating func decodeStore(_ node: Node, at path: String) -> StoreSettings {
        var store = StoreSettings()
        guard let fields = walker.fields(node, at: path, keys: Self.storeKeys, unknownKey: { key in
            Self.literalSecretMessage(for: key) != nil ? "the database password is only accepted by reference: use passwordEnv or passwordFile" : nil
        }) else { return store }
        if let url = walker.string(fields, "url") {
            if let problem = ConfigurationRules.storeURL(url) { walker.report(fields.path("url"), problem) } else { store.url = url }
        }
        guard store.isPostgres else {
            for key in StoreSettings.postgresOnlyKeys where fields[key] != nil {
                walker.report(fields.path(key), "only used with a postgres:// store URL")
            }
            return store
        }
        if case .present(let source) = secretReference(fields, prefix: "password", at: path, what: "the database password") {
            store.password = source
        }
        if let mode: PostgresTLSMode = walker.choice(fields, "tls", "TLS mode") { store.tls = mode }
        if let schema = walker.string(fields, "schema") {
            if let problem = ConfigurationRules.sqlIdentifier(schema) { walker.report(fields.path("schema"), problem) } else { store.schema = schema }
        }
        if let size = walker.integer(fields, "poolSize", in: StoreSettings.poolSizeRange) { store.poolSize = size }
        return store
    }

    mutating func decodeLogging(_ node: Node, at path: String) -> LoggingSettings {
        var logging = LoggingSettings()
        guard let fields = walker.fields(node, at: path, keys: ["level", "format"]) else { return logging }
        if let level: LogLevel = walker.choice(fields, "level", "level") { logging.level = level }
        if let format: LogFormat = walker.choice(fields, "format", "format") { logging.format = format }
        return logging
    }

    mutating func decodeTracing(_ node: Node, at path: String) -> TracingSettings {
        var tracing = TracingSettings()
        guard let fields = walker.fields(node, at: path, keys: ["enabled", "endpoint", "serviceName", "sampleRatio"]) else { return tracing }
        if let enabled = walker.bool(fields, "enabled") { tracing.enabled = enabled }
        if let text = walker.string(fields, "endpoint") {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false,
               url.query == nil, url.user == nil {
                tracing.endpoint = url
            } else {
                walker.report(fields.path("endpoint"), "expected an http(s) URL of an OTLP/HTTP collector, e.g. http://otel-collector:4318")
            }
        }
        if let name = walker.string(fields, "serviceName") {
            if name.isEmpty { walker.report(fields.path("serviceName"), "cannot be empty") } else { tracing.serviceName = name }
        }
        if let node = fields["sampleRatio"], let ratio = walker.number(node, at: fields.path("sampleRatio")) {
            if (0...1).contains(ratio) { tracing.sampleRatio = ratio } else { walker.report(fields.path("sampleRatio"), "must be between 0 and 1 (got \(ratio))") }
        }
        return tracing
    }
}
