import GatewayConfiguration

/// The authenticated caller of the request at hand: its name (logs, audit, idempotency
/// keys), its scopes and the instances it may touch. Bound to the request's task by
/// `AuthenticationMiddleware`.
struct CallerPrincipal: Sendable, Hashable {
    let name: String
    let scopes: Set<Scope>
    /// Exact ids and globs, as configured.
    let instancePatterns: [String]
    private let matchers: [InstancePattern]

    init(name: String, scopes: Set<Scope>, instancePatterns: [String]) {
        self.name = name
        self.scopes = scopes
        self.instancePatterns = instancePatterns
        self.matchers = instancePatterns.map(InstancePattern.init)
    }

    /// Every caller when authentication is off (no `auth` section on loopback, or
    /// `auth.disabled: true`).
    static let anonymous = CallerPrincipal(name: "anonymous", scopes: Set(Scope.allCases), instancePatterns: ["*"])

    @TaskLocal static var current: CallerPrincipal = .anonymous

    func has(_ scope: Scope) -> Bool { scopes.contains(scope) }

    func mayAccess(instance: String) -> Bool {
        matchers.contains { $0.matches(instance) }
    }

    /// The patterns to filter stored records by; nil when every instance is allowed.
    var instanceFilter: [String]? {
        instancePatterns.contains("*") ? nil : instancePatterns
    }
}
