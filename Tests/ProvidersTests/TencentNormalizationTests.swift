import Foundation
import GatewayCore
@testable import Providers
import Testing

/// Tencent values → the portable model (`tencent.md` §3.1, §7).
@Suite("Tencent normalization")
struct TencentNormalizationTests {
    static func set(
        status: Int?, locked: Int? = 0, type: String? = "0", fileType: String? = "RDB", remark: String? = nil,
        end: String? = "2026-01-01 08:01:35", instanceId: String? = "crs-5a4py64p"
    ) -> TencentAPI.BackupSet {
        TencentAPI.BackupSet(
            StartTime: "2026-01-01 08:00:00", EndTime: end, BackupId: "678362566696298532848117", BackupType: type,
            Status: status, Remark: remark, Locked: locked, BackupSize: 25_165_824, InstanceId: instanceId,
            FileType: fileType, ExpireTime: "2026-01-08 08:00:00"
        )
    }

    @Test("backup Status → state; restorable only for Status 2 unlocked", arguments: [
        (1, Backup.State.running, false),
        (2, .succeeded, true),
        (3, .succeeded, false),
        (4, .succeeded, false),
        (-1, .expired, false),
        (-2, .expired, false),
    ])
    func backupStatus(status: Int, state: Backup.State, restorable: Bool) {
        #expect(TencentNormalization.backupState(status) == state)
        let backup = TencentNormalization.backup(Self.set(status: status), instanceId: "crs-5a4py64p")
        #expect(backup.state == state)
        #expect(backup.restorable == restorable)
    }

    @Test("a locked backup is not restorable")
    func locked() {
        #expect(!TencentNormalization.backup(Self.set(status: 2, locked: 1), instanceId: "crs-5a4py64p").restorable)
        #expect(TencentNormalization.backup(Self.set(status: 2, locked: nil), instanceId: "crs-5a4py64p").restorable)
    }

    @Test("BackupType 0 manual, 1 nightly, 2 spec change", arguments: [
        ("0", Backup.Kind.manual), ("1", .automatic), ("2", .automatic),
    ])
    func backupType(type: String, kind: Backup.Kind) {
        #expect(TencentNormalization.backup(Self.set(status: 2, type: type), instanceId: "crs-5a4py64p").kind == kind)
    }

    @Test("FileType → lower-case format; empty or absent → nil", arguments: [
        ("RDB" as String?, "rdb" as String?), ("AOF", "aof"), ("rdb", "rdb"), ("", nil), (nil, nil),
    ])
    func fileType(fileType: String?, format: String?) {
        #expect(TencentNormalization.backup(Self.set(status: 2, fileType: fileType), instanceId: "crs-5a4py64p").format == format)
    }

    @Test("a full backup: times in UTC+8, size, remark without the gateway tag")
    func fullBackup() {
        let backup = TencentNormalization.backup(
            Self.set(status: 2, remark: "before-migration [gw:op_abcdefghijklmnopqrstuvwxyz]"), instanceId: "ignored"
        )
        #expect(backup.id == "678362566696298532848117")
        #expect(backup.instanceId == "crs-5a4py64p")
        #expect(backup.startedAt == Fixture.pinnedNow)
        #expect(backup.finishedAt == Fixture.pinnedNow.addingTimeInterval(95))
        #expect(backup.expiresAt == Fixture.pinnedNow.addingTimeInterval(7 * 86_400))
        #expect(backup.sizeBytes == 25_165_824)
        #expect(backup.remark == "before-migration")
    }

    @Test("a running backup has no finish time; a zero EndTime is nil; a missing InstanceId falls back")
    func runningBackup() {
        let running = TencentNormalization.backup(Self.set(status: 1), instanceId: "crs-5a4py64p")
        #expect(running.finishedAt == nil)
        let zeroEnd = TencentNormalization.backup(Self.set(status: 2, end: "0000-00-00 00:00:00", instanceId: nil), instanceId: "crs-fallback")
        #expect(zeroEnd.finishedAt == nil)
        #expect(zeroEnd.instanceId == "crs-fallback")
    }

    @Test("the Status filter that selects each state")
    func statusFilter() {
        #expect(TencentNormalization.statusFilter(for: nil) == [1, 2, 3, 4, -1])
        #expect(TencentNormalization.statusFilter(for: .running) == [1])
        #expect(TencentNormalization.statusFilter(for: .succeeded) == [2, 3, 4])
        #expect(TencentNormalization.statusFilter(for: .expired) == [-1, -2])
        #expect(TencentNormalization.statusFilter(for: .pending) == nil)
        #expect(TencentNormalization.statusFilter(for: .failed) == nil)
        // Every filtered status maps back to the state it selects.
        for state in Backup.State.allCases {
            for status in TencentNormalization.statusFilter(for: state) ?? [] {
                #expect(TencentNormalization.backupState(status) == state)
            }
        }
    }

    @Test("DescribeTaskInfo Status → outcome", arguments: [
        ("preparing" as String?, TencentNormalization.TaskOutcome.running),
        ("running", .running),
        ("succeed", .succeeded),
        ("failed", .failed),
        ("error", .failed),
        ("SUCCEED", .succeeded),
        (nil, .running),
    ])
    func taskStatus(status: String?, outcome: TencentNormalization.TaskOutcome) {
        #expect(TencentNormalization.taskOutcome(status) == outcome)
    }

    @Test("instance Status → status", arguments: [
        (0 as Int?, InstanceInfo.Status.creating),
        (1, .busy),
        (2, .running),
        (-2, .isolated),
        (-3, .deleting),
        (7, .unknown),
        (nil, .unknown),
    ])
    func instanceStatus(status: Int?, expected: InstanceInfo.Status) {
        #expect(TencentNormalization.instanceStatus(status) == expected)
    }
}
