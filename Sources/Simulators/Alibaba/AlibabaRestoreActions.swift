import Foundation

/// `RestoreInstance` (alibaba.md §4.4): in place, only on classic Tair memory-optimized
/// instances with data flashback. Checks in order: instance, support, state, restore type and
/// its parameter combination, times, backup set.
extension AlibabaSimulatorState {
    func restoreInstance(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        let index = try instanceIndex(id)
        let instance = instances[index]
        guard instance.supportsInPlaceRestore else {
            throw .serviceNotSupport(
                "in-place restore needs a classic Tair memory-optimized (tair.rdb) instance with data flashback enabled; "
                    + "restore into a new instance instead."
            )
        }
        guard instance.instanceStatus == "Normal" else { throw .incorrectInstanceState(instance.instanceStatus) }
        let restoreType = parameters.value("RestoreType") ?? "0"
        guard restoreType == "0" || restoreType == "1" else {
            throw .invalidParameter("The parameter `RestoreType` must be 0 or 1, got `\(restoreType)`.")
        }
        let backupIdText = parameters.value("BackupId")
        let restoreTimeText = parameters.value("RestoreTime")
        let filterKey = parameters.value("FilterKey")
        let timeShiftText = parameters.value("TimeShift")
        let current = now
        var record = AlibabaRestoreRecord(restoreType: restoreType, requestedAt: current)
        if restoreType == "0" {
            guard let backupIdText else { throw .restoreParamNotMatch("RestoreType 0 requires BackupId.") }
            guard restoreTimeText == nil else { throw .restoreParamNotMatch("RestoreTime is only valid with RestoreType 1.") }
            guard filterKey == nil else { throw .restoreParamNotMatch("FilterKey is only valid with RestoreType 1.") }
            guard timeShiftText == nil else { throw .restoreParamNotMatch("TimeShift is only valid with RestoreType 1.") }
            record.backupId = try restorableBackup(backupIdText, instanceId: id, now: current)
        } else {
            guard let restoreTimeText else { throw .restoreParamNotMatch("RestoreType 1 requires RestoreTime.") }
            guard backupIdText == nil else { throw .restoreParamNotMatch("BackupId is only valid with RestoreType 0.") }
            guard let restoreTime = AlibabaTime.parseSecondsOrMinutes(restoreTimeText) else {
                throw .invalidRestoreTime("RestoreTime must be formatted yyyy-MM-ddTHH:mm:ssZ (UTC), got `\(restoreTimeText)`.")
            }
            let logStart = instance.backupLogStartTime ?? current
            guard restoreTime >= logStart, restoreTime <= current else {
                throw .binlogNotValid(
                    "RestoreTime \(AlibabaTime.seconds(restoreTime)) is outside the restorable window "
                        + "\(AlibabaTime.seconds(logStart)) – \(AlibabaTime.seconds(current))."
                )
            }
            record.restoreTime = restoreTime
            record.filterKey = filterKey
            if let timeShiftText {
                guard let timeShift = AlibabaTime.parseSecondsOrMinutes(timeShiftText) else {
                    throw .invalidRestoreTime("TimeShift must be formatted yyyy-MM-ddTHH:mm:ssZ (UTC), got `\(timeShiftText)`.")
                }
                guard timeShift >= restoreTime, timeShift <= current else {
                    throw .invalidRestoreTime("TimeShift must lie between RestoreTime and now.")
                }
                record.timeShift = timeShift
            }
        }
        startRestore(instanceIndex: index, record: record)
        return [:]
    }

    /// A successful, unexpired backup set of this instance, else `InvalidParameter`.
    private func restorableBackup(_ text: String, instanceId: String, now: Date) throws(AlibabaAPIError) -> Int64 {
        guard let backupId = Int64(text) else {
            throw .invalidParameter("The parameter `BackupId` must be a backup set id (an integer), got `\(text)`.")
        }
        guard let backup = backupList.first(where: { $0.backupId == backupId }), backup.instanceId == instanceId else {
            throw .invalidParameter("The backup set `\(text)` does not exist for instance `\(instanceId)`.")
        }
        guard backup.status == "Success" else {
            throw .invalidParameter("The backup set `\(text)` failed and cannot be restored.")
        }
        guard backup.expectExpireTime > now else {
            throw .invalidParameter("The backup set `\(text)` has expired.")
        }
        return backupId
    }
}
