import Foundation

/// The simulated legacy account: instances, backups, tasks, the nonce memory, injected faults
/// and the request log. One actor, so every action is applied atomically.
actor TencentLegacySimulatorState: SimulatorControlState, TencentTaskKeeping {
    let configuration: TencentLegacySimulatorConfiguration
    var instances: [TencentSimulatedInstance] = []
    var backupList: [TencentSimulatedBackup] = []
    var taskTable: [Int: TencentSimulatedTask] = [:]
    var nextTaskId: Int
    var faultBook = FaultBook()
    var records: [SimulatedRequestRecord] = []
    /// (SecretId, Nonce) → when it was first seen.
    var nonces: [String: Date] = [:]
    /// Times of accepted `ManualBackupInstance` calls (for `manualBackupDailyLimit`).
    var manualBackupTimes: [Date] = []

    init(
        configuration: TencentLegacySimulatorConfiguration,
        instances: [TencentSimulatedInstance] = [],
        backups: [TencentSimulatedBackup] = []
    ) {
        self.configuration = configuration
        self.nextTaskId = configuration.firstTaskId
        self.instances = instances
        self.backupList = backups
    }

    var now: Date { configuration.clock() }
    var taskProgression: TencentTaskProgression { configuration.taskProgression }

    // MARK: Seeding and inspection

    func addInstance(_ instance: TencentSimulatedInstance) {
        if let index = instances.firstIndex(where: { $0.id == instance.id }) {
            instances[index] = instance
        } else {
            instances.append(instance)
        }
    }

    func addBackup(_ backup: TencentSimulatedBackup) {
        if let index = backupList.firstIndex(where: { $0.backupId == backup.backupId }) {
            backupList[index] = backup
        } else {
            backupList.append(backup)
        }
    }

    func instance(_ id: String) -> TencentSimulatedInstance? {
        refresh()
        return instances.first { $0.id == id }
    }

    func backups(of instanceId: String) -> [TencentSimulatedBackup] {
        refresh()
        return backupList.filter { $0.instanceId == instanceId }.sorted(by: TencentSimulatorState.newestFirst)
    }

    func task(_ id: Int) -> TencentSimulatedTask? {
        refresh()
        return taskTable[id]
    }

    func tasks() -> [TencentSimulatedTask] {
        refresh()
        return taskTable.values.sorted { $0.id < $1.id }
    }

    func inject(_ fault: SimulatedFault) { faultBook.add(fault) }
    func clearFaults() { faultBook.removeAll() }
    func faults() -> [SimulatedFault] { faultBook.faults }
    func receivedRequests() -> [SimulatedRequestRecord] { records }
    func clearReceivedRequests() { records.removeAll() }

    func record(_ make: (Int) -> SimulatedRequestRecord) {
        records.append(make(records.count + 1))
    }

    // MARK: Replay and faults

    /// Remembers a nonce; false when the same SecretId used it within the window.
    func acceptNonce(secretId: String, nonce: String, at time: Date) -> Bool {
        let window = configuration.timestampWindow
        nonces = nonces.filter { time.timeIntervalSince($0.value) <= window }
        let key = secretId + "\u{0}" + nonce
        if nonces[key] != nil { return false }
        nonces[key] = time
        return true
    }

    /// The request-time fault for this call, consuming one use.
    func consumeFault(action: String, parameters: [String: String]) -> SimulatedFault.Effect? {
        faultBook.consumeRequestFault(action: action, instanceId: instanceForFaults(parameters))
    }

    /// `redisId`, else the instance of the task `requestId` names.
    private func instanceForFaults(_ parameters: [String: String]) -> String? {
        if let id = parameters["redisId"], !id.isEmpty { return id }
        if let text = parameters["requestId"], let id = Int(text) { return taskTable[id]?.instanceId }
        return nil
    }

}
