import Foundation
import Testing
@testable import Simulators

/// Restore and polling it through ListRestores: the instance is RESTORING meanwhile.
@Suite struct HuaweiRestoreTests {
    @Test("v2 restore: 200 {restore_id}; waiting → restoring → succeed; instance RESTORING until the end")
    func restoreAndPoll() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let answer = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.ha),
                json: ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId), "remark": "op_9 restore"]
            )
            #expect(answer.status == 200, "\(answer.body)")
            let restoreId = try #require(answer.string("restore_id"))
            #expect(UUID(uuidString: restoreId) != nil)
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RESTORING")
            let show = try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha))
            #expect(show.string("status") == "RESTORING")
            #expect(show.string("task") == "restoring")

            let first = try await harness.client.get(harness.restoresPath(HuaweiHarness.ha))
            #expect(first.status == 200, "\(first.body)")
            #expect(first.int("total_num") == 1)
            let row = try #require(first.array("restore_record_response").first)
            #expect(row["restore_id"] == .string(restoreId))
            #expect(row["backup_id"] == .string(HuaweiSandboxSeed.haManualBackupId))
            #expect(row["status"] == "waiting")
            #expect(row["restore_remark"] == "op_9 restore")
            #expect(row["backup_remark"] == "before schema migration")
            #expect(row["restore_name"] == .string("restore_\(HuaweiTime.compact(harness.clock.now))"))
            #expect(row["backup_name"]?.stringValue?.hasPrefix("backup_") == true)
            #expect(row["sourceInstanceId"] == nil)

            #expect(try await harness.restoreStatus(HuaweiHarness.ha, restoreId) == "restoring")
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RESTORING")
            #expect(try await harness.restoreStatus(HuaweiHarness.ha, restoreId) == "succeed")
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RUNNING")
            let show2 = try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha))
            #expect(show2["task"] == .null)
            let restore = try #require(await harness.simulator.restores(of: HuaweiHarness.ha).first)
            #expect(restore.status == "succeed")
            #expect(restore.progress == "100.00")
            #expect(restore.errorCode == nil)
        }
    }

    @Test("v1.0 restore and its records: sourceInstanceId/sourceInstanceName")
    func legacyRestore() async throws {
        try await HuaweiHarness.with(progression: .perPoll(steps: 2)) { (harness: HuaweiHarness) async throws in
            let path = harness.restoresPath(HuaweiHarness.cluster, version: "v1.0")
            let answer = try await harness.client.post(
                path, json: ["backup_id": .string(HuaweiSandboxSeed.clusterAutoBackupId), "remark": "restore test"]
            )
            #expect(answer.status == 200, "\(answer.body)")
            let restoreId = try #require(answer.string("restore_id"))
            let list = try await harness.client.get(path)
            let row = try #require(list.array("restore_record_response").first)
            #expect(row["restore_id"] == .string(restoreId))
            #expect(row["status"] == "waiting")
            #expect(row["sourceInstanceId"] == .string(HuaweiHarness.cluster))
            #expect(row["sourceInstanceName"] == "events-cluster")
            #expect(try await harness.restoreStatus(HuaweiHarness.cluster, restoreId, version: "v1.0") == "succeed")
            #expect(await harness.simulator.instance(HuaweiHarness.cluster)?.status == "RUNNING")
        }
    }

    @Test("A backup taken through the API can be restored once it succeeded, not before")
    func restoreNewBackup() async throws {
        try await HuaweiHarness.with(progression: .perPoll(steps: 1)) { (harness: HuaweiHarness) async throws in
            let created = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:])
            let backupId = try #require(created.string("backup_id"))
            let early = try await harness.client.post(harness.restoresPath(HuaweiHarness.ha), json: ["backup_id": .string(backupId)])
            #expect(early.code == "DCS.4096")
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "succeed")
            let restore = try await harness.client.post(harness.restoresPath(HuaweiHarness.ha), json: ["backup_id": .string(backupId)])
            #expect(restore.status == 200, "\(restore.body)")
        }
    }

    @Test("Restore body rules: empty DCS.4004, missing backup_id / unknown field DCS.4800, remark > 128 DCS.4098")
    func bodyRules() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.restoresPath(HuaweiHarness.ha)
            let cases: [(String, String)] = [
                ("", "DCS.4004"),
                ("nope", "DCS.4005"),
                ("{}", "DCS.4800"),
                (#"{"backup_id":7}"#, "DCS.4800"),
                (#"{"backup_id":"\#(HuaweiSandboxSeed.haManualBackupId)","point_in_time":"x"}"#, "DCS.4800"),
                (#"{"backup_id":"\#(HuaweiSandboxSeed.haManualBackupId)","remark":"\#(String(repeating: "x", count: 129))"}"#, "DCS.4098"),
            ]
            for (body, code) in cases {
                let answer = try await harness.client.post(path, body: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.code == code, "\(body): \(answer.body)")
            }
            #expect(await harness.simulator.restores(of: HuaweiHarness.ha).isEmpty)
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RUNNING")
        }
    }
}
