import Foundation

/// The simulated account: instances, backup sets, cluster sets, jobs, restores, injected
/// faults, rate-limit buckets and the request log. One actor, so every action is atomic.
actor AlibabaSimulatorState: SimulatorControlState {
    let configuration: AlibabaSimulatorConfiguration
    var instances: [AlibabaSimulatedInstance] = []
    var backupList: [AlibabaSimulatedBackup] = []
    var clusterBackupList: [AlibabaSimulatedClusterBackup] = []
    var jobs: [Int64: AlibabaBackupJob] = [:]
    var restores: [String: AlibabaRestoreJob] = [:]
    var nextJobId: Int64
    var nextBackupId: Int64
    var faultBook = FaultBook()
    var rateLimiter = RateLimiter()
    var records: [SimulatedRequestRecord] = []

    /// How long a finished job stays listed by `DescribeBackupTasks`.
    static let finishedJobVisibility: TimeInterval = 10 * 60

    init(
        configuration: AlibabaSimulatorConfiguration,
        instances: [AlibabaSimulatedInstance] = [],
        backups: [AlibabaSimulatedBackup] = [],
        clusterBackups: [AlibabaSimulatedClusterBackup] = []
    ) {
        self.configuration = configuration
        self.nextJobId = Int64(configuration.firstJobId)
        self.instances = instances
        self.backupList = backups
        self.clusterBackupList = clusterBackups
        self.nextBackupId = max(configuration.firstBackupId, (backups.map(\.backupId).max() ?? 0) + 1)
    }

    var now: Date { configuration.clock() }

    // MARK: Seeding and inspection

    /// Adds an instance, replacing one with the same id.
    func addInstance(_ instance: AlibabaSimulatedInstance) {
        if let index = instances.firstIndex(where: { $0.instanceId == instance.instanceId }) {
            instances[index] = instance
        } else {
            instances.append(instance)
        }
    }

    /// Adds a backup set, replacing one with the same id.
    func addBackup(_ backup: AlibabaSimulatedBackup) {
        if let index = backupList.firstIndex(where: { $0.backupId == backup.backupId }) {
            backupList[index] = backup
        } else {
            backupList.append(backup)
        }
        nextBackupId = max(nextBackupId, backup.backupId + 1)
    }

    /// Adds a cluster backup set, replacing one with the same id.
    func addClusterBackup(_ backup: AlibabaSimulatedClusterBackup) {
        if let index = clusterBackupList.firstIndex(where: { $0.clusterBackupId == backup.clusterBackupId }) {
            clusterBackupList[index] = backup
        } else {
            clusterBackupList.append(backup)
        }
    }

    func instance(_ id: String) -> AlibabaSimulatedInstance? {
        refresh()
        return instances.first { $0.instanceId == id }
    }

    /// The instance's backup sets (all nodes, failed ones included), newest first.
    func backups(of instanceId: String) -> [AlibabaSimulatedBackup] {
        refresh()
        return backupList.filter { $0.instanceId == instanceId }.sorted(by: Self.newestFirst)
    }

    /// The instance's cluster backup sets, newest first.
    func clusterBackups(of instanceId: String) -> [AlibabaSimulatedClusterBackup] {
        refresh()
        return clusterBackupList.filter { $0.instanceId == instanceId }.sorted { $0.startTime > $1.startTime }
    }

    func inject(_ fault: SimulatedFault) { faultBook.add(fault) }

    func clearFaults() { faultBook.removeAll() }

    func faults() -> [SimulatedFault] { faultBook.faults }

    func receivedRequests() -> [SimulatedRequestRecord] { records }

    func clearReceivedRequests() { records.removeAll() }

    func record(_ make: (Int) -> SimulatedRequestRecord) {
        records.append(make(records.count + 1))
    }

    // MARK: Faults and limits

    /// The request-time fault for this call, consuming one use.
    func consumeFault(action: String, instanceId: String?) -> SimulatedFault.Effect? {
        faultBook.consumeRequestFault(action: action, instanceId: instanceId)
    }

    /// nil when admitted; `Throttling.User` otherwise.
    func admit(accessKeyId: String, action: String) -> AlibabaAPIError? {
        guard configuration.enforceRateLimits, let limit = configuration.rateLimits[action] else { return nil }
        switch rateLimiter.admit(key: "\(accessKeyId)\u{0}\(action)", limit: limit) {
        case .allowed: return nil
        case .limited: return .throttlingUser
        }
    }

    // MARK: Helpers

    func instanceIndex(_ id: String) throws(AlibabaAPIError) -> Int {
        guard let index = instances.firstIndex(where: { $0.instanceId == id && $0.regionId == configuration.regionId }) else {
            throw .instanceNotFound(id)
        }
        return index
    }

    func newJobId() -> Int64 {
        defer { nextJobId += 1 }
        return nextJobId
    }

    func newBackupId() -> Int64 {
        defer { nextBackupId += 1 }
        return nextBackupId
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    static func newestFirst(_ a: AlibabaSimulatedBackup, _ b: AlibabaSimulatedBackup) -> Bool {
        a.startTime != b.startTime ? a.startTime > b.startTime : a.backupId > b.backupId
    }
}
