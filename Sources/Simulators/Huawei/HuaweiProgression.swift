import Foundation

/// Starting, advancing and ending backups and restores per `HuaweiTaskProgression`.
extension HuaweiSimulatorState {
    /// The running statuses of a task, in order, before its end.
    enum Kind {
        case backup, restore

        var runningStatus: String { self == .backup ? "backuping" : "restoring" }
    }

    static let runningBackupStatuses: Set<String> = ["waiting", "backuping"]
    static let runningRestoreStatuses: Set<String> = ["waiting", "restoring"]
    static let defaultFailureCode = "dcs.08.0001"

    /// The `error_code` a `failTask` fault's message names (`dcs.08.NNNN`), else `dcs.08.0001`.
    static func failureCode(_ message: String) -> String {
        message.hasPrefix("dcs.08.") ? message : defaultFailureCode
    }

    // MARK: Start

    /// A `waiting` manual backup; a matching `failTask` fault makes it end `failed`.
    func startBackup(instance: HuaweiSimulatedInstance, remark: String, format: String) -> HuaweiSimulatedBackup {
        let start = now
        let backup = HuaweiSimulatedBackup(
            backupId: UUID().uuidString.lowercased(),
            instanceId: instance.instanceId,
            remark: remark,
            backupType: "manual",
            format: format,
            status: "waiting",
            progress: "0.00",
            createdAt: start,
            updatedAt: start,
            supportRestore: false
        )
        backupList.append(backup)
        if let message = faultBook.consumeTaskFailure(action: "CreateBackup", instanceId: instance.instanceId) {
            plannedFailures[backup.backupId] = Self.failureCode(message)
        }
        if case .immediate = configuration.progression { finishBackup(backup.backupId, at: start) }
        return backupList.first { $0.backupId == backup.backupId } ?? backup
    }

    /// A `waiting` restore; the instance is `RESTORING` until it ends. A matching `failTask`
    /// fault makes it end `failed`.
    func startRestore(instanceIndex index: Int, backup: HuaweiSimulatedBackup, remark: String) -> HuaweiSimulatedRestore {
        let start = now
        let instanceId = instances[index].instanceId
        let restore = HuaweiSimulatedRestore(
            restoreId: UUID().uuidString.lowercased(),
            backupId: backup.backupId,
            instanceId: instanceId,
            remark: remark,
            status: "waiting",
            progress: "0.00",
            createdAt: start,
            updatedAt: start
        )
        restoreList.append(restore)
        instances[index].status = "RESTORING"
        if let message = faultBook.consumeTaskFailure(action: "Restore", instanceId: instanceId) {
            plannedFailures[restore.restoreId] = Self.failureCode(message)
        }
        if case .immediate = configuration.progression { finishRestore(restore.restoreId, at: start) }
        return restoreList.first { $0.restoreId == restore.restoreId } ?? restore
    }

    // MARK: Polls

    /// One list poll of every running backup of the instance (`.perPoll` only).
    func pollBackups(of instanceId: String) {
        guard case .perPoll(let steps) = configuration.progression else { return }
        for index in backupList.indices
        where backupList[index].instanceId == instanceId && Self.runningBackupStatuses.contains(backupList[index].status) {
            let id = backupList[index].backupId
            let count = (polls[id] ?? 0) + 1
            polls[id] = count
            if let stage = Self.stage(afterPolls: count, steps: steps) {
                setBackupStage(index, stage: stage, progress: Double(count) / Double(steps))
            } else {
                finishBackup(id, at: now)
            }
        }
    }

    /// One list poll of every running restore of the instance (`.perPoll` only).
    func pollRestores(of instanceId: String) {
        guard case .perPoll(let steps) = configuration.progression else { return }
        for index in restoreList.indices
        where restoreList[index].instanceId == instanceId && Self.runningRestoreStatuses.contains(restoreList[index].status) {
            let id = restoreList[index].restoreId
            let count = (polls[id] ?? 0) + 1
            polls[id] = count
            if let stage = Self.stage(afterPolls: count, steps: steps) {
                setRestoreStage(index, stage: stage, progress: Double(count) / Double(steps))
            } else {
                finishRestore(id, at: now)
            }
        }
    }

    /// The running stage (0 = waiting, 1 = backuping/restoring) after `polls` polls of
    /// `steps`; nil once the task ends.
    static func stage(afterPolls polls: Int, steps: Int) -> Int? {
        guard polls < steps else { return nil }
        return min(1, (polls - 1) * 2 / max(1, steps - 1))
    }

