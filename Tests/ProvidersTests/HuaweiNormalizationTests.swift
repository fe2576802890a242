import Foundation
import GatewayCore
@testable import Providers
import Testing

/// DCS values → the portable model (`huawei.md` §2.2, §2.4, §2.5): backup records, progress
/// strings, times and instance statuses.
@Suite("Huawei normalization")
struct HuaweiNormalizationTests {
    static let opTag = "[gw:\(Fixture.operationId)]"

    /// A `backup_record_response[]` entry as DCS writes it; nil leaves a field out.
    static func record(
        status: String? = "succeed", supportRestore: String? = "TRUE", type: String? = "manual", format: String? = "rdb",
        remark: String? = "nightly", progress: String? = "100.00", createdAt: String? = "2025-12-31T23:00:00.166Z",
        updatedAt: String? = "2025-12-31T23:02:23.500Z", instanceId: String? = "5560df16-cebf-4473-95c4-d1b573c16e79",
        size: String = "12582912"
    ) throws -> HuaweiAPI.BackupRecord {
        var fields = [
            #""backup_id":"548ceeff-1c2d-4e5f-8a9b-0c1d2e3f4a5b""#, #""backup_name":"backup_20251231230000""#, #""size":\#(size)"#,
            #""execution_at":"2025-12-31T23:00:00.166Z""#, #""period":null"#, #""error_code":null"#,
        ]
        func add(_ name: String, _ value: String?) {
            if let value { fields.append(#""\#(name)":"\#(value)""#) }
        }
        add("status", status)
        add("is_support_restore", supportRestore)
        add("backup_type", type)
        add("backup_format", format)
        add("remark", remark)
        add("progress", progress)
        add("created_at", createdAt)
        add("updated_at", updatedAt)
        add("instance_id", instanceId)
        return try HuaweiFixture.decode(HuaweiAPI.BackupRecord.self, "{" + fields.joined(separator: ",") + "}")
    }

    static func backup(_ record: HuaweiAPI.BackupRecord) -> Backup {
        HuaweiNormalization.backup(record, instanceId: "fallback-instance")
    }

    // MARK: Backup status

    @Test("backup status → state (case-insensitive; anything else is still running)", arguments: [
        ("waiting" as String?, Backup.State.pending), ("backuping", .running), ("succeed", .succeeded), ("failed", .failed),
        ("expired", .expired), ("deleted", .expired), ("SUCCEED", .succeeded), ("Backuping", .running), ("FAILED", .failed),
        (nil, .running), ("", .running), ("paused", .running),
    ])
    func backupStatus(status: String?, state: Backup.State) throws {
        #expect(HuaweiNormalization.backupState(status) == state)
        #expect(Self.backup(try Self.record(status: status)).state == state)
    }

    @Test("a backup's state → the operation's: waiting/backuping running, succeed succeeded, failed/expired/deleted failed", arguments: [
        (Backup.State.pending, OperationState.running), (.running, .running), (.succeeded, .succeeded), (.failed, .failed), (.expired, .failed),
    ])
    func operationState(state: Backup.State, operation: OperationState) {
        #expect(HuaweiDriver.operationState(state) == operation)
    }

    @Test("restorable needs status succeed AND is_support_restore \"TRUE\"", arguments: [
        ("succeed" as String?, "TRUE" as String?, true), ("succeed", "true", true), ("succeed", "FALSE", false), ("succeed", nil, false),
        ("succeed", "", false), ("succeed", "yes", false), ("failed", "TRUE", false), ("backuping", "TRUE", false),
        ("waiting", "TRUE", false), ("expired", "TRUE", false), ("deleted", "TRUE", false),
    ])
    func restorable(status: String?, supportRestore: String?, expected: Bool) throws {
        #expect(Self.backup(try Self.record(status: status, supportRestore: supportRestore)).restorable == expected)
    }

    @Test("backup_type manual → manual; auto (or anything else, or nothing) → automatic", arguments: [
        ("manual" as String?, Backup.Kind.manual), ("MANUAL", .manual), ("auto", .automatic), ("AUTO", .automatic), (nil, .automatic),
    ])
    func kind(type: String?, kind: Backup.Kind) throws {
        #expect(Self.backup(try Self.record(type: type)).kind == kind)
    }

    @Test("backup_format is lower-cased (v1.0 writes AOF)", arguments: [
        ("AOF" as String?, "aof" as String?), ("aof", "aof"), ("RDB", "rdb"), ("rdb", "rdb"), (nil, nil),
    ])
    func format(format: String?, expected: String?) throws {
        #expect(Self.backup(try Self.record(format: format)).format == expected)
    }

    @Test("the gateway's tag is stripped from the remark", arguments: [
        ("nightly \(opTag)" as String?, "nightly" as String?), (opTag, nil), ("", nil), (nil, nil), ("plain", "plain"),
        ("\(opTag) later", "\(opTag) later"), ("note [gw:something]", "note [gw:something]"),
    ])
    func remark(remark: String?, expected: String?) throws {
        #expect(Self.backup(try Self.record(remark: remark)).remark == expected)
    }

    @Test("every field of a finished record")
    func fields() throws {
        let backup = Self.backup(try Self.record(remark: "nightly \(Self.opTag)"))
        #expect(backup.id == "548ceeff-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(backup.instanceId == "5560df16-cebf-4473-95c4-d1b573c16e79")
        #expect(backup.state == .succeeded)
        #expect(backup.kind == .manual)
        #expect(backup.sizeBytes == 12_582_912)
        #expect(backup.format == "rdb")
        #expect(backup.remark == "nightly")
        #expect(backup.restorable)
        #expect(backup.expiresAt == nil)
        let started = try #require(backup.startedAt)
        let finished = try #require(backup.finishedAt)
        #expect(abs(started.timeIntervalSince1970 - (HuaweiFixture.pinnedNow.timeIntervalSince1970 - 3600 + 0.166)) < 0.0005)
        #expect(abs(finished.timeIntervalSince1970 - (HuaweiFixture.pinnedNow.timeIntervalSince1970 - 3600 + 143.5)) < 0.0005)
    }

    @Test("without instance_id the record belongs to the listed instance; a size beyond 32 bits is kept")
    func fallbacks() throws {
        let backup = Self.backup(try Self.record(instanceId: nil, size: "10737418240"))
        #expect(backup.instanceId == "fallback-instance")
        #expect(backup.sizeBytes == 10_737_418_240)
    }

    @Test("finishedAt only once the backup is terminal", arguments: [
        ("waiting", false), ("backuping", false), ("succeed", true), ("failed", true), ("expired", true), ("deleted", true),
    ])
    func finishedAt(status: String, finished: Bool) throws {
        let backup = Self.backup(try Self.record(status: status))
        #expect(backup.startedAt != nil)
        #expect((backup.finishedAt != nil) == finished)
    }

    @Test("a list decodes leniently: missing and null fields, progress and is_support_restore as strings")
    func listDecoding() throws {
        let list = try HuaweiFixture.decode(HuaweiAPI.BackupList.self, """
            {"total_num": 2, "backup_record_response": [
              {"backup_id": "a", "status": "backuping", "progress": "45.00", "is_support_restore": "FALSE", "error_code": null,
               "period": null, "size": 0},
              {"backup_id": "b"}
            ]}
            """)
        #expect(list.total_num == 2)
        let rows = try #require(list.backup_record_response)
        #expect(rows.count == 2)
        #expect(HuaweiNormalization.progress(rows[0].progress) == 45)
        #expect(Self.backup(rows[0]).state == .running)
        #expect(!Self.backup(rows[0]).restorable)
        #expect(Self.backup(rows[1]).state == .running)
        #expect(Self.backup(rows[1]).startedAt == nil)
        let restores = try HuaweiFixture.decode(HuaweiAPI.RestoreList.self, """
            {"restore_record_response": [{"restore_id": "r", "backup_id": "a", "restore_remark": "x", "status": "restoring",
              "progress": "50.00", "sourceInstanceId": "i", "sourceInstanceName": "n", "error_code": "dcs.08.0007"}], "total_num": 1}
            """)
        #expect(restores.restore_record_response?.first?.error_code == "dcs.08.0007")
        #expect(restores.restore_record_response?.first?.restore_remark == "x")
    }

    // MARK: Progress

    @Test("progress strings → whole percent, clamped; unreadable → nil", arguments: [
        ("45.00" as String?, 45 as Int?), ("100.00", 100), ("0.00", 0), ("99.99", 99), ("33.3", 33), ("7", 7),
        ("150", 100), ("-5", 0), ("abc", nil), ("", nil), (nil, nil),
    ])
    func progress(text: String?, expected: Int?) {
        #expect(HuaweiNormalization.progress(text) == expected)
    }

    // MARK: Times

    @Test("response times: ISO-8601 UTC with or without milliseconds, Z or +00:00", arguments: [
        ("2019-05-10T08:31:16.166Z", 1_557_477_076.166),
        ("2019-05-10T08:31:16Z", 1_557_477_076.0),
        ("2019-05-10T08:31:16+00:00", 1_557_477_076.0),
        ("2019-05-10T08:31:16.166+00:00", 1_557_477_076.166),
        ("2026-01-01T00:00:00.000Z", 1_767_225_600.0),
        ("2024-02-29T23:59:59.999Z", 1_709_251_199.999),
    ])
    func parse(text: String, seconds: TimeInterval) throws {
        let date = try #require(HuaweiTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.0005, "\(text) → \(date.timeIntervalSince1970)")
    }

    @Test("other time shapes are nil", arguments: [
        "2019-05-10T08:31:16.166+08:00", "2019-05-10 08:31:16", "20190510083116", "2019-05-10", "", "2019-13-10T08:31:16Z",
        "2019-05-32T08:31:16Z", "2019-05-10T24:00:00Z", "2019-05-10T08:60:16Z", "not a time at all!!",
    ])
    func parseInvalid(text: String) {
        #expect(HuaweiTime.parse(text) == nil)
        #expect(HuaweiTime.parse(nil) == nil)
    }

    @Test("query times are UTC yyyyMMddHHmmss, fractions dropped", arguments: [
        (1_767_225_600.0, "20260101000000"), (1_767_225_599.999, "20251231235959"), (1_709_251_199.5, "20240229235959"),
        (1_557_477_076.166, "20190510083116"), (0.0, "19700101000000"), (2_147_483_648.0, "20380119031408"),
    ])
    func query(seconds: TimeInterval, text: String) {
        #expect(HuaweiTime.query(Date(timeIntervalSince1970: seconds)) == text)
    }

    // MARK: Instance status

    /// Every `status` of `huawei.md` §2.5; only RUNNING may be backed up or restored.
    @Test("every documented instance status → a normalized status", arguments: [
        ("CREATING", InstanceInfo.Status.creating), ("CREATEFAILED", .stopped), ("RUNNING", .running), ("ERROR", .stopped),
        ("RESTARTING", .busy), ("FROZEN", .isolated), ("EXTENDING", .busy), ("RESTORING", .busy), ("FLUSHING", .busy),
        ("CLOSING", .busy), ("STARTING", .busy), ("CLOSED", .stopped), ("DELETED", .deleting), ("UPGRADING", .busy),
        ("ROLLBACKING", .busy), ("IPEXCHANGING", .busy),
    ])
    func instanceStatus(status: String, expected: InstanceInfo.Status) {
        #expect(HuaweiNormalization.instanceStatus(status) == expected)
        #expect(HuaweiNormalization.instanceStatus(status.lowercased()) == expected)
    }

    @Test("an undocumented or missing instance status is unknown")
    func instanceStatusUnknown() {
        for status in ["MIGRATING", "", nil] as [String?] {
            #expect(HuaweiNormalization.instanceStatus(status) == .unknown)
        }
    }
}
