import Foundation

/// `DescribeInstanceAttribute`, `DescribeBackupPolicy`, `DescribeInstances` (alibaba.md §4.6–4.7).
extension AlibabaSimulatorState {
    func describeInstanceAttribute(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        _ = try instanceIndex(id)
        pollRestore(id)
        let instance = instances[try instanceIndex(id)]
        return ["Instances": ["DBInstanceAttribute": [AlibabaRendering.instanceAttribute(instance)]]]
    }

    func describeBackupPolicy(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        let instance = instances[try instanceIndex(id)]
        var fields: Fields = [
            "BackupRetentionPeriod": .string(String(instance.backupRetentionPeriod)),
            "PreferredBackupPeriod": .string(instance.preferredBackupPeriod),
            "PreferredBackupTime": .string(instance.preferredBackupTime),
            "PreferredNextBackupTime": .string(AlibabaTime.minutes(nextBackupTime(instance))),
            "EnableBackupLog": .int(instance.enableBackupLog ? 1 : 0),
            "DbsInstance": "0",
        ]
        if instance.enableBackupLog, let start = instance.backupLogStartTime {
            fields["BackupLogStartTime"] = .string(AlibabaTime.seconds(start))
        }
        return fields
    }

    func describeInstances(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let ids = parameters.value("InstanceIds").map { $0.split(separator: ",").map(String.init) } ?? []
        let number = try parameters.integer("PageNumber") ?? 1
        let size = try parameters.integer("PageSize") ?? 30
        guard number >= 1, number <= Int64(Int32.max) else {
            throw .invalidParameter("The parameter `PageNumber` must be a positive integer, got \(number).")
        }
        guard (1...100).contains(size) else {
            throw .invalidParameter("The parameter `PageSize` must be between 1 and 100, got \(size).")
        }
        if let region = parameters.value("RegionId"), region != configuration.regionId {
            return ["Instances": ["KVStoreInstance": []], "TotalCount": 0, "PageNumber": .int(number), "PageSize": .int(size)]
        }
        let filters = ["InstanceStatus", "ArchitectureType", "InstanceType", "NodeType"].compactMap { name in
            parameters.value(name).map { (name, $0) }
        }
        let matching = instances.filter { instance in
            instance.regionId == configuration.regionId
                && (ids.isEmpty || ids.contains(instance.instanceId))
                && filters.allSatisfy { name, value in
                    switch name {
                    case "InstanceStatus": instance.instanceStatus == value
                    case "ArchitectureType": instance.architectureType == value
                    case "InstanceType": instance.instanceType == value
                    default: instance.nodeType == value
                    }
                }
        }
        return [
            "Instances": ["KVStoreInstance": .array(
                Self.pageSlice(matching, number: Int(number), size: Int(size)).map(AlibabaRendering.kvStoreInstance)
            )],
            "TotalCount": .int(Int64(matching.count)),
            "PageNumber": .int(number),
            "PageSize": .int(size),
        ]
    }

    /// The next start of the preferred window (`HH:mmZ-…`) after now.
    private func nextBackupTime(_ instance: AlibabaSimulatedInstance) -> Date {
        let current = now
        let text = Array(instance.preferredBackupTime.utf8)
        var hour = 2
        var minute = 0
        if text.count >= 5, let h = Int(String(decoding: text[0..<2], as: UTF8.self)),
           let m = Int(String(decoding: text[3..<5], as: UTF8.self)) {
            hour = h
            minute = m
        }
        let seconds = Int(current.timeIntervalSince1970.rounded(.down))
        let dayStart = SimulatorCivilTime.floorDiv(seconds, 86_400) * 86_400
        var next = dayStart + hour * 3600 + minute * 60
        if next <= seconds { next += 86_400 }
        return Date(timeIntervalSince1970: TimeInterval(next))
    }
}
