import Foundation

/// The task bookkeeping the Tencent API 3.0 and API 2.0 simulators share: tasks created by
/// ManualBackupInstance and RestoreInstance, advanced per poll, by the clock or at once, and
/// what their end does to backups and instances.
protocol TencentTaskKeeping: Actor {
    var instances: [TencentSimulatedInstance] { get set }
    var backupList: [TencentSimulatedBackup] { get set }
    var taskTable: [Int: TencentSimulatedTask] { get set }
    var nextTaskId: Int { get set }
    var faultBook: FaultBook { get set }
    var taskProgression: TencentTaskProgression { get }
    var now: Date { get }
}

extension TencentTaskKeeping {
    /// Creates a task for `action` on `instanceId`; a matching `failTask` fault marks it to fail.
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
        if case .immediate = taskProgression {
            finish(taskId: task.id, at: task.startTime)
        }
        return taskTable[task.id]!
    }

    /// A `DescribeTaskInfo` call: with `.perPoll` it moves the task one step.
    func poll(taskId: Int) {
        refresh()
        guard var task = taskTable[taskId], !task.status.isTerminal,
              case .perPoll(let steps) = taskProgression
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
        if case .timed(let preparing, let running) = taskProgression {
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

    /// Ends a task (succeed, or failed when planned) and applies its effect; a restore frees its backup.
    func finish(taskId: Int, at end: Date) {
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

    /// Whether a task that has not ended runs on the instance.
    func isLocked(_ instanceId: String) -> Bool {
        taskTable.values.contains { $0.instanceId == instanceId && !$0.status.isTerminal }
    }
}
