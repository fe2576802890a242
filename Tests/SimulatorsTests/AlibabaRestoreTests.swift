import Foundation
import Testing
@testable import Simulators

/// RestoreInstance: which instances can restore in place, the parameter combinations, the
/// restorable window, and BackupRecovering → Normal.
@Suite struct AlibabaRestoreTests {
    static func restore(_ parameters: [String: String], instanceId: String = AlibabaHarness.tair) -> [String: String] {
        parameters.merging(["InstanceId": instanceId]) { a, _ in a }
    }

    @Test("ServiceNotSupport 400 on classic Redis without flashback, a cloud-native cluster, and Tair without flashback")
    func serviceNotSupport() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let redis = try await client.v1("RestoreInstance", Self.restore(
                ["RestoreType": "0", "BackupId": String(AlibabaSandboxSeed.redisBackupId)], instanceId: AlibabaHarness.redis
            ))
            #expect(redis.code == "ServiceNotSupport")
            #expect(redis.status == 400)
            let cluster = try await client.v1("RestoreInstance", Self.restore(
                ["RestoreType": "1", "RestoreTime": AlibabaTime.seconds(harness.clock.now.addingTimeInterval(-3600))],
                instanceId: AlibabaHarness.cluster
            ))
            #expect(cluster.code == "ServiceNotSupport")
            await harness.simulator.addInstance(AlibabaSimulatedInstance(
                instanceId: "r-tair-noflash", instanceName: "t", instanceType: "Tair", instanceClass: "tair.rdb.1g"
            ))
            #expect(try await client.v1("RestoreInstance", Self.restore(["RestoreType": "0", "BackupId": "1"], instanceId: "r-tair-noflash")).code == "ServiceNotSupport")
            #expect(try await client.v1("RestoreInstance", Self.restore([:], instanceId: "r-nope")).code == "InvalidInstanceId.NotFound")
            #expect(await harness.simulator.instance(AlibabaHarness.redis)?.instanceStatus == "Normal")
        }
    }

    @Test("ResroreParamNotMatch (sic) for every inconsistent combination", arguments: [
        ["RestoreType": "1"],
        ["RestoreType": "0"],
        [:],
        ["RestoreType": "1", "RestoreTime": "NOW", "BackupId": "1000000001"],
        ["RestoreType": "0", "BackupId": "1000000001", "RestoreTime": "NOW"],
        ["RestoreType": "0", "BackupId": "1000000001", "FilterKey": "user:*"],
        ["BackupId": "1000000001", "TimeShift": "NOW"],
        ["FilterKey": "user:*"],
    ])
    func paramNotMatch(parameters: [String: String]) async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let now = AlibabaTime.seconds(harness.clock.now.addingTimeInterval(-60))
            let resolved = parameters.mapValues { $0 == "NOW" ? now : $0 }
            let answer = try await harness.client.v1("RestoreInstance", Self.restore(resolved))
            #expect(answer.code == "ResroreParamNotMatch", "\(parameters): \(answer.body)")
            #expect(answer.status == 400)
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "Normal")
        }
    }

    @Test("Times: unparsable → InvalidRestoreTime.Format; outside flashback window or future → InvalidBinlog.NotValid; bad TimeShift")
    func times() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let now = harness.clock.now
            func pit(_ time: String, _ extra: [String: String] = [:]) async throws -> AlibabaAnswer {
                try await client.v1("RestoreInstance", Self.restore(["RestoreType": "1", "RestoreTime": time].merging(extra) { a, _ in a }))
            }
            for bad in ["yesterday", "2026-01-01 00:00:00", "2025-12-31T23:00:00+08:00"] {
                let answer = try await pit(bad)
                #expect(answer.code == "InvalidRestoreTime.Format", "\(bad)")
                #expect(answer.status == 400)
            }
            let tooOld = try await pit(AlibabaTime.seconds(now.addingTimeInterval(-3 * 86_400 - 1)))
            #expect(tooOld.code == "InvalidBinlog.NotValid")
            #expect(tooOld.status == 400)
            #expect(try await pit(AlibabaTime.seconds(now.addingTimeInterval(60))).code == "InvalidBinlog.NotValid")
            let restoreTime = AlibabaTime.seconds(now.addingTimeInterval(-7200))
            #expect(try await pit(restoreTime, ["TimeShift": "soon"]).code == "InvalidRestoreTime.Format")
            #expect(try await pit(restoreTime, ["TimeShift": AlibabaTime.seconds(now.addingTimeInterval(-7201))]).code == "InvalidRestoreTime.Format")
            #expect(try await pit(restoreTime, ["TimeShift": AlibabaTime.seconds(now.addingTimeInterval(61))]).code == "InvalidRestoreTime.Format")
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "Normal")
        }
    }

    @Test("BackupId must be a successful set of this instance: InvalidParameter otherwise")
    func backupChecks() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            await harness.simulator.addBackup(AlibabaSimulatedBackup(
                backupId: 1_000_000_099, instanceId: AlibabaHarness.tair, status: "Failed",
                startTime: harness.clock.now.addingTimeInterval(-3600)
            ))
            for backupId in ["999", String(AlibabaSandboxSeed.redisBackupId), "1000000099", "abc"] {
                let answer = try await harness.client.v1("RestoreInstance", Self.restore(["RestoreType": "0", "BackupId": backupId]))
                #expect(answer.code == "InvalidParameter", "\(backupId)")
                #expect(answer.status == 400)
            }
        }
    }

    @Test("Point in time with key filter and TTL shift: BackupRecovering, then Normal with the restore recorded")
    func pointInTimeSucceeds() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 2)) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let now = harness.clock.now
            let restoreTime = now.addingTimeInterval(-2 * 86_400)
            let timeShift = now.addingTimeInterval(-60)
            let answer = try await client.acs3("RestoreInstance", Self.restore([
                "RestoreType": "1",
                "RestoreTime": AlibabaTime.seconds(restoreTime),
                "FilterKey": "user:* ,h.*llo",
                "TimeShift": AlibabaTime.minutes(timeShift),
            ]))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.requestId != nil)
            #expect(answer.json.map { Set(($0.objectKeys)) } == ["RequestId"])
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "BackupRecovering")
            // Busy while recovering.
            let again = try await client.v1("RestoreInstance", Self.restore(["RestoreType": "1", "RestoreTime": AlibabaTime.seconds(restoreTime)]))
            #expect(again.code == "IncorrectDBInstanceState")
            #expect(again.status == 403)
            #expect(try await client.v1("CreateBackup", ["InstanceId": AlibabaHarness.tair]).code == "IncorrectDBInstanceState")

            var statuses: [String] = []
            for _ in 0..<2 {
                let attribute = try await client.v1("DescribeInstanceAttribute", ["InstanceId": AlibabaHarness.tair])
                if case .array(let rows)? = attribute["Instances"]?["DBInstanceAttribute"] {
                    statuses.append(rows.first?["InstanceStatus"]?.stringValue ?? "?")
                }
            }
            #expect(statuses == ["BackupRecovering", "Normal"])
            let record = try #require(await harness.simulator.instance(AlibabaHarness.tair)?.lastRestore)
            #expect(record.restoreType == "1")
            #expect(record.restoreTime == restoreTime)
            #expect(record.filterKey == "user:* ,h.*llo")
            #expect(record.timeShift == Date(timeIntervalSince1970: (timeShift.timeIntervalSince1970 / 60).rounded(.down) * 60))
            #expect(record.backupId == nil)
            #expect(record.finishedAt == now)
        }
    }

    @Test("Backup set restore (RestoreType 0, the default): BackupRecovering until the timed end, then Normal")
    func backupSetSucceeds() async throws {
        try await AlibabaHarness.with(progression: .timed(.seconds(30))) { (harness: AlibabaHarness) async throws in
            let answer = try await harness.client.v1("RestoreInstance", Self.restore(["BackupId": String(AlibabaSandboxSeed.tairManualBackupId)]))
            #expect(answer.status == 200, "\(answer.body)")
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "BackupRecovering")
            harness.clock.advance(by: 29)
            #expect(await harness.simulator.instance(AlibabaHarness.tair)?.instanceStatus == "BackupRecovering")
            harness.clock.advance(by: 1)
            let instance = try #require(await harness.simulator.instance(AlibabaHarness.tair))
            #expect(instance.instanceStatus == "Normal")
            #expect(instance.lastRestore?.backupId == AlibabaSandboxSeed.tairManualBackupId)
            #expect(instance.lastRestore?.restoreType == "0")
        }
    }
}

private extension SimulatorJSON {
    var objectKeys: [String] {
        if case .object(let members) = self { return Array(members.keys) }
        return []
    }
}