    private func setBackupStage(_ index: Int, stage: Int, progress fraction: Double) {
        let status = stage == 0 ? "waiting" : Kind.backup.runningStatus
        if backupList[index].status != status { backupList[index].updatedAt = now }
        backupList[index].status = status
        backupList[index].progress = stage == 0 ? "0.00" : Self.percent(fraction)
    }

    private func setRestoreStage(_ index: Int, stage: Int, progress fraction: Double) {
        let status = stage == 0 ? "waiting" : Kind.restore.runningStatus
        if restoreList[index].status != status { restoreList[index].updatedAt = now }
        restoreList[index].status = status
        restoreList[index].progress = stage == 0 ? "0.00" : Self.percent(fraction)
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.2f", min(99.99, max(0, fraction * 100)))
    }

    // MARK: End

    /// `succeed` (size from the instance's capacity, restorable) or `failed` with its code.
    func finishBackup(_ id: String, at end: Date) {
        guard let index = backupList.firstIndex(where: { $0.backupId == id }),
              Self.runningBackupStatuses.contains(backupList[index].status)
        else { return }
        polls[id] = nil
        backupList[index].updatedAt = end
        if let code = plannedFailures.removeValue(forKey: id) {
            backupList[index].status = "failed"
            backupList[index].errorCode = code
            backupList[index].size = 0
            backupList[index].supportRestore = false
        } else {
            let capacity = instances.first { $0.instanceId == backupList[index].instanceId }?.capacity ?? 1
            backupList[index].status = "succeed"
            backupList[index].progress = "100.00"
            backupList[index].size = Int64(max(1, capacity)) * 12 * 1024 * 1024 + 4_096
            backupList[index].supportRestore = true
        }
    }

    /// `succeed` or `failed` with its code; the instance is `RUNNING` again either way.
    func finishRestore(_ id: String, at end: Date) {
        guard let index = restoreList.firstIndex(where: { $0.restoreId == id }),
              Self.runningRestoreStatuses.contains(restoreList[index].status)
        else { return }
        polls[id] = nil
        restoreList[index].updatedAt = end
        if let code = plannedFailures.removeValue(forKey: id) {
            restoreList[index].status = "failed"
            restoreList[index].errorCode = code
        } else {
            restoreList[index].status = "succeed"
            restoreList[index].progress = "100.00"
        }
        let instanceId = restoreList[index].instanceId
        let stillRestoring = restoreList.contains {
            $0.instanceId == instanceId && Self.runningRestoreStatuses.contains($0.status)
        }
        if !stillRestoring, let instance = instances.firstIndex(where: { $0.instanceId == instanceId }),
           instances[instance].status == "RESTORING" {
            instances[instance].status = "RUNNING"
        }
    }

    // MARK: Clock

    /// Brings timed records up to the clock: the first half `waiting`, then
    /// `backuping`/`restoring`, ended at creation + duration.
    func refresh() {
        guard case .timed(let duration) = configuration.progression else { return }
        let current = now
        let total = max(0.001, Self.seconds(duration))
        for index in backupList.indices where Self.runningBackupStatuses.contains(backupList[index].status) {
            let created = backupList[index].createdAt
            let fraction = current.timeIntervalSince(created) / total
            if fraction >= 1 {
                finishBackup(backupList[index].backupId, at: created.addingTimeInterval(total))
            } else if fraction >= 0.5, backupList[index].status == "waiting" {
                backupList[index].status = Kind.backup.runningStatus
                backupList[index].updatedAt = created.addingTimeInterval(total / 2)
            }
            if fraction < 1, fraction >= 0.5 { backupList[index].progress = Self.percent(fraction) }
        }
        for index in restoreList.indices where Self.runningRestoreStatuses.contains(restoreList[index].status) {
            let created = restoreList[index].createdAt
            let fraction = current.timeIntervalSince(created) / total
            if fraction >= 1 {
                finishRestore(restoreList[index].restoreId, at: created.addingTimeInterval(total))
            } else if fraction >= 0.5, restoreList[index].status == "waiting" {
                restoreList[index].status = Kind.restore.runningStatus
                restoreList[index].updatedAt = created.addingTimeInterval(total / 2)
            }
            if fraction < 1, fraction >= 0.5 { restoreList[index].progress = Self.percent(fraction) }
        }
    }

    /// Whether a backup of the instance is waiting or running.
    func hasRunningBackup(_ instanceId: String) -> Bool {
        backupList.contains { $0.instanceId == instanceId && Self.runningBackupStatuses.contains($0.status) }
    }

    /// Whether a restore of the instance is waiting or running.
    func hasRunningRestore(_ instanceId: String) -> Bool {
        restoreList.contains { $0.instanceId == instanceId && Self.runningRestoreStatuses.contains($0.status) }
    }
}
