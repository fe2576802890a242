import Foundation

/// The six actions, with the parameter rules and business checks of `tencent.md` §3.1 and §8.
extension TencentSimulatorState {
    typealias Fields = [String: SimulatorJSON]

    static let schemas: [String: TencentParameters.Schema] = [
        "ManualBackupInstance": .init(
            kinds: ["InstanceId": .string, "Remark": .string, "StorageDays": .integer],
            required: ["InstanceId"]
        ),
        "RestoreInstance": .init(
            kinds: ["InstanceId": .string, "BackupId": .string, "Password": .string],
            required: ["InstanceId", "BackupId"]
        ),
        "DescribeInstanceBackups": .init(
            kinds: [
                "InstanceId": .string, "Limit": .integer, "Offset": .integer, "BeginTime": .string,
                "EndTime": .string, "Status": .integerArray, "InstanceName": .string,
            ],
            required: []
        ),
        "DescribeTaskInfo": .init(kinds: ["TaskId": .integer], required: ["TaskId"]),
        "DescribeInstances": .init(
            kinds: [
                "InstanceId": .string, "InstanceIds": .stringArray, "Limit": .integer, "Offset": .integer,
                "OrderBy": .string, "OrderType": .integer, "VpcIds": .stringArray, "SubnetIds": .stringArray,
                "ProjectId": .integer, "SearchKey": .string, "InstanceName": .string,
                "UniqVpcIds": .stringArray, "UniqSubnetIds": .stringArray, "RegionIds": .integerArray,
                "Status": .integerArray, "TypeVersion": .integer, "EngineName": .string,
                "AutoRenew": .integerArray, "BillingMode": .string, "Type": .integer,
                "SearchKeys": .stringArray, "TypeList": .integerArray, "MonitorVersion": .string,
                "InstanceTags": .anything, "TagKeys": .stringArray, "ProductVersions": .stringArray,
                "AzMode": .string,
            ],
            required: []
        ),
        "DescribeTaskList": .init(
            kinds: [
                "InstanceId": .string, "InstanceName": .string, "Limit": .integer, "Offset": .integer,
                "ProjectIds": .integerArray, "TaskTypes": .stringArray, "BeginTime": .string,
                "EndTime": .string, "TaskStatus": .integerArray, "Result": .integerArray,
                "OperateUin": .stringArray, "OperationUin": .stringArray,
            ],
            required: []
        ),
    ]

    /// Runs `call.action` with `parameters`; the fields of a success (without `RequestId`).
    func perform(_ call: TencentCall, _ parameters: TencentParameters) -> Result<Fields, TencentAPIError> {
        refresh()
        guard let schema = Self.schemas[call.action] else { return .failure(.invalidAction(call.action)) }
        if let error = parameters.validate(schema) { return .failure(error) }
        do {
            switch call.action {
            case "ManualBackupInstance": return .success(try manualBackup(call, parameters))
            case "RestoreInstance": return .success(try restore(call, parameters))
            case "DescribeInstanceBackups": return .success(try describeBackups(call, parameters))
            case "DescribeTaskInfo": return .success(try describeTask(call, parameters))
            case "DescribeInstances": return .success(try describeInstances(call, parameters))
            case "DescribeTaskList": return .success(try describeTaskList(call, parameters))
            default: return .failure(.invalidAction(call.action))
            }
        } catch let error as TencentAPIError {
            return .failure(error)
        } catch {
            return .failure(TencentAPIError("InternalError", "\(error)"))
        }
    }

    // MARK: Mutations

    private func manualBackup(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let id = parameters.string("InstanceId")!
        var storageDays: Int64 = 7
        if let days = parameters.int("StorageDays") {
            guard (0...1825).contains(days) else {
                throw TencentAPIError.invalidParameterValue("`StorageDays` must be between 0 and 1825, got \(days).")
            }
            if days > 0 { storageDays = days }
        }
        let instance = try runnableInstance(id, region: call.region)
        let start = now
        let backup = TencentSimulatedBackup(
            backupId: newBackupId(start: start),
            instanceId: instance.id,
            instanceName: instance.name,
            region: instance.region,
            startTime: start,
            endTime: nil,
            backupType: "0",
            status: 1,
            remark: parameters.string("Remark"),
            backupSize: 0,
            expireTime: start.addingTimeInterval(TimeInterval(storageDays) * 86_400)
        )
        backupList.append(backup)
        let task = createTask(type: call.action, instance: instance, backupId: backup.backupId)
        return ["TaskId": .int(Int64(task.id))]
    }

