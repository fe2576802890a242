/// Where an instance lives: the routing result for an instance id.
public struct InstanceRef: Sendable, Hashable {
    public var instanceId: String
    public var provider: ProviderKind
    public var account: String
    public var region: String

    public init(instanceId: String, provider: ProviderKind, account: String, region: String) {
        self.instanceId = instanceId
        self.provider = provider
        self.account = account
        self.region = region
    }
}

/// The provider's view of one instance, normalized.
public struct InstanceInfo: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case running, busy, creating, isolated, deleting, stopped, unknown
    }

    public var ref: InstanceRef
    public var name: String?
    public var status: Status
    /// The provider's own status value, as text.
    public var providerStatus: String
    public var architecture: String?
    /// Whether a restore needs `instancePassword`; nil when the provider does not say.
    public var passwordRequired: Bool?
    public var capabilities: Capabilities

    public init(
        ref: InstanceRef, name: String? = nil, status: Status, providerStatus: String, architecture: String? = nil,
        passwordRequired: Bool? = nil, capabilities: Capabilities
    ) {
        self.ref = ref
        self.name = name
        self.status = status
        self.providerStatus = providerStatus
        self.architecture = architecture
        self.passwordRequired = passwordRequired
        self.capabilities = capabilities
    }
}
