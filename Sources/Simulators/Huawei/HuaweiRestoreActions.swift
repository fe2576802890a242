import Foundation

/// `POST …/restores` (Restore) and `GET …/restores` (ListRestores), huawei.md §2.3–2.4: an
/// in-place restore from one of the instance's own `succeed` backups.
extension HuaweiSimulatorState {
    /// Body rules (`backup_id` required), the instance preconditions, then the backup: unknown,
    /// of another instance, or not `succeed` → `DCS.4087`. Answers `{"restore_id"}`; the
    /// instance is `RESTORING` until the record ends.
    func restore(_ route: HuaweiRoute, body: [UInt8]) throws(HuaweiAPIError) -> HuaweiDCSResult {
        let fields = try Self.bodyObject(body, allowed: ["backup_id", "remark"])
        guard let backupId = try Self.optionalString(fields, "backup_id"), !backupId.isEmpty else {
            throw .invalidParameter("backup_id")
        }
        let remark = try Self.remark(fields)
        let index = try busyCheckedInstance(route.instanceId)
        guard let backup = backupList.first(where: { $0.backupId == backupId && $0.instanceId == route.instanceId }) else {
            throw .backupNotRestorable("backup \(backupId) does not exist for this instance.")
        }
        guard backup.status == "succeed" else {
            throw .backupNotRestorable("backup \(backupId) is \(backup.status), not succeed.")
        }
        let restore = startRestore(instanceIndex: index, backup: backup, remark: remark)
        return .json(["restore_id": .string(restore.restoreId)])
    }

    /// One poll of the instance's running restores, then the window's records newest first,
    /// paged; none at all → an empty list answer.
    func listRestores(_ route: HuaweiRoute, query: String) throws(HuaweiAPIError) -> HuaweiDCSResult {
        let list = try HuaweiListQuery(query, generation: route.generation)
        let instance = instances[try instanceIndex(route.instanceId)]
        pollRestores(of: route.instanceId)
        let matching = Self.newestFirst(
            restoreList.filter { $0.instanceId == route.instanceId && list.contains($0.createdAt) },
            createdAt: \.createdAt
        )
        let rows = list.page(matching).map { restore in
            HuaweiRendering.restore(
                restore,
                backup: backupList.first { $0.backupId == restore.backupId },
                instance: instance,
                generation: route.generation
            )
        }
        let json: SimulatorJSON = [
            "total_num": .int(Int64(matching.count)),
            "restore_record_response": .array(rows),
        ]
        return matching.isEmpty ? .emptyList(json) : .json(json)
    }
}
