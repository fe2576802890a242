import Foundation

/// `CreateBackup`, `DescribeBackupTasks`, `DescribeBackups` (alibaba.md §4.1–4.3).
extension AlibabaSimulatorState {
    func createBackup(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        var retention: Int?
        if let days = try parameters.integer("BackupRetentionPeriod") {
            guard days == -1 || (7...730).contains(days) else {
                throw .invalidParameter("The parameter `BackupRetentionPeriod` must be 7–730 days or -1, got \(days).")
            }
            retention = Int(days)
        }
        let instance = instances[try instanceIndex(id)]
        guard instance.instanceStatus == "Normal" else { throw .incorrectInstanceState(instance.instanceStatus) }
        guard !hasRunningJob(id) else { throw .backupJobExists }
        let started = startBackupJobs(for: instance, retentionDays: retention ?? instance.backupRetentionPeriod)
        return ["BackupJobID": .string(started.map { String($0.id) }.joined(separator: ","))]
    }

    func describeBackupTasks(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        let jobId = try parameters.integer("BackupJobId")
        let mode = parameters.value("JobMode")
        if let mode, mode != "Manual", mode != "Automated" {
            throw .invalidParameter("The parameter `JobMode` must be Manual or Automated, got `\(mode)`.")
        }
        _ = try instanceIndex(id)
        let matching = jobs.keys.sorted().filter { key in
            guard let job = jobs[key] else { return false }
            return job.instanceId == id && (jobId.map { $0 == key } ?? true) && (mode.map { $0 == job.mode } ?? true)
        }
        for key in matching { pollJob(key) }
        let current = now
        let visible = matching.compactMap { jobs[$0] }.filter { job in
            guard let end = job.endTime else { return true }
            return current.timeIntervalSince(end) < Self.finishedJobVisibility
        }
        return [
            "InstanceId": .string(id),
            "BackupJobs": .array(visible.flatMap(AlibabaRendering.jobRows)),
        ]
    }

    func describeBackups(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        let window = try minuteWindow(parameters)
        let backupId = try parameters.integer("BackupId")
        let jobId = try parameters.integer("BackupJobId")
        let (pageNumber, pageSize) = try page(parameters)
        if let needAof = parameters.value("NeedAof"), needAof != "0", needAof != "1" {
            throw .invalidParameter("The parameter `NeedAof` must be 0 or 1, got `\(needAof)`.")
        }
        let instance = instances[try instanceIndex(id)]
        pollJobs(of: id, jobId: jobId)
        let current = now
        let live = instance.isCloudNativeCluster
            ? []
            : backupList.filter { $0.instanceId == id && $0.expectExpireTime > current }
        let matching = live.filter { backup in
            window.contains(backup.startTime)
                && (backupId.map { $0 == backup.backupId } ?? true)
                && (jobId.map { $0 == backup.backupJobId } ?? true)
        }.sorted(by: Self.newestFirst)
        let fullSize = live.filter { $0.status == "Success" }.reduce(Int64(0)) { $0 + $1.sizeBytes }
        return [
            "PageNumber": .int(Int64(pageNumber)),
            "PageSize": .int(Int64(pageSize)),
            "TotalCount": .int(Int64(matching.count)),
            "FullStorageSize": .int(fullSize),
            "LogStorageSize": .int(instance.enableBackupLog ? fullSize / 10 : 0),
            "FreeSize": .int(0),
            "Backups": [
                "Backup": .array(Self.pageSlice(matching, number: pageNumber, size: pageSize).map {
                    AlibabaRendering.backup($0, instance: instance)
                }),
            ],
        ]
    }
}
