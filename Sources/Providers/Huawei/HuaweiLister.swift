import Foundation
import GatewayCore

/// Pages DCS's backup and restore lists for one instance, on either API generation: v2 takes
/// `begin_time`/`end_time`, `offset` (0-based) and `limit`; v1.0 `beginTime`/`endTime` and
/// `start` (1-based). A 204 or a 200 without records both mean an empty page.
struct HuaweiLister {
    let client: HuaweiClient
    let instanceId: String

    static let searchPageSize = 100
    static let maxPages = 10

    private var v2: Bool { client.account.apiVersion == .v2 }

    private func query(offset: Int, limit: Int, since: Date?, until: Date?) -> [(String, String)] {
        var query: [(String, String)] = v2
            ? [("offset", String(offset)), ("limit", String(limit))]
            : [("start", String(offset + 1)), ("limit", String(limit))]
        if let since { query.append((v2 ? "begin_time" : "beginTime", HuaweiTime.query(since))) }
        if let until { query.append((v2 ? "end_time" : "endTime", HuaweiTime.query(until))) }
        return query
    }

    private func backupPage(offset: Int, limit: Int, since: Date?, until: Date?, context: CallContext) async throws(GatewayError) -> (records: [HuaweiAPI.BackupRecord], total: Int) {
        let (payload, _) = try await client.call(
            "GET", "instances/\(HuaweiDriver.segment(instanceId))/backups", query: query(offset: offset, limit: limit, since: since, until: until),
            as: HuaweiAPI.BackupList.self, context: context
        )
        let records = payload?.backup_record_response ?? []
        return (records, payload?.total_num ?? records.count)
    }

    /// `GET /instances/{id}/backups`: the gateway's offset token over DCS's list; a state
    /// filter is applied by the gateway (DCS has none), scanning a bounded number of pages.
    func backups(_ query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        var offset = 0
        var limit = query.pageSize
        if let token = query.pageToken {
            let decoded = try OffsetPageToken(decoding: token)
            offset = decoded.offset
            limit = decoded.limit
        }
        guard let state = query.state else {
            let page = try await backupPage(offset: offset, limit: limit, since: query.since, until: query.until, context: context)
            let backups = page.records.map { HuaweiNormalization.backup($0, instanceId: instanceId) }
            let next = !page.records.isEmpty && offset + page.records.count < page.total
                ? OffsetPageToken(offset: offset + page.records.count, limit: limit).encoded : nil
            return BackupPage(backups: backups, nextPageToken: next)
        }
        var matched: [Backup] = []
        var providerOffset = 0
        for _ in 0..<Self.maxPages {
            let page = try await backupPage(offset: providerOffset, limit: Self.searchPageSize, since: query.since, until: query.until, context: context)
            matched += page.records.map { HuaweiNormalization.backup($0, instanceId: instanceId) }.filter { $0.state == state }
            providerOffset += page.records.count
            if matched.count > offset + limit || page.records.isEmpty || providerOffset >= page.total { break }
        }
        let slice = Array(matched.dropFirst(offset).prefix(limit))
        let next = matched.count > offset + limit ? OffsetPageToken(offset: offset + limit, limit: limit).encoded : nil
        return BackupPage(backups: slice, nextPageToken: next)
    }

    /// The first backup since `since` that `matches`, paging until found or exhausted.
    func findBackup(since: Date, context: CallContext, matches: (HuaweiAPI.BackupRecord) -> Bool) async throws(GatewayError) -> HuaweiAPI.BackupRecord? {
        var offset = 0
        let until = client.clock().addingTimeInterval(600)
        for _ in 0..<Self.maxPages {
            let page = try await backupPage(offset: offset, limit: Self.searchPageSize, since: since, until: until, context: context)
            if let found = page.records.first(where: matches) { return found }
            offset += page.records.count
            if page.records.isEmpty || offset >= page.total { return nil }
        }
        return nil
    }

    /// The first restore since `since` that `matches`.
    func findRestore(since: Date, context: CallContext, matches: (HuaweiAPI.RestoreRecord) -> Bool) async throws(GatewayError) -> HuaweiAPI.RestoreRecord? {
        var offset = 0
        let until = client.clock().addingTimeInterval(600)
        for _ in 0..<Self.maxPages {
            let (payload, _) = try await client.call(
                "GET", "instances/\(HuaweiDriver.segment(instanceId))/restores",
                query: query(offset: offset, limit: Self.searchPageSize, since: since, until: until),
                as: HuaweiAPI.RestoreList.self, context: context
            )
            let records = payload?.restore_record_response ?? []
            if let found = records.first(where: matches) { return found }
            offset += records.count
            if records.isEmpty || offset >= (payload?.total_num ?? records.count) { return nil }
        }
        return nil
    }
}
