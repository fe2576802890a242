/// The whole gateway configuration (DESIGN.md §5), as read from the YAML file.
/// Holds references to secrets, never secret values.
public struct GatewayConfiguration: Sendable, Hashable {
    public var server: ServerSettings
    public var store: StoreSettings
    /// Start the in-process provider simulators with sample instances and route them.
    public var sandbox: Bool
    public var logging: LoggingSettings
    /// Span export; disabled by default.
    public var tracing: TracingSettings
    public var operations: OperationSettings
    /// Caller authentication; nil when the file has no `auth` section (no authentication,
    /// accepted only on a loopback `server.host`).
    public var auth: AuthSettings?
    /// Webhook deliveries (`callbackUrl`, `accounts[].webhookUrl`); nil when not configured.
    public var webhooks: WebhookSettings?
    /// Provider accounts, in file order (the order matters for routing by pattern).
    public var accounts: [AccountSettings]

    public init(
        server: ServerSettings = ServerSettings(), store: StoreSettings = StoreSettings(), sandbox: Bool = false,
        logging: LoggingSettings = LoggingSettings(), tracing: TracingSettings = TracingSettings(), operations: OperationSettings = OperationSettings(),
        auth: AuthSettings? = nil, webhooks: WebhookSettings? = nil, accounts: [AccountSettings] = []
    ) {
        self.server = server
        self.store = store
        self.sandbox = sandbox
        self.logging = logging
        self.tracing = tracing
        self.operations = operations
        self.auth = auth
        self.webhooks = webhooks
        self.accounts = accounts
    }

    /// Every default, no accounts.
    public static let `default` = GatewayConfiguration()
}

/// `operations:` section.
public struct OperationSettings: Sendable, Hashable {
    /// How fresh a stored operation must be before `GET /operations/{id}` asks the provider
    /// again. 100ms...10m, default 2s.
    public var refreshInterval: Duration

    public static let refreshIntervalRange: ClosedRange<Duration> = .milliseconds(100) ... .seconds(600)

    public init(refreshInterval: Duration = .seconds(2)) {
        self.refreshInterval = refreshInterval
    }
}
