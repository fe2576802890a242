import Foundation

/// The provider request a write would send, for `?validateOnly=true`: built and signed exactly
/// like the real call, then redacted (signature, tokens, access key ids, passwords) — so it
/// shows what the gateway would say to the provider, never anything a caller could replay.
public struct ProviderRequestPreview: Sendable, Hashable {
    /// One header field as it would be sent (value redacted where secret).
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The provider action (`ManualBackupInstance`, `CreateBackup`, `POST instances/{id}/backups`, …).
    public var action: String
    public var method: String
    /// The full URL, query included (secret parameters redacted).
    public var url: String
    /// Header fields in send order.
    public var headers: [Header]
    /// The body as UTF-8 text (secret fields redacted); nil when the request has no body.
    public var body: String?

    public init(action: String, method: String, url: String, headers: [Header], body: String?) {
        self.action = action
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