    private func restore(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let instance = try runnableInstance(parameters.string("InstanceId")!, region: call.region)
        let backupId = parameters.string("BackupId")!
        guard let backup = backupList.first(where: { $0.backupId == backupId && $0.instanceId == instance.id }) else {
            throw TencentAPIError.backupNotExists(backupId)
        }
        guard backup.status == 2 else { throw TencentAPIError.backupStatusAbnormal(backupId, status: backup.status) }
        guard backup.locked == 0 else { throw TencentAPIError.backupLocked(backupId) }
        if !instance.noAuth {
            guard let password = parameters.string("Password"), !password.isEmpty else { throw TencentAPIError.passwordEmpty }
            guard password == instance.password else { throw TencentAPIError.passwordError }
        }
        if let index = instances.firstIndex(where: { $0.id == instance.id }) { instances[index].status = 1 }
        let task = createTask(type: call.action, instance: instance, backupId: backupId)
        return ["TaskId": .int(Int64(task.id))]
    }

    /// Exists in the region, not locked by a running task, status running.
    private func runnableInstance(_ id: String, region: String) throws -> TencentSimulatedInstance {
        guard let instance = instances.first(where: { $0.id == id && $0.region == region }) else {
            throw TencentAPIError.instanceNotExists(id)
        }
        guard !isLocked(id) else { throw TencentAPIError.instanceLocked(id) }
        guard instance.status == 2 else { throw TencentAPIError.instanceStatusAbnormal(id, status: instance.status) }
        return instance
    }

    // MARK: Queries

    private func describeBackups(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let (limit, offset) = try page(parameters, maxLimit: 100)
        let window = try timeWindow(parameters)
        if let id = parameters.string("InstanceId"), !instances.contains(where: { $0.id == id && $0.region == call.region }) {
            throw TencentAPIError.instanceNotExists(id)
        }
        let statuses = Set((parameters.intArray("Status") ?? [2]).map(Int.init))
        let nameFilter = parameters.string("InstanceName")?.lowercased()
        let matching = backupList.filter { backup in
            backup.region == call.region
                && parameters.string("InstanceId").map { backup.instanceId == $0 } ?? true
                && statuses.contains(backup.status)
                && nameFilter.map { $0.isEmpty || backup.instanceName.lowercased().contains($0) } ?? true
                && window.map { $0.contains(backup.startTime) } ?? true
        }.sorted(by: Self.newestFirst)
        let pageItems = matching.dropFirst(offset).prefix(limit)
        return [
            "TotalCount": .int(Int64(matching.count)),
            "BackupSet": .array(pageItems.map { backup in
                TencentRendering.backup(backup, instance: instances.first { $0.id == backup.instanceId })
            }),
        ]
    }

    private func describeTask(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let id = Int(clamping: parameters.int("TaskId")!)
        guard let existing = taskTable[id], existing.region == call.region else { throw TencentAPIError.taskNotFound }
        poll(taskId: existing.id)
        let task = taskTable[id]!
        return TencentRendering.taskInfo(task, english: call.language == "en-US")
    }

    private func describeInstances(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let (limit, offset) = try page(parameters, maxLimit: 1000)
        var ids = parameters.stringArray("InstanceIds") ?? []
        if let id = parameters.string("InstanceId") { ids.append(id) }
        let statuses = parameters.intArray("Status").map { Set($0.map(Int.init)) }
        let name = parameters.string("InstanceName")?.lowercased()
        let searchKey = parameters.string("SearchKey")?.lowercased()
        let matching = instances.filter { instance in
            instance.region == call.region
                && (ids.isEmpty || ids.contains(instance.id))
                && statuses.map { $0.isEmpty || $0.contains(instance.status) } ?? true
                && name.map { $0.isEmpty || instance.name.lowercased().contains($0) } ?? true
                && searchKey.map {
                    $0.isEmpty || instance.id.lowercased().contains($0) || instance.name.lowercased().contains($0)
                } ?? true
        }
        return [
            "TotalCount": .int(Int64(matching.count)),
            "InstanceSet": .array(matching.dropFirst(offset).prefix(limit).map(TencentRendering.instance)),
        ]
    }

