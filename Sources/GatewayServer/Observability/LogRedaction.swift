import Logging

/// The one place log output is redacted, for every format: values of metadata keys that name a
/// secret are replaced whole, and every value registered in the `SecretRegistry` is masked
/// wherever it appears in the message, in metadata values (nested ones included) and in the
/// attached error.
struct LogRedaction: Sendable {
    static let mask = "[REDACTED]"
    /// A key is secret when its lower-cased form contains one of these (so `x-tc-token`,
    /// `sessionToken` and `Authorization` are all caught).
    static let secretKeyFragments = [
        "authorization", "token", "password", "passwd", "secret", "signature", "cookie", "credential", "api-key", "apikey", "api_key",
        "private-key", "privatekey",
    ]

    let secrets: SecretRegistry

    static func isSecretKey(_ key: String) -> Bool {
        var lowered = Array(key.utf8)
        for index in lowered.indices where (65...90).contains(lowered[index]) { lowered[index] += 32 }
        return secretKeyFragmentBytes.contains { ByteSearch.contains(lowered, $0) }
    }

    private static let secretKeyFragmentBytes = secretKeyFragments.map { Array($0.utf8) }

    /// `text` with every registered secret masked. Searched byte-wise: this runs for every
    /// value of every log line, and Foundation's `range(of:)` costs far more.
    func redact(_ text: String, secrets values: [String]) -> String {
        guard let shortest = values.last, text.utf8.count >= shortest.utf8.count else { return text }
        var text = text
        for value in values where ByteSearch.contains(text, value) {
            text = text.replacing(value, with: Self.mask)
        }
        return text
    }

    /// The event with its message, metadata and error redacted (the error becomes an `error`
    /// metadata value).
    func redact(_ event: LogEvent, metadata: Logger.Metadata) -> LogEvent {
        let values = secrets.all
        var event = event
        var metadata = metadata
        if let error = event.error {
            if metadata["error"] == nil { metadata["error"] = .string(String(describing: error)) }
            event.error = nil
        }
        event.message = Logger.Message(stringLiteral: redact(event.message.description, secrets: values))
        event.metadata = metadata.isEmpty ? nil : redact(metadata, secrets: values)
        return event
    }

    private func redact(_ metadata: Logger.Metadata, secrets values: [String]) -> Logger.Metadata {
        var redacted = Logger.Metadata(minimumCapacity: metadata.count)
        for (key, value) in metadata {
            redacted[key] = Self.isSecretKey(key) ? .string(Self.mask) : redact(value, secrets: values)
        }
        return redacted
    }

    private func redact(_ value: Logger.MetadataValue, secrets values: [String]) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redact(text, secrets: values))
        case .stringConvertible(let convertible): .string(redact(convertible.description, secrets: values))
        case .dictionary(let nested): .dictionary(redact(nested, secrets: values))
        case .array(let items): .array(items.map { redact($0, secrets: values) })
        }
    }
}

/// Wraps the output handler (`StreamLogHandler` or `JSONLogHandler`): owns the logger's
/// metadata and metadata provider, merges them with the event's metadata, redacts everything
/// through `LogRedaction`, then hands the event on.
public struct RedactingLogHandler: LogHandler {
    private var output: any LogHandler
    private let redaction: LogRedaction
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// - Parameters:
    ///   - output: writes the redacted events; its own metadata and provider should be empty.
    ///   - metadataProvider: contextual metadata (request id, caller, trace id…).
    public init(wrapping output: any LogHandler, secrets: SecretRegistry, metadataProvider: Logger.MetadataProvider? = nil) {
        self.output = output
        self.redaction = LogRedaction(secrets: secrets)
        self.metadataProvider = metadataProvider
    }

    public var logLevel: Logger.Level {
        get { output.logLevel }
        set { output.logLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, explicit in explicit }
        }
        output.log(event: redaction.redact(event, metadata: merged))
    }
}
