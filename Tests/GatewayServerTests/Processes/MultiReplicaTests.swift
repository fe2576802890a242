import Foundation
import GatewayConfiguration
import GatewayCore
import Simulators
import Testing

/// Two real gateway processes on one PostgreSQL database behave as one gateway: an
/// idempotency key used on A replays on B, an operation accepted by A is polled and finished
/// through B, and the replicas (pollers and background reconcilers) never both ask the
/// provider about one operation within the refresh interval.
@Suite("Two replicas on one PostgreSQL")
struct MultiReplicaTests {
    static let postgresURL = ProcessInfo.processInfo.environment[TestStoreSettings.postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 }
    /// Runs where PostgreSQL is configured, and always in CI (where a missing server is a failure).
    static let shouldRun = postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    @Test("idempotency, polling and reconciliation across two processes", .enabled(if: shouldRun))
    func twoReplicas() async throws {
        try #require(Self.postgresURL != nil, "GATEWAY_TEST_POSTGRES_URL is not set: the multi-replica test needs PostgreSQL (scripts/test-postgres start)")
        let secretId = "AKIDreplicas0123456789ABCDEFGH", secretKey = "replicasSecret-0a1b2c3d4e5f"
        // Each status call moves the task one step: three calls after the start it succeeds.
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
            taskProgression: .perPoll(steps: 3), enforceRateLimits: false
        ))
        try await simulator.start()
        await simulator.addInstance(.init(id: "crs-repl01", name: "orders", password: "replicas-Pa55!"))
        let store = TestStoreSettings.make(label: "replicas", requirePostgres: true)
        let interval: Duration = .seconds(3)
        let configuration = GatewayConfiguration(
            store: store.settings,
            logging: LoggingSettings(level: .notice),
            operations: OperationSettings(refreshInterval: interval),
            accounts: [AccountSettings(
                name: "tencent-replicas", provider: .tencent, region: "ap-guangzhou", endpoint: URL(string: simulator.endpoint),
                credentials: CredentialReferences(id: .environment("REPL_TC_ID"), secret: .environment("REPL_TC_KEY")),
                instances: ["crs-repl*"], rateLimits: ["default": 1000]
            )]
        )
        let environment = ["REPL_TC_ID": secretId, "REPL_TC_KEY": secretKey]
        let replicaA = try await GatewayProcess.start(configuration, environment: environment)
        let replicaB = try await GatewayProcess.start(configuration, environment: environment)
        let a = GatewayClient(port: replicaA.port), b = GatewayClient(port: replicaB.port)

        // An Idempotency-Key used on A replays on B: one provider write.
        let key = [("Idempotency-Key", "replicas-\(UUID().uuidString)")]
        let body = #"{"remark":"replicas"}"#
        let clock = ContinuousClock()
        let first = try await a.post("/instances/crs-repl01/backups", json: body, headers: key)
        let acceptedAt = clock.now
        #expect(first.status == 202, "\(first.body)")
        let id = try #require(first.json["id"] as? String)
        let replay = try await b.post("/instances/crs-repl01/backups", json: body, headers: key)
        #expect(replay.status == 202)
        #expect(replay.header("Idempotent-Replayed") == "true")
        #expect(replay.json["id"] as? String == id)
        #expect(await simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" }.count == 1)

        // Once the record is stale, callers poll both replicas at the same moment while the
        // provider answers slowly: each replica's single-flight would ask once (two calls in
        // all); the store's refresh claim lets exactly one replica ask.
        await simulator.inject(SimulatedFault(action: "DescribeTaskInfo", times: 4, effect: .delay(.milliseconds(600))))
        try await Task.sleep(until: acceptedAt + interval + .milliseconds(150), clock: clock)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for client in [a, b] {
                for _ in 0..<20 { group.addTask { try await client.get("/operations/\(id)").status } }
            }
            for try await status in group { #expect(status == 200) }
        }
        let statusCalls = await simulator.receivedRequests().filter { $0.action == "DescribeTaskInfo" }.count
        #expect(statusCalls == 1, "\(statusCalls) provider status calls for one stale operation polled on two replicas")

        // The operation accepted by A is visible, polled and finished through B.
        var done = try await b.get("/operations/\(id)")
        #expect(done.status == 200)
        for _ in 0..<100 where done.json["done"] as? Bool != true {
            try await Task.sleep(for: .milliseconds(200))
            done = try await b.get("/operations/\(id)")
        }
        #expect(done.json["state"] as? String == "succeeded", "\(done.body)")
        let listed = try await b.get("/operations?instanceId=crs-repl01")
        #expect((listed.json["operations"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        #expect(await simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" }.count == 1)

        a.shutdown()
        b.shutdown()
        await replicaA.stop()
        await replicaB.stop()
        await simulator.stop()
        await store.cleanup()
    }
}
