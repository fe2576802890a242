import Synchronization

/// The secret values this process knows (provider credentials, caller tokens, the webhook
/// secret, the database password), consulted by `LogRedaction` so that none of them reaches a
/// log line whatever the message or metadata. `buildApplication` registers what it resolves;
/// the executable shares one registry with its log handlers.
public final class SecretRegistry: Sendable {
    /// Values shorter than this are not registered: masking them would garble ordinary text.
    public static let minimumLength = 6

    /// Longest first, so a secret containing another is masked whole.
    private let values = Mutex<[String]>([])

    public init(_ secrets: some Sequence<String> = [String]()) {
        register(secrets)
    }

    /// Adds `secrets` (duplicates and values shorter than `minimumLength` are ignored).
    public func register(_ secrets: some Sequence<String>) {
        let added = secrets.filter { $0.utf8.count >= Self.minimumLength }
        guard !added.isEmpty else { return }
        values.withLock { current in
            current = Array(Set(current).union(added)).sorted { $0.utf8.count > $1.utf8.count }
        }
    }

    /// The registered values, longest first.
    var all: [String] { values.withLock { $0 } }
}
