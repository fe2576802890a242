import Foundation

/// `POST …/backups` (CreateBackup) and `GET …/backups` (ListBackups), huawei.md §2.1–2.2.
extension HuaweiSimulatorState {
    /// Body rules (`DCS.4004/4005/4800/4098`), then the instance preconditions; answers
    /// `{"backup_id"}` for a new `waiting` manual record.
    func createBackup(_ route: HuaweiRoute, body: [UInt8]) throws(HuaweiAPIError) -> HuaweiDCSResult {
        let allowed: Set<String> = route.generation == .v2 ? ["remark", "backup_format"] : ["remark"]
        let fields = try Self.bodyObject(body, allowed: allowed)
        let remark = try Self.remark(fields)
        let format = try Self.optionalString(fields, "backup_format") ?? "rdb"
        guard format == "rdb" || format == "aof" else { throw .invalidParameter("backup_format") }
        let index = try busyCheckedInstance(route.instanceId)
        let backup = startBackup(instance: instances[index], remark: remark, format: format)
        return .json(["backup_id": .string(backup.backupId)])
    }

    /// One poll of the instance's running backups, then the window's records newest first,
    /// paged; none at all → an empty list answer.
    func listBackups(_ route: HuaweiRoute, query: String) throws(HuaweiAPIError) -> HuaweiDCSResult {
        let list = try HuaweiListQuery(query, generation: route.generation)
        _ = try instanceIndex(route.instanceId)
        pollBackups(of: route.instanceId)
        let matching = Self.newestFirst(
            backupList.filter { $0.instanceId == route.instanceId && list.contains($0.createdAt) },
            createdAt: \.createdAt
        )
        let rows = list.page(matching).map { HuaweiRendering.backup($0, generation: route.generation) }
        let json: SimulatorJSON = [
            "total_num": .int(Int64(matching.count)),
            "backup_record_response": .array(rows),
        ]
        return matching.isEmpty ? .emptyList(json) : .json(json)
    }
}
