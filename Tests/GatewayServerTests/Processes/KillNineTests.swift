import Foundation
import GatewayConfiguration
import Testing

/// SIGKILL to the real executable at random moments under a stream of backups and restores
/// (Tencent API 3.0 and Huawei DCS), restarted on the same store each time (DESIGN.md §6: the
/// record is written before the provider call). Afterwards every accepted operation is stored,
/// every operation ends where the provider says its backup or restore ended, and no provider
/// write was sent twice or without a stored operation. Each POST uses a fresh instance, so
/// operations and provider writes pair up by instance.
@Suite("kill -9 under load")
struct KillNineTests {
    /// Kills per run; `GATEWAY_RESILIENCE_ROUNDS` raises it for a long run.
    static let rounds = ProcessInfo.processInfo.environment["GATEWAY_RESILIENCE_ROUNDS"].flatMap(Int.init) ?? 4

    @Test("SIGKILL at random moments: nothing accepted is lost, everything converges, no write is doubled or orphaned")
    func killNineUnderLoad() async throws {
        // Alone: beside it the other end-to-end tests would time out on a two-core runner.
        try await MachineGate.exclusive { try await Self.killNineUnderLoadAlone() }
    }

    static func killNineUnderLoadAlone() async throws {
        let providers = [
            try await ResilienceProvider.tencent(progression: .timed(preparing: .milliseconds(300), running: .milliseconds(700))),
            try await ResilienceProvider.huawei(progression: .timed(.seconds(1))),
        ]
        let store = await TestStoreSettings.reserve(label: "kill-nine")
        let configuration = GatewayConfiguration(
            store: store.settings,
            logging: LoggingSettings(level: .notice),
            operations: OperationSettings(refreshInterval: .milliseconds(500)),
            accounts: providers.map { provider in
                var account = provider.account
                account.rateLimits = ["default": 10_000]
                // Generous for a loaded box; an operation whose starter vanished is reconciled
                // after requestTimeout + rateLimitWait + 10 s.
                account.requestTimeout = .seconds(5)
                account.rateLimitWait = .milliseconds(500)
                return account
            }
        )
        let environment = providers.reduce(into: [String: String]()) { $0.merge($1.environment) { a, _ in a } }
        let load = KillLoad(providers: providers)
        var gateway: GatewayProcess?
        var failure: (any Error)?
        do {
            gateway = try await GatewayProcess.start(configuration, environment: environment)
            try await Self.killUnderLoad(&gateway, load: load)
        } catch {
            failure = error
        }
        load.stop()
        await gateway?.stop()
        load.shutdownClients()
        for provider in providers { await provider.stop() }
        await store.cleanup()
        if let failure { throw failure }
    }

    /// Runs the load against `gateway`, kills and restarts it `rounds` times, then checks the verdict.
    static func killUnderLoad(_ gateway: inout GatewayProcess?, load: KillLoad) async throws {
        guard var current = gateway else { return }
        load.serve(GatewayClient(port: current.port))
        let workers = Task { await load.run(workers: 6) }
        for round in 1...rounds {
            // Kill only once this process accepted some work; writes are then in flight
            // (each is delayed at the provider), the kill lands somewhere among them.
            guard await load.waitForAccepted(more: 3, timeout: .seconds(60)) else {
                Issue.record("round \(round): no backup or restore accepted within 60 s; log:\n\(current.log.suffix(3000))")
                break
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<300)))
            load.serve(nil)
            current = try await current.killAndRestart()
            gateway = current
            load.serve(GatewayClient(port: current.port))
        }
        let finalLoad = await load.waitForAccepted(more: 3, timeout: .seconds(60))
        #expect(finalLoad, "the restarted gateway accepted nothing; log:\n\(current.log.suffix(3000))")
        load.stop()
        await workers.value

        let attempts = load.attempts
        let client = GatewayClient(port: current.port)
        defer { client.shutdown() }
        let verdict = try await KillNineVerdict.check(attempts: attempts, providers: load.providers, client: client, timeout: .seconds(120))
        for problem in verdict.problems { Issue.record("\(problem)") }
        if !verdict.problems.isEmpty { Issue.record("gateway log (last process):\n\(current.log.suffix(4000))") }
        // What the kills hit, for the record (depends on timing, so not asserted).
        print("kill -9: \(rounds) kills, \(attempts.count) requests, \(verdict.summary)")
    }
}
