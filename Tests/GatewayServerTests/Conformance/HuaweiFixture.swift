import Foundation
import GatewayConfiguration
import Simulators

extension ProviderFixture {
    static let huaweiV2 = huawei(apiVersion: "v2")
    static let huaweiV1 = huawei(apiVersion: "v1.0")

    /// A master/standby instance with one backup; plus a single-node and a busy instance.
    static func huawei(apiVersion: String) -> ProviderFixture {
        ProviderFixture(name: "huawei-\(apiVersion)", kind: .huawei) { pace in
            let accessKey = "HWCONFORMANCE0123456"
            let secretKey = "conformanceHuaweiSecretKey0123456789abcd"
            let projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
            let simulator = HuaweiSimulator(configuration: HuaweiSimulatorConfiguration(
                credentials: [HuaweiSimulatorCredential(accessKey: accessKey, secretKey: secretKey)],
                projectId: projectId,
                progression: pace == .immediate ? .immediate : .perPoll(steps: 2)
            ))
            try await simulator.start()
            let now = Date()
            let ha = "11111111-0000-4000-8000-000000000001"
            await simulator.addInstance(.init(instanceId: ha, name: "orders-ha"))
            await simulator.addInstance(.init(instanceId: "11111111-0000-4000-8000-000000000002", name: "single", cacheMode: "single"))
            await simulator.addInstance(.init(instanceId: "11111111-0000-4000-8000-000000000003", name: "busy", status: "RESTORING"))
            await simulator.addBackup(.init(
                backupId: "22222222-0000-4000-8000-000000000001", instanceId: ha, name: "backup_20260101000000", remark: "seed",
                backupType: "manual", format: "rdb", status: "succeed", progress: "100.00", size: 4096,
                createdAt: now.addingTimeInterval(-7200), updatedAt: now.addingTimeInterval(-7100), errorCode: nil, supportRestore: true
            ))
            return RunningSimulator(
                account: AccountSettings(
                    name: "huawei-conf", provider: .huawei, region: "ap-southeast-1", endpoint: URL(string: simulator.endpoint),
                    projectId: projectId, apiVersion: apiVersion,
                    credentials: CredentialReferences(id: .environment("CONF_HW_AK"), secret: .environment("CONF_HW_SK")),
                    instances: ["11111111-*"]
                ),
                environment: ["CONF_HW_AK": accessKey, "CONF_HW_SK": secretKey],
                secrets: [secretKey],
                inject: { await simulator.inject($0) },
                requests: { await simulator.receivedRequests() },
                stop: { await simulator.stop() },
                instanceId: ha,
                unknownInstanceId: "11111111-0000-4000-8000-000000000099",
                backupBody: apiVersion == "v2" ? #"{"remark":"conformance","format":"aof"}"# : #"{"remark":"conformance"}"#,
                restoreBody: { #"{"backupId":"\#($0)","confirmOverwrite":true}"# },
                createBackupAction: "CreateBackup",
                restoreAction: "Restore",
                describeInstanceAction: "ShowInstance"
            )
        }
    }
}
