import Foundation

/// Dispatch of the DCS calls and the request rules they share (huawei.md §2).
extension HuaweiSimulatorState {
    typealias Fields = [String: SimulatorJSON]

    /// Runs the routed call with the received body and raw query.
    func perform(_ route: HuaweiRoute, body: [UInt8], query: String) -> Result<HuaweiDCSResult, HuaweiAPIError> {
        refresh()
        do throws(HuaweiAPIError) {
            switch route.action {
            case "CreateBackup": return .success(try createBackup(route, body: body))
            case "ListBackups": return .success(try listBackups(route, query: query))
            case "Restore": return .success(try restore(route, body: body))
            case "ListRestores": return .success(try listRestores(route, query: query))
            default: return .success(try showInstance(route))
            }
        } catch {
            return .failure(error)
        }
    }

    // MARK: Bodies

    /// The body as a JSON object: empty → `DCS.4004`, not a JSON object → `DCS.4005`; a member
    /// outside `allowed` → `DCS.4800` (v1.0 knows no `backup_format`).
    static func bodyObject(_ body: [UInt8], allowed: Set<String>) throws(HuaweiAPIError) -> Fields {
        guard body.contains(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) else { throw .emptyBody }
        guard case .object(let members)? = SimulatorJSON.parse(body) else { throw .invalidBody }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalidParameter(unknown)
        }
        return members
    }

    /// An optional string member (`null` counts as absent); another type → `DCS.4800`.
    static func optionalString(_ fields: Fields, _ name: String) throws(HuaweiAPIError) -> String? {
        guard let value = fields[name], value != .null else { return nil }
        guard let text = value.stringValue else { throw .invalidParameter(name) }
        return text
    }

    /// A remark of at most 128 characters, else `DCS.4098`.
    static func remark(_ fields: Fields) throws(HuaweiAPIError) -> String {
        let remark = try optionalString(fields, "remark") ?? ""
        guard remark.count <= 128 else { throw .remarkTooLong }
        return remark
    }

    // MARK: Preconditions of backup and restore

    /// Instance, then single-node (`DCS.4086`), a running backup (`DCS.4096`) or restore
    /// (`DCS.4097`; also for an instance whose status is `RESTORING`), then status ≠ RUNNING
    /// (`DCS.4049`).
    func busyCheckedInstance(_ id: String) throws(HuaweiAPIError) -> Int {
        let index = try instanceIndex(id)
        let instance = instances[index]
        guard instance.supportsBackup else { throw .onlyMasterStandby }
        guard !hasRunningBackup(id) else { throw .backupRunning }
        guard !hasRunningRestore(id), instance.status != "RESTORING" else { throw .restoreRunning }
        guard instance.status == "RUNNING" else { throw .notRunning(instance.status) }
        return index
    }
}
