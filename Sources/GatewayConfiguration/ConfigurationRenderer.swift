import Yams

extension ConfigurationLoader {
    /// The configuration as YAML in the file's own shape, every setting spelled out (defaults
    /// included). `parse(yaml: render(config))` gives `config` back. Contains references to
    /// secrets only, so it is safe to print (`check-config`).
    public static func render(_ config: GatewayConfiguration) -> String {
        var sections: [(String, Node)] = [
            ("server", mapping([
                ("host", string(config.server.host)),
                ("port", Node(String(config.server.port))),
                ("corsOrigins", Node(config.server.corsOrigins.map(string), .implicit, .flow)),
                ("drainDelay", string(DurationText.format(config.server.drainDelay))),
                ("gracePeriod", string(DurationText.format(config.server.gracePeriod))),
            ])),
            ("store", store(config.store)),
            ("sandbox", Node(config.sandbox ? "true" : "false")),
            ("logging", mapping([
                ("level", string(config.logging.level.rawValue)), ("format", string(config.logging.format.rawValue)),
            ])),
            ("tracing", mapping([
                ("enabled", Node(config.tracing.enabled ? "true" : "false")),
                ("endpoint", string(config.tracing.endpoint.absoluteString)),
                ("serviceName", string(config.tracing.serviceName)),
                ("sampleRatio", Node(String(config.tracing.sampleRatio))),
            ])),
            ("operations", mapping([("refreshInterval", string(DurationText.format(config.operations.refreshInterval)))])),
        ]
        if let auth = config.auth { sections.append(("auth", Self.auth(auth))) }
        if let webhooks = config.webhooks {
            var pairs: [(String, Node)] = []
            if let secret = webhooks.secret { pairs.append(reference("secret", secret)) }
            pairs.append(("timeout", string(DurationText.format(webhooks.timeout))))
            pairs.append(("maxAttempts", Node(String(webhooks.maxAttempts))))
            sections.append(("webhooks", mapping(pairs)))
        }
        sections.append(("accounts", Node(config.accounts.map(account))))
        let root = mapping(sections)
        return (try? Yams.serialize(node: root, sortKeys: false)) ?? ""
    }

    private static func store(_ store: StoreSettings) -> Node {
        var pairs: [(String, Node)] = [("url", string(store.url))]
        guard store.isPostgres else { return mapping(pairs) }
        if let password = store.password { pairs.append(reference("password", password)) }
        pairs.append(("tls", string(store.tls.rawValue)))
        pairs.append(("schema", string(store.schema)))
        pairs.append(("poolSize", Node(String(store.poolSize))))
        return mapping(pairs)
    }

    private static func account(_ account: AccountSettings) -> Node {
        var pairs: [(String, Node)] = [
            ("name", string(account.name)),
            ("provider", string(account.provider.rawValue)),
            ("region", string(account.region)),
        ]
        if let endpoint = account.endpoint { pairs.append(("endpoint", string(endpoint.absoluteString))) }
        let specific: [(String, String?)] = [
            ("projectId", account.projectId), ("signatureVersion", account.signatureVersion),
            ("signatureMethod", account.signatureMethod), ("apiVersion", account.apiVersion),
        ]
        for case let (key, value?) in specific { pairs.append((key, string(value))) }
        var credentials: [(String, Node)] = [
            reference("id", account.credentials.id), reference("secret", account.credentials.secret),
        ]
        if let token = account.credentials.token { credentials.append(reference("token", token)) }
        pairs.append(("credentials", mapping(credentials, style: .flow)))
        pairs.append(("instances", Node(account.instances.map(string), .implicit, .flow)))
        let limits = account.rateLimits.sorted { ($0.key == "default" ? "" : $0.key) < ($1.key == "default" ? "" : $1.key) }
        pairs.append(("rateLimits", mapping(limits.map { ($0.key, Node(number($0.value))) }, style: .flow)))
        pairs.append(("timeouts", mapping([
            ("request", string(DurationText.format(account.requestTimeout))),
            ("operation", string(DurationText.format(account.operationTimeout))),
            ("rateLimitWait", string(DurationText.format(account.rateLimitWait))),
        ], style: .flow)))
        if let webhookUrl = account.webhookUrl { pairs.append(("webhookUrl", string(webhookUrl))) }
        return mapping(pairs)
    }

    private static func auth(_ auth: AuthSettings) -> Node {
        var pairs: [(String, Node)] = [("probes", string(auth.probes.rawValue))]
        if auth.disabled { pairs.append(("disabled", Node("true"))) }
        if !auth.tokens.isEmpty {
            pairs.append(("tokens", Node(auth.tokens.map { token in
                var fields: [(String, Node)] = [("name", string(token.name))]
                switch token.credential {
                case .source(let source): fields.append(reference("token", source))
                case .sha256(let hex): fields.append(("tokenSha256", string(hex)))
                }
                fields.append(("scopes", Node(token.scopes.map { string($0.rawValue) }, .implicit, .flow)))
                fields.append(("instances", Node(token.instances.map(string), .implicit, .flow)))
                return mapping(fields)
            })))
        }
        return mapping(pairs)
    }

    private static func reference(_ role: String, _ source: SecretSource) -> (String, Node) {
        switch source {
        case .environment(let name): ("\(role)Env", string(name))
        case .file(let path): ("\(role)File", string(path))
        }
    }

    private static func mapping(_ pairs: [(String, Node)], style: Node.Mapping.Style = .block) -> Node {
        Node(pairs.map { (string($0.0), $0.1) }, .implicit, style)
    }

    /// A string scalar, quoted when it would otherwise read back as a number, bool or null.
    private static func string(_ text: String) -> Node {
        let plain = Node(text)
        let resolvesToString = Tag.Name(rawValue: plain.tag.rawValue) == .str
        return resolvesToString ? plain : Node(text, .implicit, .doubleQuoted)
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
