import Foundation

/// The legacy actions the simulator serves (tencent.md §3.2).
enum TencentLegacyAction: String, CaseIterable, Sendable {
    case manualBackupInstance = "ManualBackupInstance"
    case restoreInstance = "RestoreInstance"
    case getRedisBackupList = "GetRedisBackupList"
    case describeTaskInfo = "DescribeTaskInfo"
    case describeRedis = "DescribeRedis"
}

/// An authenticated call: the action, the region it named (as sent) and its business parameters.
struct TencentLegacyCall: Sendable {
    var action: TencentLegacyAction
    var region: String
    var secretId: String
    var parameters: [String: String]

    /// The long region name instances are kept under.
    var canonicalRegion: String { TencentLegacySimulatorConfiguration.canonicalRegion(region) }
}

extension TencentLegacySimulatorState {
    /// Performs an action; the payload fields beside `code`, `message` and `codeDesc`.
    func perform(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        refresh()
        switch call.action {
        case .manualBackupInstance: return manualBackup(call)
        case .restoreInstance: return restore(call)
        case .getRedisBackupList: return backupList(call)
        case .describeTaskInfo: return describeTask(call)
        case .describeRedis: return describeRedis(call)
        }
    }

    // MARK: Parameters

    private func required(_ call: TencentLegacyCall, _ name: String) -> Result<String, TencentLegacyAPIError> {
        guard let value = call.parameters[name], !value.isEmpty else {
            return .failure(.invalidBusinessParameter("\(name) is required"))
        }
        return .success(value)
    }

    /// An optional non-negative integer parameter within `range`; nil when absent.
    private func integer(
        _ call: TencentLegacyCall, _ name: String, required isRequired: Bool, range: ClosedRange<Int>
    ) -> Result<Int?, TencentLegacyAPIError> {
        guard let text = call.parameters[name], !text.isEmpty else {
            return isRequired ? .failure(.invalidBusinessParameter("\(name) is required")) : .success(nil)
        }
        guard let value = Int(text), range.contains(value) else {
            return .failure(.invalidBusinessParameter("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)"))
        }
        return .success(value)
    }

    /// The instance `redisId` names in the call's region: 10701 when there is none.
    private func lookupInstance(for call: TencentLegacyCall, id: String) -> Result<TencentSimulatedInstance, TencentLegacyAPIError> {
        guard let instance = instances.first(where: { $0.id == id && $0.region == call.canonicalRegion }) else {
            return .failure(.instanceNotExists)
        }
        return .success(instance)
    }

    /// Running (status 2) and no task on it: 10702 / 10707 otherwise.
    private func checkAvailable(_ instance: TencentSimulatedInstance) -> TencentLegacyAPIError? {
        if isLocked(instance.id) { return .instanceLocked }
        if instance.status != 2 { return .instanceStatusAbnormal }
        return nil
    }

    // MARK: ManualBackupInstance

    private func manualBackup(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        let instance: TencentSimulatedInstance
        switch required(call, "redisId").flatMap({ lookupInstance(for: call, id: $0) }) {
        case .failure(let error): return .failure(error)
        case .success(let value): instance = value
        }
        let remark = call.parameters["remark"]
        if let remark, remark.count > 128 {
            return .failure(.invalidBusinessParameter("remark is longer than 128 characters"))
        }
        if let error = checkAvailable(instance) { return .failure(error) }
        let start = now
        if let limit = configuration.manualBackupDailyLimit {
            manualBackupTimes.removeAll { start.timeIntervalSince($0) >= 86_400 }
            if manualBackupTimes.count >= limit {
                return .failure(.requestLimitExceeded(
                    "ManualBackupInstance called \(manualBackupTimes.count + 1) times in 24 hours, limit \(limit)"
                ))
            }
            manualBackupTimes.append(start)
        }
        let backup = TencentSimulatedBackup(
            backupId: UUID().uuidString.lowercased(),
            instanceId: instance.id,
            instanceName: instance.name,
            region: instance.region,
            startTime: start,
            endTime: nil,
            backupType: "0",
            status: 1,
            locked: 0,
            remark: remark.flatMap { $0.isEmpty ? nil : $0 },
            backupSize: 0,
            expireTime: start.addingTimeInterval(7 * 86_400)
        )
        backupList.append(backup)
        let task = createTask(type: call.action.rawValue, instance: instance, backupId: backup.backupId)
        return .success(["data": ["requestId": .int(Int64(task.id))]])
    }

    // MARK: RestoreInstance

    private func restore(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        let redisId: String, password: String, backupId: String
        switch required(call, "redisId") {
        case .failure(let error): return .failure(error)
        case .success(let value): redisId = value
        }
        switch required(call, "password") {
        case .failure(let error): return .failure(error)
        case .success(let value): password = value
        }
        switch required(call, "backupId") {
        case .failure(let error): return .failure(error)
        case .success(let value): backupId = value
        }
        let instance: TencentSimulatedInstance
        switch lookupInstance(for: call, id: redisId) {
        case .failure(let error): return .failure(error)
        case .success(let value): instance = value
        }
        if let error = checkAvailable(instance) { return .failure(error) }
        guard let backupIndex = backupList.firstIndex(where: { $0.backupId == backupId && $0.instanceId == instance.id }) else {
            return .failure(.backupNotExists)
        }
        let backup = backupList[backupIndex]
        if backup.locked == 1 || backup.status == 1 { return .failure(.backupLocked) }
        if backup.status != 2 { return .failure(.backupStatusAbnormal) }
        if !instance.noAuth, let expected = instance.password, expected != password {
            return .failure(.passwordError)
        }
        if let index = instances.firstIndex(where: { $0.id == instance.id }) { instances[index].status = 1 }
        backupList[backupIndex].locked = 1
        let task = createTask(type: call.action.rawValue, instance: instance, backupId: backupId)
        return .success(["data": ["requestId": .int(Int64(task.id))]])
    }

