import Foundation
import GatewayCore

/// `GET /instances/{id}/backups` for Alibaba: DescribeBackups (classic and cloud-native
/// standard), DescribeClusterBackupList (GET-only, cloud-native clusters). Alibaba pages in
/// fixed sizes and cannot filter by state, so the gateway pages over the provider's pages of
/// 100 with its own offset token and filters states itself.
struct AlibabaBackupLister {
    let client: AlibabaClient
    let instanceId: String
    let facts: AlibabaInstanceFacts

    static let providerPageSize = 100
    /// How many provider pages one listing may read (a state filter scans from the start).
    static let maxProviderPages = 10
    /// Without `since`, the listing goes back as far as the longest retention (730 days).
    static let defaultLookback: TimeInterval = 730 * 86_400

    func page(_ query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        var offset = 0
        var limit = query.pageSize
        if let token = query.pageToken {
            let decoded = try OffsetPageToken(decoding: token)
            offset = decoded.offset
            limit = decoded.limit
        }
        let now = client.clock()
        let until = query.until ?? now.addingTimeInterval(60)
        let since = query.since ?? until.addingTimeInterval(-Self.defaultLookback)
        guard since < until else {
            throw GatewayError.invalidArgument("TIME_RANGE_INVALID", "since must be before until.")
        }

        return query.state == nil
            ? try await unfiltered(offset: offset, limit: limit, since: since, until: until, now: now, context: context)
            : try await filtered(query.state!, offset: offset, limit: limit, since: since, until: until, now: now, context: context)
    }

    /// Without a state filter the token's offset counts provider rows (window stragglers
    /// included), so a page starts exactly where the previous one stopped.
    private func unfiltered(offset: Int, limit: Int, since: Date, until: Date, now: Date, context: CallContext) async throws(GatewayError) -> BackupPage {
        var pageNumber = offset / Self.providerPageSize + 1
        var index = (pageNumber - 1) * Self.providerPageSize
        var collected: [Backup] = []
        for _ in 0..<Self.maxProviderPages {
            let rows = try await providerPage(pageNumber, since: since, until: until, now: now, context: context)
            for backup in rows {
                defer { index += 1 }
                guard index >= offset, Self.inWindow(backup, since: since, until: until) else { continue }
                if collected.count == limit {
                    return BackupPage(backups: collected, nextPageToken: OffsetPageToken(offset: index, limit: limit).encoded)
                }
                collected.append(backup)
            }
            if rows.count < Self.providerPageSize { break }
            pageNumber += 1
        }
        return BackupPage(backups: collected, nextPageToken: nil)
    }

    /// With a state filter the offset counts matching backups, scanning from the first page.
    private func filtered(_ state: Backup.State, offset: Int, limit: Int, since: Date, until: Date, now: Date, context: CallContext) async throws(GatewayError) -> BackupPage {
        var index = 0
        var collected: [Backup] = []
        for pageNumber in 1...Self.maxProviderPages {
            let rows = try await providerPage(pageNumber, since: since, until: until, now: now, context: context)
            for backup in rows where backup.state == state && Self.inWindow(backup, since: since, until: until) {
                if index >= offset {
                    if collected.count == limit {
                        return BackupPage(backups: collected, nextPageToken: OffsetPageToken(offset: offset + limit, limit: limit).encoded)
                    }
                    collected.append(backup)
                }
                index += 1
            }
            if rows.count < Self.providerPageSize { break }
        }
        return BackupPage(backups: collected, nextPageToken: nil)
    }

    /// `until` is exclusive at the second; Alibaba's window is by the minute.
    private static func inWindow(_ backup: Backup, since: Date, until: Date) -> Bool {
        guard let started = backup.startedAt else { return true }
        return started >= since && started < until
    }

    private func providerPage(_ number: Int, since: Date, until: Date, now: Date, context: CallContext) async throws(GatewayError) -> [Backup] {
        let window = [
            ("StartTime", AlibabaTime.minutes(since)),
            ("EndTime", AlibabaTime.minutes(until, roundUp: true)),
            ("PageSize", String(Self.providerPageSize)),
            ("PageNumber", String(number)),
        ]
        if facts.cloudNativeCluster {
            let (payload, _) = try await client.call(
                "DescribeClusterBackupList",
                [("InstanceId", instanceId), ("RegionId", client.account.region)] + window + [("NoShardBackup", "true")],
                method: "GET", as: AlibabaAPI.DescribeClusterBackupListResponse.self, context: context
            )
            return (payload.ClusterBackups ?? []).map { AlibabaNormalization.backup($0, instanceId: instanceId, now: now) }
        }
        let (payload, _) = try await client.call(
            "DescribeBackups", [("InstanceId", instanceId)] + window, as: AlibabaAPI.DescribeBackupsResponse.self, context: context
        )
        return (payload.Backups?.Backup ?? []).map {
            AlibabaNormalization.backup($0, instanceId: instanceId, restorableInPlace: facts.inPlaceRestore, now: now)
        }
    }
}
