import Foundation

/// The sample account behind `TencentSimulator.sandbox`.
///
/// Regions `ap-guangzhou` and `ap-shanghai` are served; the instances live in `ap-guangzhou`:
/// * `crs-sandbox01` "orders-cache": running standalone, 1024 MB, password `sandbox-password`.
///   Backups: `678362566696298532848117` manual, remark "before-migration", ~2 days old, 24 MiB;
///   `678362566696298532848118` automatic, ~1 day old; `678362566696298532848119` expired (~10 days old).
/// * `crs-sandbox02` "sessions-cluster": running cluster (3 shards, 1 replica), password-free.
///   Backup `678362566696298532848120`, automatic, ~1 day old.
/// * `crs-sandbox03` "legacy-isolated": isolated (status -2).
public enum TencentSandboxSeed {
    public static let region = "ap-guangzhou"
    public static let regions: Set<String> = ["ap-guangzhou", "ap-shanghai"]
    /// Password of `crs-sandbox01` and `crs-sandbox03`.
    public static let password = "sandbox-password"

    public static let manualBackupId = "678362566696298532848117"
    public static let automaticBackupId = "678362566696298532848118"
    public static let expiredBackupId = "678362566696298532848119"
    public static let clusterBackupId = "678362566696298532848120"

    public static func instances() -> [TencentSimulatedInstance] {
        [
            TencentSimulatedInstance(
                id: "crs-sandbox01", name: "orders-cache", region: region, status: 2, noAuth: false,
                password: password, productType: "standalone", shardNum: 1, replicasNum: 1, memSizeMB: 1024
            ),
            TencentSimulatedInstance(
                id: "crs-sandbox02", name: "sessions-cluster", region: region, status: 2, noAuth: true,
                password: nil, productType: "cluster", shardNum: 3, replicasNum: 1, memSizeMB: 3072
            ),
            TencentSimulatedInstance(
                id: "crs-sandbox03", name: "legacy-isolated", region: region, status: -2, noAuth: false,
                password: password, productType: "standalone", shardNum: 1, replicasNum: 1, memSizeMB: 512
            ),
        ]
    }

    /// The sample backups, their times relative to `now`.
    public static func backups(now: Date) -> [TencentSimulatedBackup] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        func ago(days: Double, minutes: Double = 0) -> Date {
            base.addingTimeInterval(-(days * 86_400 + minutes * 60))
        }
        let mib: Int64 = 1024 * 1024
        return [
            TencentSimulatedBackup(
                backupId: manualBackupId, instanceId: "crs-sandbox01", instanceName: "orders-cache", region: region,
                startTime: ago(days: 2), endTime: ago(days: 2).addingTimeInterval(95), backupType: "0", status: 2,
                remark: "before-migration", backupSize: 24 * mib, expireTime: ago(days: 2).addingTimeInterval(7 * 86_400)
            ),
            TencentSimulatedBackup(
                backupId: automaticBackupId, instanceId: "crs-sandbox01", instanceName: "orders-cache", region: region,
                startTime: ago(days: 1), endTime: ago(days: 1).addingTimeInterval(88), backupType: "1", status: 2,
                remark: nil, backupSize: 23 * mib, expireTime: ago(days: 1).addingTimeInterval(7 * 86_400)
            ),
            TencentSimulatedBackup(
                backupId: expiredBackupId, instanceId: "crs-sandbox01", instanceName: "orders-cache", region: region,
                startTime: ago(days: 10), endTime: ago(days: 10).addingTimeInterval(80), backupType: "1", status: -1,
                remark: nil, backupSize: 20 * mib, expireTime: ago(days: 3)
            ),
            TencentSimulatedBackup(
                backupId: clusterBackupId, instanceId: "crs-sandbox02", instanceName: "sessions-cluster", region: region,
                startTime: ago(days: 1, minutes: 30), endTime: ago(days: 1, minutes: 27), backupType: "1", status: 2,
                remark: nil, backupSize: 96 * mib, expireTime: ago(days: 1, minutes: 30).addingTimeInterval(7 * 86_400)
            ),
        ]
    }
}

extension TencentSimulator {
    /// A simulator seeded with the sample account of `TencentSandboxSeed` (three instances in
    /// `ap-guangzhou`, four backups with fixed ids), accepting one key; tasks take 1 s preparing
    /// and 3 s running; Tencent's rate limits apply. They are at or above the gateway's own
    /// defaults (20/s per action, `TencentAccount.defaultRateLimits`), so the sandbox gateway
    /// waits in its own limiter and is never throttled here.
    public static func sandbox(secretId: String, secretKey: String) -> TencentSimulator {
        let configuration = TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
            regions: TencentSandboxSeed.regions,
            taskProgression: .timed(preparing: .seconds(1), running: .seconds(3)),
            enforceRateLimits: true,
            // Operations recorded by an earlier sandbox run must never meet a new task with their id.
            firstTaskId: Int(Date().timeIntervalSince1970 * 1000)
        )
        return TencentSimulator(
            configuration: configuration,
            instances: TencentSandboxSeed.instances(),
            backups: TencentSandboxSeed.backups(now: configuration.clock())
        )
    }
}
