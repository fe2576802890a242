import Foundation

/// The sample project behind `HuaweiSimulator.sandbox` (region `ap-southeast-1`):
/// * `7c2f1a8e-0000-4000-8000-000000000001` "cache-single": single-node Redis 5.0, 1 GB —
///   backups and restores are refused (`DCS.4086`); no backups.
/// * `7c2f1a8e-0000-4000-8000-000000000002` "orders-ha": master/standby Redis 5.0, 2 GB.
///   Backups `…-00000000b001` (manual, remark "before schema migration", ~2 days old),
///   `…-00000000b002` (auto, ~1 day old) and `…-00000000b003` (auto, expired, ~9 days old).
/// * `7c2f1a8e-0000-4000-8000-000000000003` "events-cluster": Redis Cluster 6.0, 3 shards,
///   8 GB. Backups `…-00000000c001` (manual, remark "weekly snapshot", ~2 days old) and
///   `…-00000000c002` (auto, ~1 day old).
public enum HuaweiSandboxSeed {
    public static let region = "ap-southeast-1"

    public static let singleInstanceId = "7c2f1a8e-0000-4000-8000-000000000001"
    public static let haInstanceId = "7c2f1a8e-0000-4000-8000-000000000002"
    public static let clusterInstanceId = "7c2f1a8e-0000-4000-8000-000000000003"

    public static let haManualBackupId = "5e1b9d40-0000-4000-8000-00000000b001"
    public static let haAutoBackupId = "5e1b9d40-0000-4000-8000-00000000b002"
    public static let haExpiredBackupId = "5e1b9d40-0000-4000-8000-00000000b003"
    public static let clusterManualBackupId = "5e1b9d40-0000-4000-8000-00000000c001"
    public static let clusterAutoBackupId = "5e1b9d40-0000-4000-8000-00000000c002"

    /// The sample instances.
    public static func instances() -> [HuaweiSimulatedInstance] {
        [
            HuaweiSimulatedInstance(
                instanceId: singleInstanceId, name: "cache-single", cacheMode: "single", engineVersion: "5.0",
                specCode: "redis.single.xu1.large.1", capacity: 1, shardingCount: 1, replicaCount: 1
            ),
            HuaweiSimulatedInstance(
                instanceId: haInstanceId, name: "orders-ha", cacheMode: "ha", engineVersion: "5.0",
                specCode: "redis.ha.xu1.large.r2.2", capacity: 2, shardingCount: 1, replicaCount: 2
            ),
            HuaweiSimulatedInstance(
                instanceId: clusterInstanceId, name: "events-cluster", cacheMode: "cluster", engineVersion: "6.0",
                specCode: "redis.cluster.xu1.large.r2.8", capacity: 8, shardingCount: 3, replicaCount: 2
            ),
        ]
    }

    /// The sample backup records, times relative to `now` (whole milliseconds).
    public static func backups(now: Date) -> [HuaweiSimulatedBackup] {
        let base = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        func ago(days: Double, minutes: Double = 0) -> Date { base.addingTimeInterval(-(days * 86_400 + minutes * 60)) }
        let mib: Int64 = 1024 * 1024
        return [
            HuaweiSimulatedBackup(
                backupId: haManualBackupId, instanceId: haInstanceId, remark: "before schema migration",
                backupType: "manual", status: "succeed", size: 25 * mib + 4_096,
                createdAt: ago(days: 2), updatedAt: ago(days: 2).addingTimeInterval(96.166)
            ),
            HuaweiSimulatedBackup(
                backupId: haAutoBackupId, instanceId: haInstanceId, backupType: "auto", status: "succeed",
                size: 24 * mib + 8_192, createdAt: ago(days: 1), updatedAt: ago(days: 1).addingTimeInterval(88.5)
            ),
            HuaweiSimulatedBackup(
                backupId: haExpiredBackupId, instanceId: haInstanceId, backupType: "auto", status: "expired",
                progress: "100.00", size: 22 * mib, createdAt: ago(days: 9),
                updatedAt: ago(days: 9).addingTimeInterval(91.25), supportRestore: false
            ),
            HuaweiSimulatedBackup(
                backupId: clusterManualBackupId, instanceId: clusterInstanceId, remark: "weekly snapshot",
                backupType: "manual", status: "succeed", size: 97 * mib,
                createdAt: ago(days: 2, minutes: 30), updatedAt: ago(days: 2, minutes: 27)
            ),
            HuaweiSimulatedBackup(
                backupId: clusterAutoBackupId, instanceId: clusterInstanceId, backupType: "auto", status: "succeed",
                size: 96 * mib, createdAt: ago(days: 1, minutes: 40), updatedAt: ago(days: 1, minutes: 36)
            ),
        ]
    }

    /// Adds the sample project to `simulator`.
    public static func seed(_ simulator: HuaweiSimulator, now: Date) async {
        for instance in instances() { await simulator.addInstance(instance) }
        for backup in backups(now: now) { await simulator.addBackup(backup) }
    }
}

extension HuaweiSimulator {
    /// A simulator seeded with the sample project of `HuaweiSandboxSeed` (three instances in
    /// `ap-southeast-1`, backups with fixed ids) under `projectId`, accepting one key; backups
    /// and restores take 4 s; rate limits are not enforced; empty v2 lists answer 204.
    public static func sandbox(accessKey: String, secretKey: String, projectId: String) -> HuaweiSimulator {
        let now = Date()
        let configuration = HuaweiSimulatorConfiguration(
            credentials: [HuaweiSimulatorCredential(accessKey: accessKey, secretKey: secretKey)],
            projectId: projectId,
            region: HuaweiSandboxSeed.region,
            progression: .timed(.seconds(4))
        )
        return HuaweiSimulator(
            configuration: configuration,
            instances: HuaweiSandboxSeed.instances(),
            backups: HuaweiSandboxSeed.backups(now: now)
        )
    }
}
