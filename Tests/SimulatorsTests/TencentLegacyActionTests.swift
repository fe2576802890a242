import Foundation
import Testing
@testable import Simulators

/// The five legacy actions, their module errors in both envelope shapes, and task progression.
@Suite struct TencentLegacyActionTests {
    static let manual = TencentLegacySandboxSeed.manualBackupId
    static let automatic = TencentLegacySandboxSeed.automaticBackupId
    static let expired = TencentLegacySandboxSeed.expiredBackupId

    @Test("DescribeRedis lists instances with status, statusDesc, size and noAuth; filters and pages")
    func describeRedis() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            let all = try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")])
            #expect(all.json?["totalCount"]?.intValue == 2)
            let set = all.array("redisSet")
            #expect(set.map { $0["redisId"] } == ["crs-legacy01", "crs-legacy02"])
            #expect(set.first?["status"] == 2)
            #expect(set.first?["statusDesc"] == "running")
            #expect(set.first?["size"] == 1024)
            #expect(set.first?["noAuth"] == false)
            #expect(set.last?["status"] == -2)
            let one = try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0"), ("redisId", "crs-legacy02")])
            #expect(one.array("redisSet").map { $0["redisName"] } == ["legacy-isolated"])
            let page = try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "1")])
            #expect(page.json?["totalCount"]?.intValue == 2)
            #expect(page.array("redisSet").map { $0["redisId"] } == ["crs-legacy02"])
            // The long region name serves the same instances.
            var client = harness.client
            client.region = "ap-guangzhou"
            #expect(try await client.call("DescribeRedis", [("limit", "10"), ("offset", "0")]).json?["totalCount"]?.intValue == 2)
            let missing = try await harness.client.call("DescribeRedis", [("offset", "0")])
            #expect(missing.code == 4000)
            #expect(missing.codeDesc == "InvalidParameter")
            #expect(missing.message?.hasPrefix("(11201)") == true)
            #expect(try await harness.client.call("DescribeRedis", [("limit", "101"), ("offset", "0")]).codeDesc == "InvalidParameter")
        }
    }

    @Test("GetRedisBackupList: newest first, the legacy fields, time filters in UTC+8, paging, 11201/10701")
    func backupList() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            let answer = try await harness.client.call(
                "GetRedisBackupList", [("limit", "10"), ("offset", "0"), ("redisId", "crs-legacy01")]
            )
            #expect(answer.code == 0, "\(answer.body)")
            #expect(answer.json?["totalCount"]?.intValue == 3)
            let set = answer.array("redisBackupSet")
            #expect(set.map { $0["backupId"]?.stringValue } == [Self.automatic, Self.manual, Self.expired])
            #expect(set.map { $0["backupType"] } == ["systemBackupInstance", "manualBackupInstance", "systemBackupInstance"])
            #expect(set.map { $0["status"] } == [2, 2, -1])
            #expect(set[1]["remark"] == "before-upgrade")
            #expect(set[0]["locked"] == 0)
            // TestClock starts at 2026-01-01T00:00:00Z = 08:00 in UTC+8; the manual backup is 2 days older.
            #expect(set[1]["startTime"] == "2025-12-30 08:00:00")

            let filtered = try await harness.client.call("GetRedisBackupList", [
                ("limit", "10"), ("offset", "0"), ("redisId", "crs-legacy01"),
                ("beginTime", "2025-12-30 08:00:00"), ("endTime", "2025-12-31 07:59:59"),
            ])
            #expect(filtered.array("redisBackupSet").map { $0["backupId"]?.stringValue } == [Self.manual])
            let page = try await harness.client.call("GetRedisBackupList", [("limit", "1"), ("offset", "1"), ("redisId", "crs-legacy01")])
            #expect(page.json?["totalCount"]?.intValue == 3)
            #expect(page.array("redisBackupSet").map { $0["backupId"]?.stringValue } == [Self.manual])

            for parameters in [
                [("offset", "0"), ("redisId", "crs-legacy01")],
                [("limit", "10"), ("redisId", "crs-legacy01")],
                [("limit", "10"), ("offset", "0")],
                [("limit", "ten"), ("offset", "0"), ("redisId", "crs-legacy01")],
                [("limit", "10"), ("offset", "0"), ("redisId", "crs-legacy01"), ("beginTime", "2025-12-30")],
            ] {
                let bad = try await harness.client.call("GetRedisBackupList", parameters)
                #expect(bad.code == 4000, "\(parameters)")
                #expect(bad.codeDesc == "InvalidParameter")
                #expect(bad.message?.hasPrefix("(11201)") == true)
            }
            let unknown = try await harness.client.call("GetRedisBackupList", [("limit", "10"), ("offset", "0"), ("redisId", "crs-nobody")])
            #expect(unknown.code == 5100)
            #expect(unknown.message == "(10701)instance not exists")
            #expect(unknown.codeDesc == "InstanceNotExists")
        }
    }

    @Test("ManualBackupInstance → requestId; DescribeTaskInfo 0, 1, 2; the backup appears with its remark")
    func manualBackup() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.method = .POST
            let answer = try await harness.client.call(
                "ManualBackupInstance", [("redisId", "crs-legacy01"), ("remark", "nightly run")], tweaks: tweaks
            )
            #expect(answer.code == 0, "\(answer.body)")
            let taskId = try #require(answer.data?["requestId"]?.intValue)
            let running = await harness.simulator.backups(of: "crs-legacy01")
            #expect(running.count == 4)
            #expect(running.first?.remark == "nightly run")
            #expect(running.first?.status == 1)
            // A second backup while the first runs: 10707.
            let busy = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")])
            #expect(busy.code == 5100)
            #expect(busy.message == "(10707)instance is locked by another task, retry later")
            #expect(busy.codeDesc == "InstanceLockedError")
            #expect(try await harness.pollUntilDone(taskId) == [0, 1, 2])
            #expect(await harness.simulator.backups(of: "crs-legacy01").first?.status == 2)
            let list = try await harness.client.call("GetRedisBackupList", [("limit", "10"), ("offset", "0"), ("redisId", "crs-legacy01")])
            #expect(list.array("redisBackupSet").first?["remark"] == "nightly run")
            #expect(list.array("redisBackupSet").first?["backupType"] == "manualBackupInstance")
            // A finished task keeps answering its end state.
            let again = try await harness.client.call("DescribeTaskInfo", [("requestId", String(taskId))])
            #expect(again.data?["status"] == 2)
        }
    }

    @Test("RestoreInstance → requestId; the instance is in a flow until the task ends")
    func restore() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            let answer = try await harness.client.call("RestoreInstance", [
                ("redisId", "crs-legacy01"), ("password", TencentLegacySandboxSeed.password), ("backupId", Self.manual),
            ])
            #expect(answer.code == 0, "\(answer.body)")
            let taskId = try #require(answer.data?["requestId"]?.intValue)
            #expect(await harness.simulator.instance("crs-legacy01")?.status == 1)
            #expect(await harness.simulator.backups(of: "crs-legacy01").first { $0.backupId == Self.manual }?.locked == 1)
            #expect(try await harness.pollUntilDone(taskId) == [0, 1, 2])
            let instance = await harness.simulator.instance("crs-legacy01")
            #expect(instance?.status == 2)
            #expect(instance?.lastRestoredBackupId == Self.manual)
            #expect(await harness.simulator.backups(of: "crs-legacy01").first { $0.backupId == Self.manual }?.locked == 0)
        }
    }

    @Test("DescribeTaskInfo: requestId required and known (11201)")
    func describeTaskErrors() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            for parameters in [[], [("requestId", "abc")], [("requestId", "999")]] {
                let answer = try await harness.client.call("DescribeTaskInfo", parameters)
                #expect(answer.code == 4000)
                #expect(answer.message?.hasPrefix("(11201)") == true)
                #expect(answer.codeDesc == "InvalidParameter")
            }
        }
    }

    struct ModuleCase: Sendable, CustomTestStringConvertible {
        var name: String
        var action: String
        var parameters: [String: String]
        var module: Int64
        var common: Int64
        var codeDesc: String
        var testDescription: String { name }
    }

    static let moduleCases: [ModuleCase] = {
        let password = TencentLegacySandboxSeed.password
        return [
            ModuleCase(name: "backup: redisId missing", action: "ManualBackupInstance", parameters: [:], module: 11201, common: 4000, codeDesc: "InvalidParameter"),
            ModuleCase(name: "backup: unknown instance", action: "ManualBackupInstance", parameters: ["redisId": "crs-nobody"], module: 10701, common: 5100, codeDesc: "InstanceNotExists"),
            ModuleCase(name: "backup: isolated", action: "ManualBackupInstance", parameters: ["redisId": "crs-legacy02"], module: 10702, common: 5100, codeDesc: "InstanceStatusAbnormal"),
            ModuleCase(name: "restore: password missing", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "backupId": manual], module: 11201, common: 4000, codeDesc: "InvalidParameter"),
            ModuleCase(name: "restore: backupId missing", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "password": password], module: 11201, common: 4000, codeDesc: "InvalidParameter"),
            ModuleCase(name: "restore: unknown instance", action: "RestoreInstance", parameters: ["redisId": "crs-nobody", "password": password, "backupId": manual], module: 10701, common: 5100, codeDesc: "InstanceNotExists"),
            ModuleCase(name: "restore: isolated", action: "RestoreInstance", parameters: ["redisId": "crs-legacy02", "password": password, "backupId": manual], module: 10702, common: 5100, codeDesc: "InstanceStatusAbnormal"),
            ModuleCase(name: "restore: unknown backup", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "password": password, "backupId": "nope"], module: 11213, common: 5100, codeDesc: "BackupNotExists"),
            ModuleCase(name: "restore: another instance's backup", action: "RestoreInstance", parameters: ["redisId": "crs-legacy03", "password": password, "backupId": manual], module: 11213, common: 5100, codeDesc: "BackupNotExists"),
            ModuleCase(name: "restore: expired backup", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "password": password, "backupId": expired], module: 10711, common: 5100, codeDesc: "BackupStatusAbnormal"),
            ModuleCase(name: "restore: locked backup", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "password": password, "backupId": "locked-backup"], module: 10710, common: 5100, codeDesc: "BackupLockedError"),
            ModuleCase(name: "restore: wrong password", action: "RestoreInstance", parameters: ["redisId": "crs-legacy01", "password": "guess", "backupId": manual], module: 10712, common: 5100, codeDesc: "PasswordError"),
        ]
    }()

    @Test("Module errors, shape (a): common code + (NNNNN) message prefix + codeDesc", arguments: moduleCases)
    func moduleErrorsCommonShape(_ testCase: ModuleCase) async throws {
        try await TencentLegacyHarness.with(shape: .commonCodeWithPrefix) { (harness: TencentLegacyHarness) async throws in
            await Self.seedExtras(harness.simulator, now: harness.clock.now)
            let answer = try await harness.client.call(testCase.action, testCase.parameters.sorted { $0.key < $1.key })
            #expect(answer.status == 200)
            #expect(answer.code == testCase.common, "\(answer.body)")
            #expect(answer.message?.hasPrefix("(\(testCase.module))") == true)
            #expect(answer.codeDesc == testCase.codeDesc)
            #expect(await harness.simulator.receivedRequests().last?.errorCode == String(testCase.module))
            #expect(await harness.simulator.tasks().isEmpty)
        }
    }

    @Test("Module errors, shape (b): the module number in `code`", arguments: moduleCases)
    func moduleErrorsModuleShape(_ testCase: ModuleCase) async throws {
        try await TencentLegacyHarness.with(shape: .moduleCode) { (harness: TencentLegacyHarness) async throws in
            await Self.seedExtras(harness.simulator, now: harness.clock.now)
            let answer = try await harness.client.call(testCase.action, testCase.parameters.sorted { $0.key < $1.key })
            #expect(answer.code == testCase.module, "\(answer.body)")
            #expect(answer.message?.hasPrefix("(") == false)
            #expect(answer.codeDesc == testCase.codeDesc)
        }
    }

    @Test("Instance unknown in shape (b) reads exactly {code: 10701, message, codeDesc}")
    func exactShapeB() async throws {
        try await TencentLegacyHarness.with(shape: .moduleCode) { (harness: TencentLegacyHarness) async throws in
            let answer = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-nobody")])
            #expect(answer.json == ["code": 10701, "message": "instance not exists", "codeDesc": "InstanceNotExists"])
        }
    }

    /// A third running instance (for the other-instance case) and a locked backup on crs-legacy01.
    static func seedExtras(_ simulator: TencentLegacySimulator, now: Date) async {
        await simulator.addInstance(TencentSimulatedInstance(id: "crs-legacy03", name: "third", password: TencentLegacySandboxSeed.password))
        await simulator.addBackup(TencentSimulatedBackup(
            backupId: "locked-backup", instanceId: "crs-legacy01", instanceName: "legacy-orders",
            startTime: now.addingTimeInterval(-600), endTime: now.addingTimeInterval(-500), status: 2, locked: 1,
            backupSize: 1, expireTime: now.addingTimeInterval(86_400)
        ))
    }

    @Test("Timed progression follows the clock: 0, then 1, then 2")
    func timedProgression() async throws {
        try await TencentLegacyHarness.with(progression: .timed(preparing: .seconds(1), running: .seconds(3))) { (harness: TencentLegacyHarness) async throws in
            let answer = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")])
            let taskId = try #require(answer.data?["requestId"]?.intValue)
            func status() async throws -> SimulatorJSON? {
                try await harness.client.call("DescribeTaskInfo", [("requestId", String(taskId))]).data?["status"]
            }
            #expect(try await status() == 0)
            harness.clock.advance(by: 1.5)
            #expect(try await status() == 1)
            harness.clock.advance(by: 3)
            #expect(try await status() == 2)
            #expect(await harness.simulator.backups(of: "crs-legacy01").first?.status == 2)
        }
    }

    @Test("Immediate progression ends tasks at once")
    func immediateProgression() async throws {
        try await TencentLegacyHarness.with(progression: .immediate) { (harness: TencentLegacyHarness) async throws in
            let answer = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")])
            let taskId = try #require(answer.data?["requestId"]?.intValue)
            #expect(try await harness.pollUntilDone(taskId) == [2])
        }
    }

    @Test("ManualBackupInstance daily limit → 4400")
    func dailyLimit() async throws {
        try await TencentLegacyHarness.with(progression: .immediate, manualBackupDailyLimit: 2) { (harness: TencentLegacyHarness) async throws in
            for _ in 0..<2 {
                #expect(try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")]).code == 0)
            }
            let limited = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")])
            #expect(limited.code == 4400)
            #expect(limited.codeDesc == "RequestLimitExceeded")
            harness.clock.advance(by: 86_400)
            #expect(try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy01")]).code == 0)
        }
    }

    @Test("Sandbox: two instances, three fixed backups, a permanent key")
    func sandbox() async throws {
        let simulator = TencentLegacySimulator.sandbox(secretId: "AKIDsandbox", secretKey: "sandbox-key")
        #expect(await simulator.instance("crs-legacy01")?.password == "legacy-password")
        #expect(await simulator.instance("crs-legacy02")?.status == -2)
        let backups = await simulator.backups(of: "crs-legacy01")
        #expect(Set(backups.map(\.backupId)) == [Self.manual, Self.automatic, Self.expired])
        #expect(backups.first { $0.backupId == Self.manual }?.remark != nil)
        #expect(backups.first { $0.backupId == Self.expired }?.status == -1)
        #expect(simulator.configuration.regions == ["gz", "ap-guangzhou"])
    }
}
