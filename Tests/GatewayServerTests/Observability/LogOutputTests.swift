import Foundation
@testable import GatewayServer
import GatewayConfiguration
import Logging
import Synchronization
import Testing

/// `JSONLogHandler` lines and `LogRedaction`, through the handler chain the executable
/// bootstraps (`GatewayLogging.handler`), writing into memory.
@Suite("Log output")
struct LogOutputTests {
    /// Lines written by a JSON handler chain.
    final class Lines: Sendable {
        private let storage = Mutex<[String]>([])
        var all: [String] { storage.withLock { $0 } }
        func append(_ bytes: [UInt8]) { storage.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
    }

    static func jsonLogger(_ lines: Lines, secrets: SecretRegistry, provider: Logger.MetadataProvider? = nil) -> Logger {
        Logger(label: "backup-gateway") { label in
            var handler = RedactingLogHandler(
                wrapping: JSONLogHandler(label: label, write: { lines.append($0) }), secrets: secrets, metadataProvider: provider
            )
            handler.logLevel = .debug
            return handler
        }
    }

    static func object(_ line: String) throws -> [String: Any] {
        #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("one valid JSON object per line: ts, level, logger, msg, flattened metadata, source")
    func jsonLines() throws {
        let lines = Lines()
        var logger = Self.jsonLogger(lines, secrets: SecretRegistry())
        logger[metadataKey: "requestId"] = "req_1"
        logger.info("backup started \"quoted\"\nsecond line", metadata: [
            "instanceId": "crs-test01", "count": .stringConvertible(3), "nested": ["a": "b"], "ts": "not the timestamp", "tab": "a\tb\u{1}",
        ])
        logger.warning("plain")
        #expect(lines.all.count == 2)
        let first = try Self.object(lines.all[0])
        #expect(first["level"] as? String == "info")
        #expect(first["logger"] as? String == "backup-gateway")
        #expect(first["msg"] as? String == "backup started \"quoted\"\nsecond line")
        #expect(first["requestId"] as? String == "req_1")
        #expect(first["instanceId"] as? String == "crs-test01")
        #expect(first["count"] as? String == "3")
        #expect(first["nested"] as? String != nil)
        #expect(first["tab"] as? String == "a\tb\u{1}")
        #expect(first["metadata.ts"] as? String == "not the timestamp")
        #expect(first["source"] as? String == "GatewayServerTests")
        let ts = try #require(first["ts"] as? String)
        #expect(ts.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(ts)")
        #expect(lines.all[0].hasPrefix("{\"ts\":"))
        #expect(try Self.object(lines.all[1])["level"] as? String == "warning")
        #expect(LogTimestamp.format(seconds: 1_795_456_800, milliseconds: 7) == "2026-11-23T18:00:00.007Z")
    }

    @Test("secrets never print: registered values anywhere, secret-named keys whole, errors too", arguments: [LogFormat.json, .text])
    func redaction(format: LogFormat) throws {
        let secret = "sk-live-0123456789abcdef"
        let secrets = SecretRegistry([secret, "short"])
        let lines = Lines()
        var logger = Self.jsonLogger(lines, secrets: secrets)
        if format == .text {
            // The text chain: the same wrapper in front of a stream handler writing into `lines`.
            logger = Logger(label: "t") { _ in
                var handler = RedactingLogHandler(wrapping: CollectingHandler(lines: lines), secrets: secrets)
                handler.logLevel = .debug
                return handler
            }
        }
        struct Failure: Error, CustomStringConvertible { let description: String }
        logger[metadataKey: "x-tc-token"] = "tmp-session"
        logger.error("calling with \(secret) failed", metadata: [
            "authorization": "Bearer abc", "Cookie": "c=1", "detail": "key=\(secret);", "list": ["ok", "\(secret)"],
            "sessionToken": "whatever", "safe": "visible short",
        ])
        logger.log(level: .error, "with an error", error: Failure(description: "boom \(secret)"))
        let text = lines.all.joined()
        #expect(!text.contains(secret))
        #expect(!text.contains("Bearer abc") && !text.contains("c=1") && !text.contains("tmp-session") && !text.contains("whatever"))
        #expect(text.contains("visible") && text.contains("[REDACTED]"))
        #expect(text.contains("short"))  // too short to register
        if format == .json {
            let first = try Self.object(lines.all[0])
            #expect(first["authorization"] as? String == "[REDACTED]")
            #expect(first["msg"] as? String == "calling with [REDACTED] failed")
            #expect(first["detail"] as? String == "key=[REDACTED];")
            #expect((try Self.object(lines.all[1])["error"] as? String) == "boom [REDACTED]")
        }
        #expect(LogRedaction.isSecretKey("X-Acs-Security-Token") && LogRedaction.isSecretKey("dbPassword"))
        #expect(!LogRedaction.isSecretKey("providerRequestId") && !LogRedaction.isSecretKey("instanceId"))
    }

    @Test("the request context reaches every line through the metadata provider")
    func requestContext() throws {
        let lines = Lines()
        let logger = Self.jsonLogger(lines, secrets: SecretRegistry(), provider: GatewayLogContext.metadataProvider)
        let context = RequestLogContext(requestId: "req_ctx")
        RequestLogContext.$current.withValue(context) {
            RequestLogContext.note(.caller, "dashboard")
            RequestLogContext.note(.instanceId, "crs-test01")
            RequestLogContext.note(.provider, "tencent")
            RequestLogContext.note(.account, "tencent-test")
            RequestLogContext.note(.providerRequestId, "prov-1")
            logger.notice("inside")
        }
        logger.notice("outside")
        let inside = try Self.object(lines.all[0])
        for (key, value) in [
            "requestId": "req_ctx", "caller": "dashboard", "instanceId": "crs-test01", "provider": "tencent", "account": "tencent-test",
            "providerRequestId": "prov-1",
        ] {
            #expect(inside[key] as? String == value, "\(key)")
        }
        #expect(try Self.object(lines.all[1])["requestId"] == nil)
    }
}

/// Stands in for the stream handler of the text format (same place in the chain).
private struct CollectingHandler: LogHandler {
    let lines: LogOutputTests.Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        lines.append(Array("\(event.level) \(event.message) \(fields) \(event.error.map { "\($0)" } ?? "")\n".utf8))
    }
}