    // MARK: GetRedisBackupList

    private func backupList(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        let limit: Int, offset: Int
        switch integer(call, "limit", required: true, range: 1...100) {
        case .failure(let error): return .failure(error)
        case .success(let value): limit = value ?? 20
        }
        switch integer(call, "offset", required: true, range: 0...Int(Int32.max)) {
        case .failure(let error): return .failure(error)
        case .success(let value): offset = value ?? 0
        }
        let instance: TencentSimulatedInstance
        switch required(call, "redisId").flatMap({ lookupInstance(for: call, id: $0) }) {
        case .failure(let error): return .failure(error)
        case .success(let value): instance = value
        }
        var begin: Date?
        var end: Date?
        for (name, slot) in [("beginTime", 0), ("endTime", 1)] {
            guard let text = call.parameters[name], !text.isEmpty else { continue }
            guard let date = TencentTime.parseBeijing(text) else {
                return .failure(.invalidBusinessParameter("\(name) must be YYYY-MM-DD HH:MM:SS"))
            }
            if slot == 0 { begin = date } else { end = date }
        }
        // The legacy list covers the last 7 days only.
        let horizon = now.addingTimeInterval(-7 * 86_400)
        let matching = backupList
            .filter { $0.instanceId == instance.id && $0.startTime >= horizon }
            .filter { backup in
                if let begin, backup.startTime < begin { return false }
                if let end, backup.startTime > end { return false }
                return true
            }
            .sorted(by: TencentSimulatorState.newestFirst)
        let page = matching.dropFirst(offset).prefix(limit)
        let set: [SimulatorJSON] = page.map { backup in
            [
                "startTime": .string(TencentTime.beijing(backup.startTime)),
                "backupId": .string(backup.backupId),
                "backupType": .string(backup.backupType == "0" ? "manualBackupInstance" : "systemBackupInstance"),
                "status": .int(Int64(backup.status)),
                "remark": .string(backup.remark ?? ""),
                "locked": .int(Int64(backup.locked)),
            ]
        }
        return .success([
            "totalCount": .int(Int64(matching.count)),
            "data": ["redisBackupSet": .array(set)],
        ])
    }

    // MARK: DescribeTaskInfo

    private func describeTask(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        let id: Int
        switch integer(call, "requestId", required: true, range: 0...Int(Int64.max)) {
        case .failure(let error): return .failure(error)
        case .success(let value): id = value ?? 0
        }
        guard taskTable[id] != nil else {
            return .failure(.invalidBusinessParameter("task \(id) does not exist"))
        }
        poll(taskId: id)
        guard let task = taskTable[id] else { return .failure(.invalidBusinessParameter("task \(id) does not exist")) }
        return .success(["data": ["status": .int(Int64(Self.legacyStatus(task.status)))]])
    }

    /// 0 pending, 1 running, 2 succeeded, 3 failed, -1 error.
    static func legacyStatus(_ status: TencentTaskStatus) -> Int {
        switch status {
        case .preparing: 0
        case .running: 1
        case .succeed: 2
        case .failed: 3
        case .error: -1
        }
    }

    // MARK: DescribeRedis

    private func describeRedis(_ call: TencentLegacyCall) -> Result<[String: SimulatorJSON], TencentLegacyAPIError> {
        let limit: Int, offset: Int
        switch integer(call, "limit", required: true, range: 1...100) {
        case .failure(let error): return .failure(error)
        case .success(let value): limit = value ?? 20
        }
        switch integer(call, "offset", required: true, range: 0...Int(Int32.max)) {
        case .failure(let error): return .failure(error)
        case .success(let value): offset = value ?? 0
        }
        let redisId = call.parameters["redisId"].flatMap { $0.isEmpty ? nil : $0 }
        let redisName = call.parameters["redisName"].flatMap { $0.isEmpty ? nil : $0 }
        let matching = instances.filter { instance in
            instance.region == call.canonicalRegion
                && (redisId == nil || instance.id == redisId)
                && (redisName == nil || instance.name.contains(redisName!))
        }
        let set: [SimulatorJSON] = matching.dropFirst(offset).prefix(limit).map { instance in
            [
                "redisId": .string(instance.id),
                "redisName": .string(instance.name),
                "status": .int(Int64(instance.status)),
                "statusDesc": .string(Self.statusDescription(instance.status)),
                "size": .int(Int64(instance.memSizeMB)),
                "noAuth": .bool(instance.noAuth),
                "regionId": .string(call.region),
            ]
        }
        return .success([
            "totalCount": .int(Int64(matching.count)),
            "data": ["redisSet": .array(set)],
        ])
    }

    static func statusDescription(_ status: Int) -> String {
        switch status {
        case 0: "initializing"
        case 1: "in flow"
        case 2: "running"
        case -2: "isolated"
        case -3: "to be deleted"
        default: "unknown"
        }
    }
}
