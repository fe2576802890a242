import Foundation

/// The simulated legacy account: instances, backups, tasks, the nonce memory, injected faults
/// and the request log. One actor, so every action is applied atomically.
actor TencentLegacySimulatorState: SimulatorControlState {
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

    // MARK: Tasks

    func createTask(type: String, instance: TencentSimulatedInstance, backupId: String?) -> TencentSimulatedTask {
        var task = TencentSimulatedTask(
            id: nextTaskId,
            type: type,
            instanceId: instance.id,
            region: instance.region,
            status: .preparing,
            startTime: now,
            backupId: backupId
        )
        nextTaskId += 1
        task.plannedFailure = faultBook.consumeTaskFailure(action: type, instanceId: instance.id)
        taskTable[task.id] = task
        if case .immediate = configuration.taskProgression {
            finish(taskId: task.id, at: task.startTime)
        }
        return taskTable[task.id]!
    }

    /// A `DescribeTaskInfo` call: with `.perPoll` it moves the task one step.
    func poll(taskId: Int) {
        refresh()
        guard var task = taskTable[taskId], !task.status.isTerminal,
              case .perPoll(let steps) = configuration.taskProgression
        else { return }
        task.polls += 1
        if task.polls >= steps {
            taskTable[taskId] = task
            finish(taskId: taskId, at: now)
        } else {
            task.status = task.polls == 1 ? .preparing : .running
            taskTable[taskId] = task
        }
    }

    /// Brings timed tasks and backup expiry up to the clock.
    func refresh() {
        let current = now
        if case .timed(let preparing, let running) = configuration.taskProgression {
            for id in taskTable.keys.sorted() {
                guard var task = taskTable[id], !task.status.isTerminal else { continue }
                let elapsed = current.timeIntervalSince(task.startTime)
                let end = TencentSimulatorState.seconds(preparing) + TencentSimulatorState.seconds(running)
                if elapsed >= end {
                    finish(taskId: id, at: task.startTime.addingTimeInterval(end))
                } else {
                    task.status = elapsed >= TencentSimulatorState.seconds(preparing) ? .running : .preparing
                    taskTable[id] = task
                }
            }
        }
        for index in backupList.indices where backupList[index].status == 2 && backupList[index].expireTime <= current {
            backupList[index].status = -1
        }
    }

    private func finish(taskId: Int, at end: Date) {
        guard var task = taskTable[taskId] else { return }
        let failure = task.plannedFailure
        task.status = failure == nil ? .succeed : .failed
        task.message = failure ?? ""
        task.endTime = end
        taskTable[taskId] = task
        switch task.type {
        case "ManualBackupInstance":
            guard let backupId = task.backupId, let index = backupList.firstIndex(where: { $0.backupId == backupId }) else { break }
            if failure == nil {
                backupList[index].status = 2
                backupList[index].endTime = end
                let memory = instances.first { $0.id == task.instanceId }?.memSizeMB ?? 1024
                backupList[index].backupSize = Int64(memory) * 24 * 1024
            } else {
                backupList.remove(at: index)
            }
        case "RestoreInstance":
            guard let index = instances.firstIndex(where: { $0.id == task.instanceId }) else { break }
            if instances[index].status == 1 { instances[index].status = 2 }
            if let backupId = task.backupId, let backup = backupList.firstIndex(where: { $0.backupId == backupId }) {
                backupList[backup].locked = 0
            }
            if failure == nil { instances[index].lastRestoredBackupId = task.backupId }
        default:
            break
        }
    }

    func isLocked(_ instanceId: String) -> Bool {
        taskTable.values.contains { $0.instanceId == instanceId && !$0.status.isTerminal }
    }
}
