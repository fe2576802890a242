import Foundation
import GatewayCore
@testable import Providers
import Testing

/// Alibaba values → the portable model (`alibaba.md` §4.2–§4.5): DescribeBackups rows,
/// cloud-native cluster sets and job progress.
@Suite("Alibaba normalization")
struct AlibabaNormalizationTests {
    static let now = AlibabaFixture.pinnedNow  // 2026-01-01T00:00:00Z

    static func row(
        id: String = "1651234550", status: String? = "Success", mode: String? = "Manual",
        expires: String? = "2026-01-08T00:00:00Z", size: String = "1024"
    ) throws -> AlibabaAPI.BackupRow {
        var fields = [
            #""BackupId":\#(id)"#, #""BackupJobID":24340"#, #""BackupStartTime":"2025-12-31T23:00:00Z""#,
            #""BackupEndTime":"2025-12-31T23:02:23Z""#, #""BackupType":"FullBackup""#, #""BackupMethod":"Physical""#,
            #""BackupSize":\#(size)"#, #""NodeInstanceId":"r-bp1zxszhcgatnx7d5""#,
        ]
        if let status { fields.append(#""BackupStatus":"\#(status)""#) }
        if let mode { fields.append(#""BackupMode":"\#(mode)""#) }
        if let expires { fields.append(#""ExpectExpireTime":"\#(expires)""#) }
        return try AlibabaFixture.decode(AlibabaAPI.BackupRow.self, "{" + fields.joined(separator: ",") + "}")
    }

    // MARK: DescribeBackups rows

    @Test("BackupStatus → state; restorable only when succeeded and the instance restores in place", arguments: [
        ("Success" as String?, Backup.State.succeeded), ("success", .succeeded), ("Failed", .failed), ("failed", .failed),
        (nil, .running), ("Whatever", .running),
    ])
    func rowStatus(status: String?, state: Backup.State) throws {
        let row = try Self.row(status: status)
        let eligible = AlibabaNormalization.backup(row, instanceId: "r-1", restorableInPlace: true, now: Self.now)
        #expect(eligible.state == state)
        #expect(eligible.restorable == (state == .succeeded))
        let plain = AlibabaNormalization.backup(row, instanceId: "r-1", restorableInPlace: false, now: Self.now)
        #expect(plain.state == state)
        #expect(!plain.restorable)
    }

    @Test("BackupMode Manual → manual; Automated or absent → automatic", arguments: [
        ("Manual" as String?, Backup.Kind.manual), ("manual", .manual), ("Automated", .automatic), (nil, .automatic),
    ])
    func rowMode(mode: String?, kind: Backup.Kind) throws {
        #expect(AlibabaNormalization.backup(try Self.row(mode: mode), instanceId: "r-1", restorableInPlace: true, now: Self.now).kind == kind)
    }

    @Test("a successful set past its ExpectExpireTime is expired and not restorable")
    func rowExpired() throws {
        let backup = AlibabaNormalization.backup(
            try Self.row(expires: "2025-12-31T23:59:59Z"), instanceId: "r-1", restorableInPlace: true, now: Self.now
        )
        #expect(backup.state == .expired)
        #expect(!backup.restorable)
        #expect(backup.expiresAt == Self.now.addingTimeInterval(-1))
        // A failed set stays failed even when expired; no expiry means not expired.
        let failed = AlibabaNormalization.backup(
            try Self.row(status: "Failed", expires: "2025-01-01T00:00:00Z"), instanceId: "r-1", restorableInPlace: true, now: Self.now
        )
        #expect(failed.state == .failed)
        let forever = AlibabaNormalization.backup(try Self.row(expires: nil), instanceId: "r-1", restorableInPlace: true, now: Self.now)
        #expect(forever.state == .succeeded)
        #expect(forever.expiresAt == nil)
    }

    @Test("every field of a full row")
    func rowFields() throws {
        let backup = AlibabaNormalization.backup(try Self.row(), instanceId: "r-bp1", restorableInPlace: true, now: Self.now)
        #expect(backup.id == "1651234550")
        #expect(backup.instanceId == "r-bp1")
        #expect(backup.startedAt == Self.now.addingTimeInterval(-3600))
        #expect(backup.finishedAt == Self.now.addingTimeInterval(-3600 + 143))
        #expect(backup.expiresAt == Self.now.addingTimeInterval(7 * 86_400))
        #expect(backup.sizeBytes == 1024)
        #expect(backup.format == nil)
        #expect(backup.remark == nil)
    }

    @Test("numeric and string ids and sizes read the same (FlexibleString)")
    func flexibleIds() throws {
        let numeric = AlibabaNormalization.backup(try Self.row(id: "1651234550", size: "1024"), instanceId: "r", restorableInPlace: true, now: Self.now)
        let text = AlibabaNormalization.backup(try Self.row(id: #""1651234550""#, size: #""1024""#), instanceId: "r", restorableInPlace: true, now: Self.now)
        #expect(numeric == text)
        #expect(text.id == "1651234550")
        #expect(text.sizeBytes == 1024)

        let job = try AlibabaFixture.decode(AlibabaAPI.CreateBackupResponse.self, #"{"BackupJobID":24340}"#)
        #expect(job.BackupJobID?.value == "24340")
        let double = try AlibabaFixture.decode(AlibabaAPI.CreateBackupResponse.self, #"{"BackupJobID":24340.0}"#)
        #expect(double.BackupJobID?.value == "24340")
        let list = try AlibabaFixture.decode(AlibabaAPI.CreateBackupResponse.self, #"{"BackupJobID":"10000,10001"}"#)
        #expect(list.BackupJobID?.value == "10000,10001")
    }

    @Test("a DescribeBackups page decodes Backups.Backup")
    func describeBackupsPage() throws {
        let page = try AlibabaFixture.decode(AlibabaAPI.DescribeBackupsResponse.self, """
            {"RequestId":"r","PageNumber":1,"PageSize":30,"TotalCount":1,"FullStorageSize":1024,"LogStorageSize":0,"FreeSize":0,
             "Backups":{"Backup":[{"BackupId":1651234550,"BackupJobID":24340,"BackupStatus":"Success",
               "BackupStartTime":"2019-03-14T05:28:50Z","BackupEndTime":"2019-03-14T05:31:13Z","BackupType":"FullBackup",
               "BackupMethod":"Physical","BackupMode":"Manual","BackupSize":1024,"BackupDBNames":"0","EngineVersion":"5.0",
               "NodeInstanceId":"r-x-db-0","ExpectExpireTime":"2019-03-21T05:28:50Z","BackupDownloadURL":"u",
               "BackupIntranetDownloadURL":"u","RecoverConfigMode":"{\\"whitelist\\":true}"}]}}
            """)
        let row = try #require(page.Backups?.Backup?.first)
        #expect(row.BackupId?.value == "1651234550")
        #expect(row.BackupJobID?.value == "24340")
        #expect(page.TotalCount == 1)
    }

    // MARK: Cluster sets

    static func set(status: String?, expires: String = "2026-01-08T00:00:00Z", mode: String = "Manual") throws -> AlibabaAPI.ClusterBackup {
        let statusField = status.map { #""ClusterBackupStatus":"\#($0)","# } ?? ""
        return try AlibabaFixture.decode(AlibabaAPI.ClusterBackup.self, """
            {"ClusterBackupId":"cb-hyxdof5x9kqbtust",\(statusField)"ClusterBackupStartTime":"2025-12-31T23:00:00Z",
             "ClusterBackupEndTime":"2025-12-31T23:05:00Z","ClusterBackupMode":"\(mode)","ClusterBackupSize":"2048",
             "IsAvail":1,"ExpectExpireTime":"\(expires)","Progress":"50"}
            """)
    }

    @Test("ClusterBackupStatus OK → succeeded, RUNNING → running, anything else → failed; never restorable", arguments: [
        ("OK" as String?, Backup.State.succeeded), ("ok", .succeeded), ("RUNNING", .running), ("FAILED", .failed),
        ("ERROR", .failed), (nil, .failed),
    ])
    func clusterStatus(status: String?, state: Backup.State) throws {
        let backup = AlibabaNormalization.backup(try Self.set(status: status), instanceId: "r-cn", now: Self.now)
        #expect(backup.state == state)
        #expect(!backup.restorable)
        #expect(backup.id == "cb-hyxdof5x9kqbtust")
        #expect(backup.instanceId == "r-cn")
        #expect(backup.sizeBytes == 2048)
        #expect(backup.startedAt == Self.now.addingTimeInterval(-3600))
        #expect(backup.finishedAt == (state == .running ? nil : Self.now.addingTimeInterval(-3300)))
    }

    @Test("a cluster set past its ExpectExpireTime is expired; its mode sets the kind")
    func clusterExpiredAndKind() throws {
        let expired = AlibabaNormalization.backup(try Self.set(status: "OK", expires: "2025-12-31T00:00:00Z"), instanceId: "r", now: Self.now)
        #expect(expired.state == .expired)
        #expect(AlibabaNormalization.backup(try Self.set(status: "OK"), instanceId: "r", now: Self.now).kind == .manual)
        #expect(AlibabaNormalization.backup(try Self.set(status: "OK", mode: "Automated"), instanceId: "r", now: Self.now).kind == .automatic)
    }

    @Test("DescribeClusterBackupList decodes its bare ClusterBackups array with string ids")
    func clusterList() throws {
        let list = try AlibabaFixture.decode(AlibabaAPI.DescribeClusterBackupListResponse.self, """
            {"ClusterBackups":[{"ClusterBackupId":"cb-1","ClusterBackupStatus":"OK","ClusterBackupSize":"10",
              "Backups":[{"BackupId":"1651234550","BackupStatus":"OK"}]}],"MaxResults":1,"PageNumber":1,"PageSize":30,"RequestId":"r"}
            """)
        #expect(list.ClusterBackups?.map(\.ClusterBackupId) == ["cb-1"])
        #expect(list.ClusterBackups?.first?.ClusterBackupSize?.value == "10")
    }

    // MARK: Progress

    static func job(status: String?, progress: String?) throws -> AlibabaAPI.BackupJob {
        var fields = [#""BackupJobID":24340"#]
        if let status { fields.append(#""BackupProgressStatus":"\#(status)""#) }
        if let progress { fields.append(#""Progress":\#(progress)"#) }
        return try AlibabaFixture.decode(AlibabaAPI.BackupJob.self, "{" + fields.joined(separator: ",") + "}")
    }

    @Test("progress from BackupProgressStatus when Progress is absent", arguments: [
        ("NoStart" as String?, 0), ("Preparing", 10), ("Waiting", 20), ("Uploading", 50), ("Checking", 90), ("Finished", 100),
        ("Unheard", 0), (nil, 0),
    ])
    func progressFromStatus(status: String?, percent: Int) throws {
        #expect(AlibabaNormalization.progress(try Self.job(status: status, progress: nil)) == percent)
    }

    @Test("Progress wins over the status, string or number, clamped to 0…100", arguments: [
        (#""42""#, 42), ("42", 42), (#""12.5""#, 12), (#""150""#, 100), (#""-5""#, 0), (#""""#, 50), (#""n/a""#, 50),
    ])
    func progressField(progress: String, percent: Int) throws {
        #expect(AlibabaNormalization.progress(try Self.job(status: "Uploading", progress: progress)) == percent)
    }

    // MARK: Job ids

    @Test("CreateBackup's BackupJobID: one id or a comma list of per-shard jobs", arguments: [
        ("10000, 10001" as String?, ["10000", "10001"]),
        ("10000,10001", ["10000", "10001"]),
        ("24340", ["24340"]),
        (" 10000 ,,10001, ", ["10000", "10001"]),
        ("", []),
        (nil, []),
    ])
    func jobIds(text: String?, ids: [String]) {
        #expect(AlibabaDriver.jobIds(text) == ids)
    }
}
