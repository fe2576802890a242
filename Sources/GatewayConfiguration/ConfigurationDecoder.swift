import GatewayCore
import Yams

/// Turns the composed YAML tree into a `GatewayConfiguration`, collecting every issue.
/// Sections: the top level here, accounts in `AccountDecoder.swift`.
struct ConfigurationDecoder {
    var walker = YAMLWalker()
    let availableProviders: Set<ProviderKind>

    static let topLevelKeys = ["server", "store", "sandbox", "logging", "tracing", "operations", "auth", "webhooks", "accounts"]

    /// Decodes `root`; nil for an empty document means all defaults.
    mutating func decode(_ root: Node?) -> GatewayConfiguration {
        var config = GatewayConfiguration.default
        guard let root, !YAMLWalker.isNull(root) else { return config }
        guard case .mapping = root else {
            walker.report("", "the configuration must be a mapping with the sections \(Self.topLevelKeys.joined(separator: ", ")), got \(YAMLWalker.kind(of: root))")
            return config
        }
        guard let fields = walker.fields(root, at: "", keys: Self.topLevelKeys) else { return config }

        if let node = fields["server"] { config.server = decodeServer(node, at: fields.path("server")) }
        if let node = fields["store"] { config.store = decodeStore(node, at: fields.path("store")) }
        if let sandbox = walker.bool(fields, "sandbox") { config.sandbox = sandbox }
        if let node = fields["logging"] { config.logging = decodeLogging(node, at: fields.path("logging")) }
        if let node = fields["tracing"] { config.tracing = decodeTracing(node, at: fields.path("tracing")) }
        if let node = fields["operations"] { config.operations = decodeOperations(node, at: fields.path("operations")) }
        if let node = fields["auth"] { config.auth = decodeAuth(node, at: fields.path("auth")) }
        if let node = fields["webhooks"] {
            let webhooks = decodeWebhooks(node, at: fields.path("webhooks"))
            if webhooks.secret == nil {
                walker.report(fields.path("webhooks"), "missing secretEnv or secretFile (the key deliveries are signed with)")
            }
            config.webhooks = webhooks
        }
        if let node = fields["accounts"] { config.accounts = decodeAccounts(node, at: fields.path("accounts")) }
        if config.webhooks == nil, let index = config.accounts.firstIndex(where: { $0.webhookUrl != nil }) {
            walker.report("accounts[\(index)].webhookUrl", "webhooks need the webhooks section (secretEnv or secretFile to sign them)")
        }
        requireAuthentication(config)
        return config
    }

    private mutating func decodeServer(_ node: Node, at path: String) -> ServerSettings {
        var server = ServerSettings()
        guard let fields = walker.fields(node, at: path, keys: ["host", "port", "corsOrigins", "drainDelay", "gracePeriod"]) else { return server }
        if let host = walker.string(fields, "host") {
            if let problem = ConfigurationRules.host(host) { walker.report(fields.path("host"), problem) } else { server.host = host }
        }
        if let port = walker.integer(fields, "port") {
            if let problem = ConfigurationRules.port(port) { walker.report(fields.path("port"), problem) } else { server.port = port }
        }
        if let node = fields["corsOrigins"], let origins = walker.list(node, at: fields.path("corsOrigins")) {
            server.corsOrigins = origins.compactMap { element in
                guard let origin = walker.string(element.node, at: element.path) else { return nil }
                if let problem = ConfigurationRules.corsOrigin(origin) {
                    walker.report(element.path, problem)
                    return nil
                }
                return origin
            }
        }
        if let delay = walker.duration(fields, "drainDelay", range: ServerSettings.drainDelayRange) { server.drainDelay = delay }
        if let grace = walker.duration(fields, "gracePeriod", range: ServerSettings.gracePeriodRange) { server.gracePeriod = grace }
        return server
    }

    private mutating func decodeOperations(_ node: Node, at path: String) -> OperationSettings {
        var operations = OperationSettings()
        guard let fields = walker.fields(node, at: path, keys: ["refreshInterval"]) else { return operations }
        if let interval = walker.duration(fields, "refreshInterval", range: OperationSettings.refreshIntervalRange) {
            operations.refreshInterval = interval
        }
        return operations
    }
}
