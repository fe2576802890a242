/// `auth:` section: who may call the gateway (bearer tokens, DESIGN.md §5), with which scopes,
/// on which instances, and how the probe endpoints are protected.
public struct AuthSettings: Sendable, Hashable {
    /// The callers, in file order. Names are unique.
    public var tokens: [CallerTokenSettings]
    /// Who may read `/healthz`, `/readyz` and `/metrics`.
    public var probes: ProbeAccess
    /// `auth.disabled: true`: every caller is `anonymous` with every scope and instance. Without
    /// an `auth` section this is the behaviour too, but only on a loopback `server.host`.
    public var disabled: Bool

    public init(tokens: [CallerTokenSettings] = [], probes: ProbeAccess = .privateNetwork, disabled: Bool = false) {
        self.tokens = tokens
        self.probes = probes
        self.disabled = disabled
    }
}

/// One entry of `auth.tokens`.
public struct CallerTokenSettings: Sendable, Hashable {
    /// Shown in logs and audit events (`^[a-z0-9][a-z0-9._-]{0,62}$`).
    public var name: String
    public var credential: TokenCredential
    public var scopes: [Scope]
    /// Exact instance ids and globs (`*`, `?`) this caller may touch; default `["*"]`.
    public var instances: [String]

    public init(name: String, credential: TokenCredential, scopes: [Scope], instances: [String] = ["*"]) {
        self.name = name
        self.credential = credential
        self.scopes = scopes
        self.instances = instances
    }
}

/// Where a caller's bearer token is known from: the token itself by reference, or only its
/// SHA-256 (so the configuration never holds anything that can be replayed).
public enum TokenCredential: Sendable, Hashable {
    /// `tokenEnv` / `tokenFile`.
    case source(SecretSource)
    /// `tokenSha256`: 64 lowercase hex characters.
    case sha256(String)
}

/// What a token allows (DESIGN.md §2). Raw values are the configuration spellings.
public enum Scope: String, Sendable, Hashable, CaseIterable, Comparable {
    case backupsRead = "backups:read"
    case backupsWrite = "backups:write"
    case restoresWrite = "restores:write"
    case operationsRead = "operations:read"
    case auditRead = "audit:read"

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `auth.probes`: who may read the health, readiness and metrics endpoints.
public enum ProbeAccess: String, Sendable, Hashable, CaseIterable {
    /// Anyone who can reach the port.
    case open
    /// Callers on loopback and private networks (10/8, 172.16/12, 192.168/16, 100.64/10,
    /// fc00::/7, fe80::/10) — the kubelet and Prometheus on a pod network. The default.
    case privateNetwork = "private-network"
    /// Any valid token (no particular scope).
    case token
}
