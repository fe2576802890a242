import Foundation
import GatewayConfiguration
import GatewayServer
import Hummingbird
import HummingbirdTesting
import Simulators

/// A gateway built by `buildApplication`, routed to one fixture's simulator, spoken to over
/// real loopback HTTP.
struct ConformanceHarness {
    let client: GatewayClient
    let simulator: RunningSimulator
    let logs: LogCapture
    let store: TestStoreSettings

    static func run(
        _ fixture: ProviderFixture, pace: ProviderFixture.Pace = .stepped, requestTimeout: Duration = .seconds(10),  // generous: a loaded two-core runner
        _ body: @escaping @Sendable (ConformanceHarness) async throws -> Void
    ) async throws {
        let simulator = try await fixture.start(pace)
        var account = simulator.account
        account.requestTimeout = requestTimeout
        let store = await TestStoreSettings.reserve(label: "conformance")
        let configuration = GatewayConfiguration(
            server: ServerSettings(host: "127.0.0.1", port: 0),
            store: store.settings,
            operations: OperationSettings(refreshInterval: .milliseconds(100)),
            accounts: [account]
        )
        let logs = LogCapture()
        do {
            let app = try await buildApplication(configuration: configuration, environment: simulator.environment, logger: logs.logger())
            try await app.test(.live) { testClient in
                let client = GatewayClient(port: testClient.port!)
                defer { client.shutdown() }
                try await body(ConformanceHarness(client: client, simulator: simulator, logs: logs, store: store))
            }
        } catch {
            await simulator.stop()
            await store.cleanup()
            throw error
        }
        await simulator.stop()
        await store.cleanup()
    }

    /// Polls an operation until it is done (or `attempts` run out).
    func waitUntilDone(_ operationId: String, attempts: Int = 80) async throws -> GatewayClient.Reply {
        var reply = try await client.get("/operations/\(operationId)")
        for _ in 0..<attempts {
            if reply.json["done"] as? Bool == true { return reply }
            try await Task.sleep(for: .milliseconds(120))
            reply = try await client.get("/operations/\(operationId)")
        }
        return reply
    }

    func writes() async -> Int {
        await simulator.requests().filter {
            $0.action == simulator.createBackupAction || $0.action == simulator.restoreAction
        }.count
    }
}
