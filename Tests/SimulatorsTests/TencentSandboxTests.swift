import AsyncHTTPClient
import Foundation
import Testing
@testable import Simulators

/// `TencentSimulator.sandbox`: the seeded account over real HTTP with the real clock.
@Suite struct TencentSandboxTests {
    @Test("Sandbox data: instances, fixed backup ids, regions")
    func sandbox() async throws {
        let simulator = TencentSimulator.sandbox(secretId: "AKIDsandbox", secretKey: "sandbox-key")
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        do {
            #expect(simulator.port > 0)
            #expect(simulator.endpoint == "http://127.0.0.1:\(simulator.port)")
            let clock = TestClock(Date())
            var client = TencentTestClient(http: http, port: simulator.port, clock: clock)
            client.secretId = "AKIDsandbox"
            client.secretKey = "sandbox-key"

            let instances = try await client.call("DescribeInstances", json: [:])
            #expect(instances.int("TotalCount") == 3)
            let byId = Dictionary(uniqueKeysWithValues: instances.array("InstanceSet").compactMap { item in
                item["InstanceId"]?.stringValue.map { ($0, item) }
            })
            #expect(byId["crs-sandbox01"]?["InstanceName"] == "orders-cache")
            #expect(byId["crs-sandbox01"]?["NoAuth"] == false)
            #expect(byId["crs-sandbox01"]?["Size"] == .int(1024))
            #expect(byId["crs-sandbox02"]?["NoAuth"] == true)
            #expect(byId["crs-sandbox02"]?["ProductType"] == "cluster")
            #expect(byId["crs-sandbox03"]?["Status"] == -2)

            let backups = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01", "Status": [2, -1]])
            #expect(backups.array("BackupSet").compactMap { $0["BackupId"]?.stringValue } == [
                "678362566696298532848118", "678362566696298532848117", "678362566696298532848119",
            ])
            let manual = try #require(backups.array("BackupSet").first { $0["BackupId"] == "678362566696298532848117" })
            #expect(manual["Remark"] == "before-migration")
            #expect(manual["BackupSize"] == .int(24 * 1024 * 1024))
            let cluster = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox02"])
            #expect(cluster.array("BackupSet").compactMap { $0["BackupId"]?.stringValue } == ["678362566696298532848120"])

            var shanghai = client
            shanghai.region = "ap-shanghai"
            #expect(try await shanghai.call("DescribeInstances", json: [:]).int("TotalCount") == 0)
            let stored = await simulator.instance("crs-sandbox01")
            #expect(stored?.password == "sandbox-password")
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
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration())
        try await simulator.start()
        try await simulator.start()
        let port = simulator.port
        await simulator.stop()
        let again = TencentSimulator(configuration: TencentSimulatorConfiguration())
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