    private func describeTaskList(_ call: TencentCall, _ parameters: TencentParameters) throws -> Fields {
        let (limit, offset) = try page(parameters, maxLimit: 100)
        let window = try timeWindow(parameters)
        let types = parameters.stringArray("TaskTypes").map { Set($0.map { TencentRendering.taskTypeCode($0) ?? $0 }) }
        let results = parameters.intArray("Result").map { Set($0.map(Int.init)) }
        let name = parameters.string("InstanceName")?.lowercased()
        let matching = taskTable.values.filter { task in
            let instanceName = instances.first { $0.id == task.instanceId }?.name.lowercased() ?? ""
            return task.region == call.region
                && parameters.string("InstanceId").map { $0.isEmpty || task.instanceId == $0 } ?? true
                && name.map { $0.isEmpty || instanceName.contains($0) } ?? true
                && types.map { $0.isEmpty || $0.contains(TencentRendering.taskTypeCode(task.type) ?? "") } ?? true
                && results.map { $0.isEmpty || $0.contains(TencentRendering.result(task.status)) } ?? true
                && window.map { $0.contains(task.startTime) } ?? true
        }.sorted { $0.startTime != $1.startTime ? $0.startTime > $1.startTime : $0.id > $1.id }
        return [
            "TotalCount": .int(Int64(matching.count)),
            "Tasks": .array(matching.dropFirst(offset).prefix(limit).map { task in
                TencentRendering.taskListItem(task, instanceName: instances.first { $0.id == task.instanceId }?.name ?? "")
            }),
        ]
    }

    // MARK: Shared parameter rules

    /// `Limit` (default 20, 1…max; 0 means the default) and `Offset` (≥ 0).
    private func page(_ parameters: TencentParameters, maxLimit: Int64) throws -> (Int, Int) {
        var limit: Int64 = 20
        if let value = parameters.int("Limit") {
            guard (0...maxLimit).contains(value) else {
                throw TencentAPIError.invalidParameterValue("`Limit` must be between 1 and \(maxLimit), got \(value).")
            }
            if value > 0 { limit = value }
        }
        let offset = parameters.int("Offset") ?? 0
        guard offset >= 0 else {
            throw TencentAPIError.invalidParameterValue("`Offset` must not be negative, got \(offset).")
        }
        return (Int(limit), Int(clamping: offset))
    }

    /// `BeginTime`/`EndTime` (`YYYY-MM-DD HH:MM:SS`, UTC+8), at most 30 days apart.
    private func timeWindow(_ parameters: TencentParameters) throws -> ClosedRange<Date>? {
        let begin = try parameters.string("BeginTime").map { try Self.time($0, name: "BeginTime") }
        let end = try parameters.string("EndTime").map { try Self.time($0, name: "EndTime") }
        if begin == nil && end == nil { return nil }
        let lower = begin ?? .distantPast
        let upper = end ?? .distantFuture
        guard lower <= upper else {
            throw TencentAPIError.invalidParameterValue("`BeginTime` must not be later than `EndTime`.")
        }
        if let begin, let end, end.timeIntervalSince(begin) > 30 * 86_400 {
            throw TencentAPIError.invalidParameterValue("The span between `BeginTime` and `EndTime` must not exceed 30 days.")
        }
        return lower...upper
    }

    private static func time(_ text: String, name: String) throws -> Date {
        guard let date = TencentTime.parseBeijing(text) else {
            throw TencentAPIError.invalidParameterValue("`\(name)` must be formatted `YYYY-MM-DD HH:MM:SS`, got `\(text)`.")
        }
        return date
    }
}
