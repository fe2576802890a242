import Foundation

/// `GET …/instances/{instance_id}` (ShowInstance), huawei.md §2.5.
extension HuaweiSimulatorState {
    func showInstance(_ route: HuaweiRoute) throws(HuaweiAPIError) -> HuaweiDCSResult {
        let instance = instances[try instanceIndex(route.instanceId)]
        let task: String? = hasRunningBackup(instance.instanceId)
            ? "backuping"
            : hasRunningRestore(instance.instanceId) ? "restoring" : nil
        return .json(HuaweiRendering.instance(
            instance,
            generation: route.generation,
            projectId: configuration.projectId,
            region: configuration.region,
            task: task
        ))
    }
}
