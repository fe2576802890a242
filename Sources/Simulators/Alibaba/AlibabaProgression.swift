import Foundation

/// Starting, advancing and ending backup jobs and restores per `AlibabaJobProgression`.
extension AlibabaSimulatorState {
    // MARK: Backup jobs

    /// Starts the jobs of one `CreateBackup`: one per shard for a legacy classic cluster,
    /// one making a cluster set for a cloud-native cluster, one for the instance otherwise.
    /// A matching `failTask` fault marks a job (one use per job) to end `Failed`.
    func startBackupJobs(for instance: AlibabaSimulatedInstance, retentionDays: Int) -> [AlibabaBackupJob] {
        let start = now
        let nodeGroups: [[String]] = instance.isClassic && instance.legacyShardJobs && instance.architectureType == "cluster"
            ? instance.backupNodeIds.map { [$0] }
            : [instance.backupNodeIds]
        var started: [AlibabaBackupJob] = []
        for nodes in nodeGroups {
            var job = AlibabaBackupJob(
                id: newJobId(), instanceId: instance.instanceId, nodeIds: nodes, startTime: start, retentionDays: retentionDays
            )
            job.plannedFailure = faultBook.consumeTaskFailure(action: "CreateBackup", instanceId: instance.instanceId)
            if instance.isCloudNativeCluster {
                let set = AlibabaSimulatedClusterBackup(
                    clusterBackupId: Self.clusterBackupId(jobId: job.id),
                    instanceId: instance.instanceId,
                    status: "RUNNING",
                    startTime: start,
                    mode: job.mode,
                    shardBackupIds: nodes.map { _ in String(newBackupId()) },
                    expectExpireTime: job.expectExpireTime,
                    backupJobId: job.id
                )
                clusterBackupList.append(set)
                job.clusterBackupId = set.clusterBackupId
            }
            jobs[job.id] = job
            if case .immediate = configuration.progression { finishJob(job.id, at: start) }
            started.append(jobs[job.id]!)
        }
        return started
    }

    /// One poll of a running job (`.perPoll` only).
    func pollJob(_ id: Int64) {
        guard var job = jobs[id], !job.isFinished, case .perPoll(let steps) = configuration.progression else { return }
        job.polls += 1
        let stage = AlibabaBackupStage.afterPolls(job.polls, steps: steps)
        jobs[id] = job
        if stage == .finished {
            finishJob(id, at: now)
        } else {
            jobs[id]?.stage = stage
            jobs[id]?.progress = stage.progress
        }
    }

    /// Polls every running job of the instance (optionally only `jobId`).
    func pollJobs(of instanceId: String, jobId: Int64? = nil) {
        for id in jobs.keys.sorted() {
            guard let job = jobs[id], job.instanceId == instanceId, jobId.map({ $0 == id }) ?? true else { continue }
            pollJob(id)
        }
    }

    /// Ends a job: classic/standard instances get one `DescribeBackups` row per node
    /// (`Success`, or `Failed` when planned); a cloud-native cluster's set becomes OK/FAILED.
    func finishJob(_ id: Int64, at end: Date) {
        guard var job = jobs[id], !job.isFinished else { return }
        job.stage = .finished
        job.progress = 100
        job.endTime = end
        jobs[id] = job
        let failed = job.plannedFailure != nil
        let instance = instances.first { $0.instanceId == job.instanceId }
        let totalBytes = Int64(instance?.capacityMB ?? 1024) * 12 * 1024
        let nodeCount = Int64(max(1, instance?.backupNodeIds.count ?? 1))
        if let setId = job.clusterBackupId {
            guard let index = clusterBackupList.firstIndex(where: { $0.clusterBackupId == setId }) else { return }
            clusterBackupList[index].status = failed ? "FAILED" : "OK"
            clusterBackupList[index].endTime = end
            clusterBackupList[index].sizeBytes = failed ? 0 : totalBytes
            return
        }
        for node in job.nodeIds {
            backupList.append(AlibabaSimulatedBackup(
                backupId: newBackupId(),
                backupJobId: job.id,
                instanceId: job.instanceId,
                nodeInstanceId: node,
                status: failed ? "Failed" : "Success",
                startTime: job.startTime,
                endTime: end,
                mode: job.mode,
                sizeBytes: failed ? 0 : totalBytes / nodeCount,
                expectExpireTime: job.expectExpireTime
            ))
        }
    }

    /// Whether a job that has not finished runs on the instance.
    func hasRunningJob(_ instanceId: String) -> Bool {
        jobs.values.contains { $0.instanceId == instanceId && !$0.isFinished }
    }

    /// `cb-` and 16 lower-case base-36 characters derived from the job id.
    static func clusterBackupId(jobId: Int64) -> String {
        let digits = String(jobId, radix: 36)
        return "cb-" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    // MARK: Restores

    /// Puts the instance into `BackupRecovering`; a matching `failTask` fault makes the
    /// restore end without the data.
    func startRestore(instanceIndex index: Int, record: AlibabaRestoreRecord) {
        let id = instances[index].instanceId
        instances[index].instanceStatus = "BackupRecovering"
        restores[id] = AlibabaRestoreJob(
            instanceId: id,
            record: record,
            startTime: record.requestedAt,
            plannedFailure: faultBook.consumeTaskFailure(action: "RestoreInstance", instanceId: id)
        )
        if case .immediate = configuration.progression { finishRestore(id, at: record.requestedAt) }
    }

    /// One poll of a running restore (`.perPoll` only).
    func pollRestore(_ instanceId: String) {
        guard var restore = restores[instanceId], case .perPoll(let steps) = configuration.progression else { return }
        restore.polls += 1
        restores[instanceId] = restore
        if restore.polls >= steps { finishRestore(instanceId, at: now) }
    }

    /// Back to `Normal`; the record is kept unless the restore was planned to fail.
    func finishRestore(_ instanceId: String, at end: Date) {
        guard let restore = restores.removeValue(forKey: instanceId),
              let index = instances.firstIndex(where: { $0.instanceId == instanceId })
        else { return }
        instances[index].instanceStatus = "Normal"
        if restore.plannedFailure == nil {
            var record = restore.record
            record.finishedAt = end
            instances[index].lastRestore = record
        }
    }

    // MARK: Clock

    /// Brings timed jobs and restores up to the clock.
    func refresh() {
        guard case .timed(let duration) = configuration.progression else { return }
        let current = now
        let total = Self.seconds(duration)
        for id in jobs.keys.sorted() {
            guard let job = jobs[id], !job.isFinished else { continue }
            let elapsed = current.timeIntervalSince(job.startTime)
            if elapsed >= total {
                finishJob(id, at: job.startTime.addingTimeInterval(total))
            } else {
                let fraction = max(0, elapsed / total)
                jobs[id]?.stage = AlibabaBackupStage.at(fraction: fraction)
                jobs[id]?.progress = min(99, Int(fraction * 100))
            }
        }
        for (id, restore) in restores where current.timeIntervalSince(restore.startTime) >= total {
            finishRestore(id, at: restore.startTime.addingTimeInterval(total))
        }
    }
}
