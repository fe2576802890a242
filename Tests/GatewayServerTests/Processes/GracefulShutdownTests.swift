import Foundation
import GatewayConfiguration
import GatewayCore
import OperationStore
import Simulators
import Synchronization
import Testing

/// SIGTERM to the real executable: readiness turns 503 while requests are still served for
/// `server.drainDelay`, in-flight requests finish within `server.gracePeriod`, the process
/// exits 0 and nothing it accepted is lost.
@Suite("Graceful shutdown of the real process")
struct GracefulShutdownTests {
    /// What one request of the load got: a complete HTTP answer, or a transport error.
    enum Outcome: Sendable {
        case answered(status: Int, operationId: String?)
        /// The connection was refused: the listener had closed (a loaded client may still have
        /// had the request queued for a connection). Nothing was accepted.
        case refused
        case failed(String)
    }

    final class StopFlag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    actor Outcomes {
        private(set) var all: [Outcome] = []
        func add(_ outcome: Outcome) { all.append(outcome) }
    }

    static func configuration(_ simulator: RunningSimulator, storePath: String, drainDelay: Duration) -> GatewayConfiguration {
        var account = simulator.account
        account.rateLimits = ["default": 10_000]
        return GatewayConfiguration(
            server: ServerSettings(drainDelay: drainDelay, gracePeriod: .seconds(15)),
            store: StoreSettings(url: "sqlite://" + storePath),
            logging: LoggingSettings(level: .notice),
            operations: OperationSettings(refreshInterval: .milliseconds(200)),
            accounts: [account]
        )
    }

    @Test("SIGTERM under load: /readyz 503 while draining, every request answered, every accepted operation stored")
    func sigtermUnderLoad() async throws {
        let simulator = try await ProviderFixture.tencent.start(.immediate)
        let storePath = NSTemporaryDirectory() + "shutdown-\(UUID().uuidString).sqlite"
        let gateway = try await GatewayProcess.start(
            Self.configuration(simulator, storePath: storePath, drainDelay: .seconds(4)), environment: simulator.environment
        )
        let client = GatewayClient(port: gateway.port)
        let probe = GatewayClient(port: gateway.port)
        let outcomes = Outcomes()
        let stop = StopFlag()
        let instance = simulator.instanceId

        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        while !stop.isSet {
                            do {
                                let reply = try await client.post(
                                    "/instances/\(instance)/backups", json: simulator.backupBody, headers: [("Connection", "close")]
                                )
                                await outcomes.add(.answered(status: reply.status, operationId: reply.json["id"] as? String))
                            } catch {
                                let text = "\(error)"
                                await outcomes.add(text.contains("Connection refused") ? .refused : .failed(text))
                            }
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .seconds(1))
        gateway.terminate()
        let clock = ContinuousClock()
        let terminated = clock.now

        // Readiness fails at once, while the listener still serves.
        var readiness: GatewayClient.Reply?
        do {
            readiness = try await probe.get("/readyz", headers: [("Connection", "close")])
            while readiness?.status == 200, clock.now - terminated < .seconds(2) {
                try await Task.sleep(for: .milliseconds(20))
                readiness = try await probe.get("/readyz", headers: [("Connection", "close")])
            }
        } catch {
            Issue.record("/readyz after SIGTERM: \(error) at +\(clock.now - terminated); log:\n\(gateway.log.suffix(3000))")
        }
        #expect(readiness?.status == 503)
        #expect((readiness?.json["checks"] as? [String: String])?["shutdown"] == "draining")

        // Keep the load going inside the drain delay (4 s), then stop sending.
        try await Task.sleep(until: terminated + .milliseconds(2000), clock: clock)
        stop.set()
        await load.value
        let status = await gateway.waitForExit(timeout: .seconds(30))
        client.shutdown()
        probe.shutdown()

        let all = await outcomes.all
        let failures = all.compactMap { if case .failed(let error) = $0 { error } else { nil } }
        #expect(failures.isEmpty, "a request on an accepted connection must be answered: \(failures.prefix(3))")
        // The load stopped 2 s before the listener closed: at most a straggler or two were refused.
        #expect(all.filter { if case .refused = $0 { true } else { false } }.count <= 8)
        let accepted = all.compactMap { if case .answered(202, let id) = $0 { id } else { nil } }
        // How many get through (202) depends on the machine's load; the invariants below hold for
        // any number, and every request was answered with a status (checked above).
        let statuses = all.compactMap { if case .answered(let status, _) = $0 { status } else { nil } }
        #expect(statuses.allSatisfy { $0 == 202 || $0 == 429 || $0 >= 500 }, "unexpected statuses: \(statuses)")
        #expect(status == 0, "exit status \(String(describing: status)); log:\n\(gateway.log.suffix(2000))")

        // Every accepted operation is in the store; the provider saw one write per accepted backup.
        let store = try await SQLiteOperationStore.open(path: storePath)
        for id in accepted {
            #expect(try await store.get(id) != nil, "operation \(id) was accepted but is not stored")
        }
        let writes = await simulator.requests().filter { $0.action == simulator.createBackupAction }.count
        #expect(writes == accepted.count)

        await gateway.stop()
        await simulator.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    }

    @Test("an in-flight request finishes after SIGTERM; new connections are refused once the listener closed")
    func inFlightRequestFinishes() async throws {
        let simulator = try await ProviderFixture.tencent.start(.immediate)
        let storePath = NSTemporaryDirectory() + "shutdown-\(UUID().uuidString).sqlite"
        let gateway = try await GatewayProcess.start(
            Self.configuration(simulator, storePath: storePath, drainDelay: .zero), environment: simulator.environment
        )
        await simulator.inject(SimulatedFault(action: simulator.createBackupAction, effect: .delay(.seconds(3))))
        let client = GatewayClient(port: gateway.port)
        let slow = Task {
            try await client.post("/instances/\(simulator.instanceId)/backups", json: simulator.backupBody)
        }
        // Wait until the provider call is under way, then ask the process to stop.
        var started = false
        for _ in 0..<200 where !started {
            try await Task.sleep(for: .milliseconds(25))
            started = await simulator.requests().contains { $0.action == simulator.createBackupAction }
        }
        #expect(started)
        gateway.terminate()
        try await Task.sleep(for: .milliseconds(500))
        let other = GatewayClient(port: gateway.port)
        await #expect(throws: (any Error).self) { _ = try await other.get("/healthz") }
        other.shutdown()

        let reply = try await slow.value
        #expect(reply.status == 202, "\(reply.body)")
        #expect(await gateway.waitForExit(timeout: .seconds(30)) == 0)
        client.shutdown()
        let id = try #require(reply.json["id"] as? String)
        #expect(try await SQLiteOperationStore.open(path: storePath).get(id) != nil)

        await gateway.stop()
        await simulator.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    }
}
