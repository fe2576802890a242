import Foundation
import Testing
@testable import Simulators

/// CreateBackup and polling it through ListBackups, v2 and v1.0, with DCS's body rules.
@Suite struct HuaweiBackupTests {
    @Test("v2 create: 200 {backup_id}; the record goes waiting → backuping → succeed over list polls")
    func createAndPoll() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let created = try await harness.client.post(
                harness.backupsPath(HuaweiHarness.ha), json: ["remark": "op_123 nightly", "backup_format": "aof"]
            )
            #expect(created.status == 200, "\(created.body)")
            let backupId = try #require(created.string("backup_id"))
            #expect(UUID(uuidString: backupId) != nil)
            #expect(backupId == backupId.lowercased())

            let stored = try #require(await harness.simulator.backups(of: HuaweiHarness.ha).first)
            #expect(stored.backupId == backupId)
            #expect(stored.status == "waiting")

            let first = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            let row = try #require(first.array("backup_record_response").first)
            #expect(row["backup_id"] == .string(backupId))
            #expect(row["status"] == "waiting")
            #expect(row["progress"] == "0.00")
            #expect(row["remark"] == "op_123 nightly")
            #expect(row["backup_type"] == "manual")
            #expect(row["backup_format"] == "aof")
            #expect(row["backup_name"] == .string("backup_\(HuaweiTime.compact(harness.clock.now))"))
            #expect(row["instance_id"] == .string(HuaweiHarness.ha))
            #expect(row["is_support_restore"] == "FALSE")
            #expect(row["created_at"] == .string(HuaweiTime.iso(harness.clock.now)))
            #expect(row["error_code"] == .null)

            harness.clock.advance(by: 10)
            let second = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            let running = try #require(second.array("backup_record_response").first)
            #expect(running["status"] == "backuping")
            #expect(running["progress"] == "66.67")

            harness.clock.advance(by: 10)
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "succeed")
            let done = try #require(await harness.simulator.backups(of: HuaweiHarness.ha).first)
            #expect(done.status == "succeed")
            #expect(done.progress == "100.00")
            #expect(done.supportRestore)
            #expect(done.size > 0)
            #expect(done.updatedAt == harness.clock.now)
            let listed = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            let final = try #require(listed.array("backup_record_response").first)
            #expect(final["is_support_restore"] == "TRUE")
            #expect(final["size"]?.intValue == done.size)
            #expect(listed.int("total_num") == 4)
        }
    }

    @Test("Default format rdb, empty remark; the record log shows the parsed body")
    func defaults() async throws {
        try await HuaweiHarness.with(progression: .immediate) { (harness: HuaweiHarness) async throws in
            let created = try await harness.client.post(harness.backupsPath(HuaweiHarness.cluster), json: [:])
            #expect(created.status == 200, "\(created.body)")
            let backup = try #require(await harness.simulator.backups(of: HuaweiHarness.cluster).first)
            #expect(backup.format == "rdb")
            #expect(backup.remark == "")
            #expect(backup.status == "succeed")
            let record = try #require(await harness.simulator.receivedRequests().last)
            #expect(record.action == "CreateBackup")
            #expect(record.parameters == .object([:]))
        }
    }

    @Test("v1.0 create: same answer; backup_format is an unknown field there (111400800); format listed upper-case")
    func legacyCreate() async throws {
        try await HuaweiHarness.with(progression: .immediate) { (harness: HuaweiHarness) async throws in
            let path = harness.backupsPath(HuaweiHarness.ha, version: "v1.0")
            let refused = try await harness.client.post(path, json: ["remark": "x", "backup_format": "rdb"])
            #expect(refused.status == 400)
            #expect(refused.code == "111400800")
            #expect(refused["error"]?["message"] == "Invalid parameter: backup_format.")
            #expect(refused["error_code"] == nil)

            let created = try await harness.client.post(path, json: ["remark": "legacy"])
            #expect(created.status == 200, "\(created.body)")
            let backupId = try #require(created.string("backup_id"))
            let list = try await harness.client.get(path)
            let row = try #require(list.array("backup_record_response").first)
            #expect(row["backup_id"] == .string(backupId))
            #expect(row["backup_format"] == "RDB")
            #expect(row["status"] == "succeed")
        }
    }

    @Test("Body rules: empty DCS.4004, not JSON DCS.4005, bad format / unknown field / wrong type DCS.4800, remark > 128 DCS.4098")
    func bodyRules() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.backupsPath(HuaweiHarness.ha)
            let cases: [(String, String, Int)] = [
                ("", "DCS.4004", 400),
                ("  ", "DCS.4004", 400),
                ("{\"remark\":", "DCS.4005", 400),
                ("[1]", "DCS.4005", 400),
                (#"{"backup_format":"zip"}"#, "DCS.4800", 400),
                (#"{"backup_format":"RDB"}"#, "DCS.4800", 400),
                (#"{"remark":5}"#, "DCS.4800", 400),
                (#"{"retention":7}"#, "DCS.4800", 400),
                (#"{"remark":"\#(String(repeating: "r", count: 129))"}"#, "DCS.4098", 400),
            ]
            for (body, code, status) in cases {
                let answer = try await harness.client.post(path, body: body)
                #expect(answer.status == status, "\(body)")
                #expect(answer.code == code, "\(body): \(answer.body)")
                #expect(answer.string("error_msg") != nil)
                #expect(answer["request_id"] == nil)
            }
            let legacy = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha, version: "v1.0"), body: "")
            #expect(legacy.code == "111400004")
            let ok = try await harness.client.post(path, json: ["remark": .string(String(repeating: "备", count: 128))])
            #expect(ok.status == 200, "\(ok.body)")
            #expect(await harness.simulator.backups(of: HuaweiHarness.ha).filter { $0.status == "waiting" }.count == 1)
        }
    }

    @Test("Timed progression: waiting for the first half, backuping, succeed at creation + duration")
    func timed() async throws {
        try await HuaweiHarness.with(progression: .timed(.seconds(60))) { (harness: HuaweiHarness) async throws in
            let created = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:])
            let backupId = try #require(created.string("backup_id"))
            let start = harness.clock.now
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "waiting")
            harness.clock.advance(by: 45)
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "backuping")
            harness.clock.advance(by: 15)
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "succeed")
            let backup = try #require(await harness.simulator.backups(of: HuaweiHarness.ha).first)
            #expect(backup.updatedAt == start.addingTimeInterval(60))
        }
    }
}
