import AsyncHTTPClient
import Foundation
import Testing
@testable import Simulators

/// `HuaweiSimulator.sandbox`: the seeded project over real HTTP with the real clock.
@Suite struct HuaweiSandboxTests {
    @Test("Sandbox data: three instances, fixed backup ids, timed progression")
    func sandbox() async throws {
        let simulator = HuaweiSimulator.sandbox(
            accessKey: "SANDBOXAK00000000001", secretKey: "sandbox-secret", projectId: HuaweiHarness.projectId
        )
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        do {
            #expect(simulator.port > 0)
            #expect(simulator.endpoint == "http://127.0.0.1:\(simulator.port)")
            #expect(simulator.configuration.progression == .timed(.seconds(4)))
            #expect(simulator.configuration.region == "ap-southeast-1")
            #expect(simulator.configuration.projectId == HuaweiHarness.projectId)
            var client = HuaweiTestClient(http: http, port: simulator.port, clock: TestClock(Date()))
            client.accessKey = "SANDBOXAK00000000001"
            client.secretKey = "sandbox-secret"

            let single = try await client.get(client.path(instance: HuaweiSandboxSeed.singleInstanceId))
            #expect(single.string("name") == "cache-single")
            #expect(single.string("cache_mode") == "single")
            #expect(single.string("spec_code")?.hasPrefix("redis.single.") == true)
            let ha = try await client.get(client.path(instance: HuaweiSandboxSeed.haInstanceId))
            #expect(ha.string("name") == "orders-ha")
            #expect(ha.string("cache_mode") == "ha")
            let cluster = try await client.get(client.path(instance: HuaweiSandboxSeed.clusterInstanceId))
            #expect(cluster.string("name") == "events-cluster")
            #expect(cluster.string("cache_mode") == "cluster")
            #expect(cluster.int("sharding_count") == 3)

            let haBackups = await simulator.backups(of: HuaweiSandboxSeed.haInstanceId)
            #expect(haBackups.map(\.backupId) == [
                HuaweiSandboxSeed.haAutoBackupId, HuaweiSandboxSeed.haManualBackupId, HuaweiSandboxSeed.haExpiredBackupId,
            ])
            #expect(haBackups.map(\.status) == ["succeed", "succeed", "expired"])
            #expect(haBackups[1].remark == "before schema migration")
            #expect(haBackups[1].createdAt.timeIntervalSinceNow < -2 * 86_400 + 60)
            #expect(await simulator.backups(of: HuaweiSandboxSeed.clusterInstanceId).map(\.backupId) == [
                HuaweiSandboxSeed.clusterAutoBackupId, HuaweiSandboxSeed.clusterManualBackupId,
            ])
            #expect(await simulator.backups(of: HuaweiSandboxSeed.singleInstanceId).isEmpty)

            let refused = try await client.post(client.path(instance: HuaweiSandboxSeed.singleInstanceId, "/backups"), json: [:])
            #expect(refused.code == "DCS.4086")
            let created = try await client.post(client.path(instance: HuaweiSandboxSeed.haInstanceId, "/backups"), json: ["remark": "demo"])
            let backupId = try #require(created.string("backup_id"))
            let list = try await client.get(client.path(instance: HuaweiSandboxSeed.haInstanceId, "/backups"))
            let row = try #require(list.array("backup_record_response").first)
            #expect(row["backup_id"] == .string(backupId))
            #expect(row["status"] == "waiting")
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
        try await http.shutdown()
        await simulator.stop()
    }

    @Test("Stop releases the port; start twice is harmless")
    func lifecycle() async throws {
        let configuration = HuaweiSimulatorConfiguration(projectId: HuaweiHarness.projectId)
        let simulator = HuaweiSimulator(configuration: configuration)
        try await simulator.start()
        try await simulator.start()
        let port = simulator.port
        await simulator.stop()
        let again = HuaweiSimulator(configuration: configuration)
        // Other tests bind ephemeral ports in parallel and may briefly take this one: retry a little.
        var bound = false
        for _ in 0..<20 where !bound {
            do {
                try await again.start(port: port)
                bound = true
            } catch {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        #expect(bound)
        #expect(again.port == port)
        await again.stop()
    }
}
