import Foundation

/// The sample account behind `AlibabaSimulator.sandbox` (region `cn-hangzhou`):
/// * `r-sandbox-tair01` "orders-tair": classic Tair memory-optimized (`tair.rdb.2g`, `double`,
///   standard, Redis 5.0, 2 GB) with data flashback on since 3 days ago — in-place restores
///   from a backup set, to a point in time and key-filtered work. Backups `1000000001`
///   (manual, ~2 days old) and `1000000002` (automated, ~1 day old).
/// * `r-sandbox-redis02` "sessions-redis": classic Redis standard (`redis.master.small.default`,
///   `double`, 1 GB), no flashback — `RestoreInstance` answers `ServiceNotSupport`. Backup
///   `1000000003` (automated, ~1 day old).
/// * `r-sandbox-cluster03` "events-cluster": cloud-native Tair cluster
///   (`tair.rdb.with.proxy.4g`, `MASTER_SLAVE`, 2 shards, 8 GB) — backups are cluster sets
///   (`DescribeClusterBackupList`): `cb-sandbox03000001` (automated, ~1 day old, shard backups
///   `1000000004`, `1000000005`).
public enum AlibabaSandboxSeed {
    public static let regionId = "cn-hangzhou"

    public static let tairInstanceId = "r-sandbox-tair01"
    public static let redisInstanceId = "r-sandbox-redis02"
    public static let clusterInstanceId = "r-sandbox-cluster03"

    public static let tairManualBackupId: Int64 = 1_000_000_001
    public static let tairAutomatedBackupId: Int64 = 1_000_000_002
    public static let redisBackupId: Int64 = 1_000_000_003
    public static let clusterBackupId = "cb-sandbox03000001"
    public static let clusterShardBackupIds = ["1000000004", "1000000005"]

    /// The sample instances; flashback start relative to `now`.
    public static func instances(now: Date) -> [AlibabaSimulatedInstance] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return [
            AlibabaSimulatedInstance(
                instanceId: tairInstanceId, instanceName: "orders-tair", regionId: regionId,
                architectureType: "standard", instanceType: "Tair", instanceClass: "tair.rdb.2g", nodeType: "double",
                engineVersion: "5.0", shardCount: 1, capacityMB: 2048,
                enableBackupLog: true, backupLogStartTime: base.addingTimeInterval(-3 * 86_400)
            ),
            AlibabaSimulatedInstance(
                instanceId: redisInstanceId, instanceName: "sessions-redis", regionId: regionId,
                architectureType: "standard", instanceType: "Redis", instanceClass: "redis.master.small.default",
                nodeType: "double", engineVersion: "5.0", shardCount: 1, capacityMB: 1024
            ),
            AlibabaSimulatedInstance(
                instanceId: clusterInstanceId, instanceName: "events-cluster", regionId: regionId,
                architectureType: "cluster", instanceType: "Tair", instanceClass: "tair.rdb.with.proxy.4g",
                nodeType: "MASTER_SLAVE", engineVersion: "6.0", shardCount: 2, capacityMB: 8192
            ),
        ]
    }

    /// The sample backup sets of the classic instances, times relative to `now`.
    public static func backups(now: Date) -> [AlibabaSimulatedBackup] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        func ago(days: Double, minutes: Double = 0) -> Date { base.addingTimeInterval(-(days * 86_400 + minutes * 60)) }
        let mib: Int64 = 1024 * 1024
        return [
            AlibabaSimulatedBackup(
                backupId: tairManualBackupId, backupJobId: 9_001, instanceId: tairInstanceId, status: "Success",
                startTime: ago(days: 2), endTime: ago(days: 2).addingTimeInterval(143), mode: "Manual",
                sizeBytes: 24 * mib, expectExpireTime: ago(days: 2).addingTimeInterval(7 * 86_400)
            ),
            AlibabaSimulatedBackup(
                backupId: tairAutomatedBackupId, backupJobId: 9_002, instanceId: tairInstanceId, status: "Success",
                startTime: ago(days: 1), endTime: ago(days: 1).addingTimeInterval(131), mode: "Automated",
                sizeBytes: 23 * mib, expectExpireTime: ago(days: 1).addingTimeInterval(7 * 86_400)
            ),
            AlibabaSimulatedBackup(
                backupId: redisBackupId, backupJobId: 9_003, instanceId: redisInstanceId, status: "Success",
                startTime: ago(days: 1, minutes: 20), endTime: ago(days: 1, minutes: 18), mode: "Automated",
                sizeBytes: 12 * mib, expectExpireTime: ago(days: 1, minutes: 20).addingTimeInterval(7 * 86_400)
            ),
        ]
    }

    /// The sample cluster set of the cloud-native cluster, times relative to `now`.
    public static func clusterBackups(now: Date) -> [AlibabaSimulatedClusterBackup] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let start = base.addingTimeInterval(-(86_400 + 40 * 60))
        return [
            AlibabaSimulatedClusterBackup(
                clusterBackupId: clusterBackupId, instanceId: clusterInstanceId, status: "OK",
                startTime: start, endTime: start.addingTimeInterval(212), mode: "Automated",
                sizeBytes: 96 * 1024 * 1024, shardBackupIds: clusterShardBackupIds,
                expectExpireTime: start.addingTimeInterval(7 * 86_400)
            ),
        ]
    }

    /// Adds the sample account to `simulator`.
    public static func seed(_ simulator: AlibabaSimulator, now: Date) async {
        for instance in instances(now: now) { await simulator.addInstance(instance) }
        for backup in backups(now: now) { await simulator.addBackup(backup) }
        for set in clusterBackups(now: now) { await simulator.addClusterBackup(set) }
    }
}

extension AlibabaSimulator {
    /// A simulator seeded with the sample account of `AlibabaSandboxSeed` (three instances in
    /// `cn-hangzhou`, backups with fixed ids), accepting one key; backup jobs and restores take
    /// 4 s; the simulator's rate limits apply. They are at or above the gateway's own default
    /// (10/s per action, `AlibabaAccount.defaultRateLimits`), so the sandbox gateway waits in its
    /// own limiter and is never throttled here.
    public static func sandbox(accessKeyId: String, secret: String) -> AlibabaSimulator {
        let now = Date()
        let configuration = AlibabaSimulatorConfiguration(
            credentials: [AlibabaSimulatorCredential(accessKeyId: accessKeyId, secret: secret)],
            regionId: AlibabaSandboxSeed.regionId,
            progression: .timed(.seconds(4)),
            enforceRateLimits: true,
            // Operations recorded by an earlier sandbox run must never meet a new job or set with their id.
            firstJobId: Int(now.timeIntervalSince1970),
            firstBackupId: Int64(now.timeIntervalSince1970 * 1000)
        )
        return AlibabaSimulator(
            configuration: configuration,
            instances: AlibabaSandboxSeed.instances(now: now),
            backups: AlibabaSandboxSeed.backups(now: now),
            clusterBackups: AlibabaSandboxSeed.clusterBackups(now: now)
        )
    }
}
