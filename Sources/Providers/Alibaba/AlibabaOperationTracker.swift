import Foundation
import GatewayCore

/// Follows Alibaba backup jobs and in-place restores to their outcome, and reconciles
/// operations whose start call had an unknown outcome — without ever starting them again.
struct AlibabaOperationTracker {
    let driver: AlibabaDriver
    let client: AlibabaClient

    // MARK: Backups

    func refreshBackup(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let jobs = AlibabaDriver.jobIds(operation.providerTaskId)
        guard !jobs.isEmpty else { return try await reconcileBackup(operation, context: context) }
        let facts = try await driver.loadFacts(operation.instanceId, context: context)
        if facts.cloudNativeCluster {
            return try await refreshClusterBackup(operation, jobs: jobs, context: context)
        }
        // The outcome: DescribeBackups rows carrying our job ids (one per shard for per-shard jobs).
        let rows = try await backupRows(of: operation, context: context).filter { row in
            row.BackupJobID.map { jobs.contains($0.value) } ?? false
        }
        if let failed = rows.first(where: { $0.BackupStatus?.lowercased() == "failed" }) {
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "PROVIDER_TASK_FAILED",
                    detail: "Alibaba Cloud backup job \(failed.BackupJobID?.value ?? "?") failed."
                )
            )
        }
        let done = Set(rows.filter { $0.BackupStatus?.lowercased() == "success" }.compactMap { $0.BackupJobID?.value })
        if done.isSuperset(of: jobs) {
            let backupIds = jobs.flatMap { job in
                rows.filter { $0.BackupJobID?.value == job }.compactMap { $0.BackupId?.value }
            }
            return OperationUpdate(state: .succeeded, backupId: backupIds.joined(separator: ","))
        }
        // Not finished: the jobs' progress.
        let (tasks, _) = try await client.call(
            "DescribeBackupTasks", [("InstanceId", operation.instanceId)],
            as: AlibabaAPI.DescribeBackupTasksResponse.self, context: context
        )
        let progress = jobs.map { job -> Int in
            if done.contains(job) { return 100 }
            return (tasks.BackupJobs ?? []).first { $0.BackupJobID?.value == job }.map(AlibabaNormalization.progress) ?? 0
        }
        return OperationUpdate(state: .running, progress: progress.reduce(0, +) / max(1, progress.count))
    }

    /// Every DescribeBackups row around the operation (one per shard for per-shard jobs), all pages.
    private func backupRows(of operation: OperationRecord, context: CallContext) async throws(GatewayError) -> [AlibabaAPI.BackupRow] {
        let pageSize = 300
        var rows: [AlibabaAPI.BackupRow] = []
        for pageNumber in 1...10 {
            let parameters = [
                ("InstanceId", operation.instanceId),
                ("StartTime", AlibabaTime.minutes(operation.createdAt.addingTimeInterval(-600))),
                ("EndTime", AlibabaTime.minutes(client.clock().addingTimeInterval(120), roundUp: true)),
                ("PageSize", String(pageSize)),
                ("PageNumber", String(pageNumber)),
            ]
            let (page, _) = try await client.call("DescribeBackups", parameters, as: AlibabaAPI.DescribeBackupsResponse.self, context: context)
            let batch = page.Backups?.Backup ?? []
            rows += batch
            if batch.count < pageSize { break }
        }
        return rows
    }

    /// A cloud-native cluster: the job's progress, then the manual cluster backup set (`cb-…`)
    /// that started after the operation was created.
    private func refreshClusterBackup(_ operation: OperationRecord, jobs: [String], context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let (tasks, _) = try await client.call(
            "DescribeBackupTasks", [("InstanceId", operation.instanceId)],
            as: AlibabaAPI.DescribeBackupTasksResponse.self, context: context
        )
        let running = (tasks.BackupJobs ?? []).filter { job in
            job.BackupJobID.map { jobs.contains($0.value) } ?? false
        }
        if let job = running.first, job.BackupProgressStatus != "Finished" {
            return OperationUpdate(state: .running, progress: AlibabaNormalization.progress(job))
        }
        let parameters = [
            ("InstanceId", operation.instanceId), ("RegionId", client.account.region),
            ("StartTime", AlibabaTime.minutes(operation.createdAt.addingTimeInterval(-120))),
            ("EndTime", AlibabaTime.minutes(client.clock().addingTimeInterval(120), roundUp: true)),
            ("NoShardBackup", "true"),
        ]
        let (list, _) = try await client.call(
            "DescribeClusterBackupList", parameters, method: "GET",
            as: AlibabaAPI.DescribeClusterBackupListResponse.self, context: context
        )
        let candidates = (list.ClusterBackups ?? [])
            .filter { $0.ClusterBackupMode?.lowercased() == "manual" }
            .filter { (AlibabaTime.parse($0.ClusterBackupStartTime) ?? .distantPast) >= operation.createdAt.addingTimeInterval(-120) }
            .sorted { ($0.ClusterBackupStartTime ?? "") < ($1.ClusterBackupStartTime ?? "") }
        guard let set = candidates.first, let id = set.ClusterBackupId else { return OperationUpdate(state: .running) }
        switch set.ClusterBackupStatus?.uppercased() {
        case "OK": return OperationUpdate(state: .succeeded, backupId: id)
        case "RUNNING": return OperationUpdate(state: .running, backupId: id)
        default:
            return OperationUpdate(
                state: .failed, backupId: id,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "PROVIDER_TASK_FAILED",
                    detail: "Alibaba Cloud cluster backup \(id) ended with status \(set.ClusterBackupStatus ?? "unknown")."
                )
            )
        }
    }

    /// CreateBackup's outcome was unknown: adopt the manual job(s) that started on the instance
    /// since the call; none after 15 minutes means it never started.
    private func reconcileBackup(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let (tasks, _) = try await client.call(
            "DescribeBackupTasks", [("InstanceId", operation.instanceId), ("JobMode", "Manual")],
            as: AlibabaAPI.DescribeBackupTasksResponse.self, context: context
        )
        let since = operation.createdAt.addingTimeInterval(-60)
        var jobs = (tasks.BackupJobs ?? [])
            .filter { (AlibabaTime.parse($0.StartTime) ?? .distantPast) >= since }
            .compactMap { $0.BackupJobID?.value }
        if jobs.isEmpty {
            jobs = try await backupRows(of: operation, context: context)
                .filter { $0.BackupMode?.lowercased() == "manual" && (AlibabaTime.parse($0.BackupStartTime) ?? .distantPast) >= since }
                .compactMap { $0.BackupJobID?.value }
        }
        let unique = Array(Set(jobs)).sorted()
        if !unique.isEmpty {
            return OperationUpdate(state: .running, providerTaskId: unique.joined(separator: ","))
        }
        if client.clock().timeIntervalSince(operation.createdAt) > AlibabaDriver.unknownGiveUpAfter {
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "BACKUP_NOT_STARTED",
                    detail: "Alibaba Cloud shows no manual backup job on this instance 15 minutes after the request was sent; it was not started."
                )
            )
        }
        return OperationUpdate(state: operation.state)
    }

    // MARK: Restores

    /// RestoreInstance returns only a RequestId: the instance goes `BackupRecovering` while
    /// restoring and back to `Normal` when done.
    func refreshRestore(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let facts = try await driver.loadFacts(operation.instanceId, context: context, fresh: true)
        let sawRecovering = operation.providerContext["sawRecovering"] == "1"
        switch facts.providerStatus {
        case "BackupRecovering":
            return OperationUpdate(state: .running, providerContext: ["sawRecovering": "1"])
        case "Normal":
            let sent = AlibabaTime.parse(operation.providerContext["restoreSentAt"]) ?? operation.createdAt
            if operation.state == .unknown && !sawRecovering {
                // No sign the restore ever ran; keep reconciling until the operation times out.
                return OperationUpdate(state: .unknown)
            }
            if sawRecovering || client.clock().timeIntervalSince(sent) > AlibabaDriver.restoreSettleGrace {
                return OperationUpdate(state: .succeeded)
            }
            return OperationUpdate(state: .running)
        default:
            return OperationUpdate(state: operation.state == .unknown ? .unknown : .running)
        }
    }
}
