import Foundation

/// A simulated DCS Redis instance (`GET /v2/{project_id}/instances/{instance_id}`).
public struct HuaweiSimulatedInstance: Sendable, Hashable {
    /// A UUID string.
    public var instanceId: String
    public var name: String
    /// `RUNNING`, `RESTORING`, `CREATING`, `FROZEN`, `RESTARTING`, `EXTENDING`, …
    public var status: String
    /// `single`, `ha` (master/standby), `cluster` (Redis Cluster), `proxy` (Proxy Cluster) or
    /// `ha_rw_split` (read/write splitting).
    public var cacheMode: String
    /// `Redis`.
    public var engine: String
    public var engineVersion: String
    /// e.g. `redis.ha.xu1.large.r2.2`, `redis.single.xu1.large.1`, `redis.cluster.xu1.large.4`.
    public var specCode: String
    /// Capacity in GB.
    public var capacity: Int
    public var shardingCount: Int
    public var replicaCount: Int

    public init(
        instanceId: String,
        name: String,
        status: String = "RUNNING",
        cacheMode: String = "ha",
        engine: String = "Redis",
        engineVersion: String = "5.0",
        specCode: String? = nil,
        capacity: Int = 2,
        shardingCount: Int = 1,
        replicaCount: Int = 2
    ) {
        self.instanceId = instanceId
        self.name = name
        self.status = status
        self.cacheMode = cacheMode
        self.engine = engine
        self.engineVersion = engineVersion
        self.specCode = specCode ?? "redis.\(cacheMode).xu1.large.\(capacity)"
        self.capacity = capacity
        self.shardingCount = shardingCount
        self.replicaCount = replicaCount
    }

    /// Whether backups and restores are possible at all (every mode except `single`).
    var supportsBackup: Bool { cacheMode != "single" }

    /// The v1.0 `resource_spec_code`: `dcs.single_node`, `dcs.master_standby` or `dcs.cluster`.
    var resourceSpecCode: String {
        switch cacheMode {
        case "single": "dcs.single_node"
        case "cluster", "proxy": "dcs.cluster"
        default: "dcs.master_standby"
        }
    }
}
