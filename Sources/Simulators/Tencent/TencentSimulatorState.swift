import Foundation

/// The simulated account: instances, backups, tasks, injected faults, rate-limit buckets and
/// the request log. One actor, so every action is applied atomically.
public actor TencentSimulatorState {
    let configuration: TencentSimulatorConfiguration
    var instances: [TencentSimulatedInstance] = []
    var backupList: [TencentSimulatedBackup] = []
    var taskTable: [Int: TencentSimulatedTask] = [:]
    var nextTaskId = 6_954_227
    var backupSequence = 0
    var faultBook = FaultBook()
    var rateLimiter = RateLimiter()
    var records: [SimulatedRequestRecord] = []

    init(
        configuration: TencentSimulatorConfiguration,
        instances: [TencentSimulatedInstance] = [],
        backups: [TencentSimulatedBackup] = []
    ) {
        self.configuration = configuration
        self.nextTaskId = configuration.firstTaskId
        self.instances = instances
        self.backupList = backups
    }

    var now: Date { configuration.clock() }

    // MARK: Seeding and inspection

    /// Adds an instance, replacing one with the same id.
    public func addInstance(_ instance: TencentSimulatedInstance) {
        if let index = instances.firstIndex(where: { $0.id == instance.id }) {
            instances[index] = instance
        } else {
            instances.append(instance)
        }
    }

    /// Adds a backup, replacing one with the same id.
    public func addBackup(_ backup: TencentSimulatedBackup) {
        if let index = backupList.firstIndex(where: { $0.backupId == backup.backupId }) {
            backupList[index] = backup
        } else {
            backupList.append(backup)
        }
    }

    public func instance(_ id: String) -> TencentSimulatedInstance? {
        refresh()
        return instances.first { $0.id == id }
    }

    /// The instance's backups, newest first.
    public func backups(of instanceId: String) -> [TencentSimulatedBackup] {
        refresh()
        return backupList.filter { $0.instanceId == instanceId }.sorted(by: Self.newestFirst)
    }

    public func task(_ id: Int) -> TencentSimulatedTask? {
        refresh()
        return taskTable[id]
    }

    /// Every task, oldest first.
    public func tasks() -> [TencentSimulatedTask] {
        refresh()
        return taskTable.values.sorted { $0.id < $1.id }
    }

    public func inject(_ fault: SimulatedFault) { faultBook.add(fault) }

    public func clearFaults() { faultBook.removeAll() }

    /// Faults still armed, with their remaining `times`.
    public func faults() -> [SimulatedFault] { faultBook.faults }

    public func receivedRequests() -> [SimulatedRequestRecord] { records }

    /// Forgets the request log.
    public func clearReceivedRequests() { records.removeAll() }

    func record(_ make: (Int) -> SimulatedRequestRecord) {
        records.append(make(records.count + 1))
    }

    // MARK: Faults and limits

    /// The request-time fault for this call, consuming one use.
    func consumeFault(action: String, parameters: TencentParameters?, region: String) -> SimulatedFault.Effect? {
        faultBook.consumeRequestFault(action: action, instanceId: instanceForFaults(parameters, region: region))
    }

    /// The instance a request concerns: `InstanceId`, else the task's instance, else the first of `InstanceIds`.
    private func instanceForFaults(_ parameters: TencentParameters?, region: String) -> String? {
        guard let parameters else { return nil }
        if let id = parameters.string("InstanceId") { return id }
        if let taskId = parameters.int("TaskId"), let task = taskTable[Int(taskId)], task.region == region {
            return task.instanceId
        }
        return parameters.stringArray("InstanceIds")?.first
    }

    /// nil when admitted; `RequestLimitExceeded` otherwise.
    func admit(secretId: String, action: String) -> TencentAPIError? {
        guard configuration.enforceRateLimits, let limit = configuration.rateLimits[action] else { return nil }
        switch rateLimiter.admit(key: "\(secretId)\u{0}\(action)", limit: limit) {
        case .allowed: return nil
        case .limited(let count, let limit): return .requestLimitExceeded(count: count, limit: limit)
        }
    }


    /// A fresh 24-digit backup id: `67`, the start time in seconds (10 digits), a 12-digit sequence.
    func newBackupId(start: Date) -> String {
        backupSequence += 1
        let seconds = max(0, Int(start.timeIntervalSince1970)) % 10_000_000_000
        return "67" + Self.padded(seconds, 10) + Self.padded(backupSequence, 12)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    static func newestFirst(_ a: TencentSimulatedBackup, _ b: TencentSimulatedBackup) -> Bool {
        a.startTime != b.startTime ? a.startTime > b.startTime : a.backupId > b.backupId
    }
}
extension TencentSimulatorState: SimulatorControlState, TencentTaskKeeping {
    var taskProgression: TencentTaskProgression { configuration.taskProgression }
}
