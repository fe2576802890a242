import Foundation

/// `DescribeClusterBackupList` (alibaba.md §4.5): cloud-native cluster sets, GET only.
extension AlibabaSimulatorState {
    func describeClusterBackupList(_ parameters: AlibabaParameters) throws(AlibabaAPIError) -> Fields {
        let id = try parameters.required("InstanceId")
        let region = try parameters.required("RegionId")
        let window = try minuteWindow(parameters)
        let setId = parameters.value("ClusterBackupId")
        let (pageNumber, pageSize) = try page(parameters)
        let noShards = parameters.value("NoShardBackup")?.lowercased()
        if let noShards, noShards != "true", noShards != "false" {
            throw .invalidParameter("The parameter `NoShardBackup` must be true or false, got `\(noShards)`.")
        }
        guard region == configuration.regionId else { throw .instanceNotFound(id) }
        let instance = instances[try instanceIndex(id)]
        guard instance.isCloudNativeCluster else { throw .clusterInstanceNotFound(id) }
        pollJobs(of: id)
        let current = now
        let live = clusterBackupList.filter { $0.instanceId == id && $0.expectExpireTime > current }
        let matching: [AlibabaSimulatedClusterBackup] = live.filter { set in
            window.contains(set.startTime) && (setId.map { $0 == set.clusterBackupId } ?? true)
        }.sorted { $0.startTime > $1.startTime }
        let slice = Self.pageSlice(matching, number: pageNumber, size: pageSize)
        return [
            "ClusterBackups": .array(slice.map { set in
                AlibabaRendering.clusterBackup(
                    set,
                    instance: instance,
                    progress: set.backupJobId.flatMap { jobs[$0]?.progress },
                    withShards: noShards != "true"
                )
            }),
            "MaxResults": .int(Int64(slice.count)),
            "PageNumber": .int(Int64(pageNumber)),
            "PageSize": .int(Int64(pageSize)),
            "FullStorageSize": .int(live.filter { $0.status == "OK" }.reduce(Int64(0)) { $0 + $1.sizeBytes }),
            "LogStorageSize": .int(0),
        ]
    }
}
