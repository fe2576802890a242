import AsyncHTTPClient
import Foundation
import GatewayConfiguration
import GatewayServer
import Hummingbird
import HummingbirdTesting
import NIOCore
import Simulators
import Testing

/// A gateway built by `buildApplication` (as `serve` builds it), routed to a Tencent simulator
/// on loopback; tests talk to it over real HTTP with AsyncHTTPClient.
struct GatewayHarness {
    static let secretId = "AKIDtestKey0123456789ABCDEFGHIJ"
    static let secretKey = "testSecret-9f8e7d6c5b4a3f2e1d0c"
    static let password = "instance-Pa55word!"
    static let sessionToken = "tmpSessionToken-5e6f7a8b9c0d"

    /// Instances: 01 running with a password, 02 password-free, 03 isolated, 04 in a flow.
    static let backupOf01 = "100000000000000000000001"
    static let backupOf02 = "100000000000000000000002"
    static let expiredOf01 = "100000000000000000000003"

    let client: GatewayClient
    let simulator: TencentSimulator
    let logs: LogCapture
    let store: TestStoreSettings

    static func run(
        progression: TencentTaskProgression = .perPoll(steps: 1),
        refreshInterval: Duration = .milliseconds(100),
        requestTimeout: Duration = .seconds(10),  // generous: a loaded two-core runner
        temporaryCredentials: Bool = false,
        auth: AuthSettings? = nil,
        webhooks: WebhookSettings? = nil,
        providerRateLimits: Bool = false,
        rateLimits: [String: Double] = [:],
        rateLimitWait: Duration = AccountSettings.defaultRateLimitWait,
        corsOrigins: [String] = [],
        extraEnvironment: [String: String] = [:],
        _ body: @escaping @Sendable (GatewayHarness) async throws -> Void
    ) async throws {
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey, token: temporaryCredentials ? sessionToken : nil)],
            regions: ["ap-guangzhou"],
            taskProgression: progression,
            enforceRateLimits: providerRateLimits
        ))
        try await simulator.start()
        await seed(simulator)
        let store = await TestStoreSettings.reserve(label: "gateway-test")
        let configuration = GatewayConfiguration(
            server: ServerSettings(host: "127.0.0.1", port: 0, corsOrigins: corsOrigins),
            store: store.settings,
            operations: OperationSettings(refreshInterval: refreshInterval),
            auth: auth,
            webhooks: webhooks,
            accounts: [
                AccountSettings(
                    name: "tencent-test", provider: .tencent, region: "ap-guangzhou",
                    endpoint: URL(string: simulator.endpoint),
                    credentials: CredentialReferences(
                        id: .environment("TEST_TC_ID"), secret: .environment("TEST_TC_KEY"),
                        token: temporaryCredentials ? .environment("TEST_TC_TOKEN") : nil
                    ),
                    instances: ["crs-test*"], rateLimits: rateLimits, requestTimeout: requestTimeout,
                    rateLimitWait: rateLimitWait
                ),
            ]
        )
        let logs = LogCapture()
        let app = try await buildApplication(
            configuration: configuration,
            environment: ["TEST_TC_ID": secretId, "TEST_TC_KEY": secretKey, "TEST_TC_TOKEN": sessionToken]
                .merging(extraEnvironment) { _, extra in extra },
            logger: logs.logger()
        )
        do {
            try await app.test(.live) { testClient in
                let client = GatewayClient(port: testClient.port!)
                defer { client.shutdown() }
                try await body(GatewayHarness(client: client, simulator: simulator, logs: logs, store: store))
            }
        } catch {
            await simulator.stop()
            await store.cleanup()
            throw error
        }
        await simulator.stop()
        await store.cleanup()
    }

    static func seed(_ simulator: TencentSimulator) async {
        let now = Date()
        await simulator.addInstance(.init(id: "crs-test01", name: "orders", password: password))
        await simulator.addInstance(.init(id: "crs-test02", name: "sessions", noAuth: true, productType: "cluster"))
        await simulator.addInstance(.init(id: "crs-test03", name: "isolated", status: -2, password: password))
        await simulator.addInstance(.init(id: "crs-test04", name: "busy", status: 1, password: password))
        await simulator.addBackup(.init(
            backupId: backupOf01, instanceId: "crs-test01", instanceName: "orders", startTime: now.addingTimeInterval(-7200),
            endTime: now.addingTimeInterval(-7100), remark: "nightly", backupSize: 1_048_576, expireTime: now.addingTimeInterval(86_400)
        ))
        await simulator.addBackup(.init(
            backupId: backupOf02, instanceId: "crs-test02", instanceName: "sessions", startTime: now.addingTimeInterval(-3600),
            endTime: now.addingTimeInterval(-3500), backupType: "1", backupSize: 2_048, expireTime: now.addingTimeInterval(86_400)
        ))
        await simulator.addBackup(.init(
            backupId: expiredOf01, instanceId: "crs-test01", instanceName: "orders", startTime: now.addingTimeInterval(-10 * 86_400),
            endTime: now.addingTimeInterval(-10 * 86_400 + 100), status: -1, backupSize: 512, expireTime: now.addingTimeInterval(-3 * 86_400)
        ))
    }

    /// Polls an operation until it is done (or `attempts` run out).
    func waitUntilDone(_ operationId: String, attempts: Int = 60) async throws -> GatewayClient.Reply {
        var reply = try await client.get("/operations/\(operationId)")
        for _ in 0..<attempts {
            if reply.json["done"] as? Bool == true { return reply }
            try await Task.sleep(for: .milliseconds(120))
            reply = try await client.get("/operations/\(operationId)")
        }
        return reply
    }
}

/// A small HTTP client for the gateway under test (real loopback HTTP).
final class GatewayClient: Sendable {
    struct Reply: @unchecked Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    let port: Int
    private let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))

    init(port: Int) { self.port = port }

    /// Closes the client's connections in the background: `syncShutdown` would block one of
    /// the concurrency pool's threads (two on CI) while connections close.
    func shutdown() {
        let http = self.http
        Task { try? await http.shutdown() }
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send("GET", path, headers: headers, body: nil)
    }

    func post(_ path: String, json: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send("POST", path, headers: [("Content-Type", "application/json")] + headers, body: json)
    }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return Reply(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes)
        )
    }
}
