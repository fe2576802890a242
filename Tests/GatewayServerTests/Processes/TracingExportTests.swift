import Foundation
import GatewayConfiguration
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Tracing end to end with the real executable (the global tracer can be bootstrapped once per
/// process, so not in the test process): a fake OTLP/HTTP collector on loopback receives
/// `POST /v1/traces`; a request carrying a W3C `traceparent` yields exported spans with that
/// trace id; with `tracing.enabled: false` nothing is exported.
@Suite("Tracing export of the real process")
struct TracingExportTests {
    /// The bodies a fake collector received.
    final class Received: Sendable {
        private let bodies = Mutex<[[UInt8]]>([])
        var all: [[UInt8]] { bodies.withLock { $0 } }
        func append(_ body: [UInt8]) { bodies.withLock { $0.append(body) } }
    }

    /// Runs a fake OTLP/HTTP collector while `body` runs, with its base URL.
    static func withCollector(_ body: @escaping @Sendable (URL, Received) async throws -> Void) async throws {
        let received = Received()
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 16 << 20)
            received.append(Array(bytes.readableBytesView))
            return Response(status: .ok, headers: [.contentType: "application/x-protobuf"])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)")!, received)
        }
    }

    static func configuration(_ simulator: RunningSimulator, tracing: TracingSettings, storePath: String) -> GatewayConfiguration {
        GatewayConfiguration(
            server: ServerSettings(drainDelay: .zero, gracePeriod: .seconds(10)),
            store: StoreSettings(url: "sqlite://" + storePath),
            logging: LoggingSettings(level: .info, format: .json),
            tracing: tracing,
            accounts: [simulator.account]
        )
    }

    static let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let parentSpanId = "00f067aa0ba902b7"

    static func bytes(hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    @Test("an incoming traceparent is continued: spans with its trace id reach the collector (sampleRatio 0: parent-based)")
    func exportsSpans() async throws {
        let simulator = try await ProviderFixture.tencent.start(.immediate)
        let storePath = NSTemporaryDirectory() + "tracing-\(UUID().uuidString).sqlite"
        try await Self.withCollector { collector, received in
            let tracing = TracingSettings(enabled: true, endpoint: collector, serviceName: "gateway-under-test", sampleRatio: 0)
            let gateway = try await GatewayProcess.start(
                Self.configuration(simulator, tracing: tracing, storePath: storePath),
                environment: simulator.environment.merging(["OTEL_BSP_SCHEDULE_DELAY": "200"]) { $1 }
            )
            let client = GatewayClient(port: gateway.port)
            let reply = try await client.post(
                "/instances/\(simulator.instanceId)/backups", json: simulator.backupBody,
                headers: [("traceparent", "00-\(Self.traceId)-\(Self.parentSpanId)-01")]
            )
            #expect(reply.status == 202)
            let traceBytes = Self.bytes(hex: Self.traceId)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(15)
            func exported() -> [UInt8] { received.all.flatMap { $0 } }
            while clock.now < deadline, !Self.contains(exported(), "/instances/{instanceId}/backups".utf8) {
                try await Task.sleep(for: .milliseconds(100))
            }
            let body = exported()
            #expect(Self.contains(body, traceBytes), "no span with the caller's trace id was exported")
            #expect(Self.contains(body, Self.bytes(hex: Self.parentSpanId)), "the server span's parent is the caller's span")
            #expect(Self.contains(body, "/instances/{instanceId}/backups".utf8), "the HTTP span names its route")
            #expect(Self.contains(body, "tencent \(simulator.describeInstanceAction)".utf8), "a provider attempt span")
            #expect(Self.contains(body, "tencent \(simulator.createBackupAction)".utf8), "a provider attempt span")
            #expect(Self.contains(body, "store.insert".utf8), "a store span")
            #expect(Self.contains(body, "gateway-under-test".utf8), "service.name")
            for secret in simulator.secrets { #expect(!Self.contains(body, secret.utf8)) }
            // Log lines carry the trace id of the request they belong to.
            let logLine = gateway.log.split(separator: "\n").first { $0.contains("\"msg\":\"request\"") && $0.contains("/backups") }
            #expect(logLine?.contains("\"trace_id\":\"\(Self.traceId)\"") == true, "\(logLine ?? "no access log line")")
            client.shutdown()
            await gateway.stop()
        }
        await simulator.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    }

    @Test("with tracing disabled nothing is posted to the collector")
    func disabledExportsNothing() async throws {
        let simulator = try await ProviderFixture.tencent.start(.immediate)
        let storePath = NSTemporaryDirectory() + "tracing-\(UUID().uuidString).sqlite"
        try await Self.withCollector { collector, received in
            let tracing = TracingSettings(enabled: false, endpoint: collector)
            let gateway = try await GatewayProcess.start(
                Self.configuration(simulator, tracing: tracing, storePath: storePath),
                environment: simulator.environment.merging(["OTEL_BSP_SCHEDULE_DELAY": "200"]) { $1 }
            )
            let client = GatewayClient(port: gateway.port)
            let reply = try await client.get(
                "/instances/\(simulator.instanceId)", headers: [("traceparent", "00-\(Self.traceId)-\(Self.parentSpanId)-01")]
            )
            #expect(reply.status == 200)
            try await Task.sleep(for: .seconds(1))
            client.shutdown()
            await gateway.stop()  // a graceful shutdown would flush pending spans
            #expect(received.all.isEmpty)
            #expect(!gateway.log.contains("trace_id"))
        }
        await simulator.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    }

    static func contains(_ haystack: [UInt8], _ needle: some Collection<UInt8>) -> Bool {
        let needle = Array(needle)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
