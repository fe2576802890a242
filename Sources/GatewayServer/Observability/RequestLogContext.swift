import Logging
import Synchronization

/// What is known about the request being handled, for its log lines: bound to the request's
/// task by `GatewayMiddleware` (request id), completed by the layers below as facts become
/// known (`caller` after authentication; `instanceId`, `provider`, `account` after routing;
/// `operationId`, `providerRequestId` once the provider answered). The access-log line carries
/// them all; with `GatewayLogContext.metadataProvider` bootstrapped, every line logged inside
/// the request does too.
final class RequestLogContext: Sendable {
    enum Field: String, Sendable {
        case requestId, caller, instanceId, provider, account, operationId, providerRequestId
    }

    @TaskLocal static var current: RequestLogContext?

    private let fields: Mutex<Logger.Metadata>

    init(requestId: String) {
        fields = Mutex([Field.requestId.rawValue: .string(requestId)])
    }

    /// Records `value` for `field` in the current request, if there is one (nil leaves it as is).
    static func note(_ field: Field, _ value: String?) {
        guard let value, let current else { return }
        current.fields.withLock { $0[field.rawValue] = .string(value) }
    }

    var metadata: Logger.Metadata { fields.withLock { $0 } }
}

/// Contextual log metadata of the gateway, for `LoggingSystem.bootstrap(_:metadataProvider:)`.
public enum GatewayLogContext {
    /// The fields of `RequestLogContext` of the request the logging task serves (none outside
    /// a request).
    public static let metadataProvider = Logger.MetadataProvider {
        RequestLogContext.current?.metadata ?? [:]
    }
}
