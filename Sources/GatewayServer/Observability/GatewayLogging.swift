import GatewayConfiguration
import Logging

/// The executable's log output, from `logging:`: `json` → `JSONLogHandler` on standard output,
/// `text` → swift-log's `StreamLogHandler` on standard error; either behind one
/// `RedactingLogHandler`, at `logging.level`.
public enum GatewayLogging {
    /// The handler of one logger.
    public static func handler(
        label: String, settings: LoggingSettings, secrets: SecretRegistry, metadataProvider: Logger.MetadataProvider?
    ) -> any LogHandler {
        let output: any LogHandler = switch settings.format {
        case .json: JSONLogHandler(label: label)
        case .text: StreamLogHandler.standardError(label: label, metadataProvider: nil)
        }
        var handler = RedactingLogHandler(wrapping: output, secrets: secrets, metadataProvider: metadataProvider)
        handler.logLevel = Logger.Level(rawValue: settings.level.rawValue) ?? .info
        return handler
    }

    /// Bootstraps the process's `LoggingSystem` (once per process). `extraMetadata` adds to the
    /// request context (e.g. the trace and span ids when tracing is on).
    public static func bootstrap(settings: LoggingSettings, secrets: SecretRegistry, extraMetadata: [Logger.MetadataProvider] = []) {
        let provider = Logger.MetadataProvider.multiplex([GatewayLogContext.metadataProvider] + extraMetadata)
        LoggingSystem.bootstrap({ label, provider in
            handler(label: label, settings: settings, secrets: secrets, metadataProvider: provider)
        }, metadataProvider: provider)
    }
}
