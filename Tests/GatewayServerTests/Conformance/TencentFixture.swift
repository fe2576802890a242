import Foundation
import GatewayConfiguration
import Simulators

extension ProviderFixture {
    static let tencent = ProviderFixture(name: "tencent", kind: .tencent) { pace in
        let secretId = "AKIDconformance0123456789ABCDEF"
        let secretKey = "conformanceSecret-0a1b2c3d4e5f"
        let password = "conformance-Pa55!"
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
            taskProgression: pace == .immediate ? .immediate : .perPoll(steps: 2),
            enforceRateLimits: false
        ))
        try await simulator.start()
        let now = Date()
        await simulator.addInstance(.init(id: "crs-conf01", name: "orders", password: password))
        await simulator.addBackup(.init(
            backupId: "200000000000000000000001", instanceId: "crs-conf01", instanceName: "orders",
            startTime: now.addingTimeInterval(-7200), endTime: now.addingTimeInterval(-7100), backupSize: 1024,
            expireTime: now.addingTimeInterval(86_400)
        ))
        return RunningSimulator(
            account: AccountSettings(
                name: "tencent-conf", provider: .tencent, region: "ap-guangzhou", endpoint: URL(string: simulator.endpoint),
                credentials: CredentialReferences(id: .environment("CONF_TC_ID"), secret: .environment("CONF_TC_KEY")),
                instances: ["crs-conf*"]
            ),
            environment: ["CONF_TC_ID": secretId, "CONF_TC_KEY": secretKey],
            secrets: [secretKey, password],
            inject: { await simulator.inject($0) },
            requests: { await simulator.receivedRequests() },
            stop: { await simulator.stop() },
            instanceId: "crs-conf01",
            unknownInstanceId: "crs-conf99",
            backupBody: #"{"remark":"conformance","retentionDays":7}"#,
            restoreBody: { #"{"backupId":"\#($0)","instancePassword":"\#(password)","confirmOverwrite":true}"# },
            createBackupAction: "ManualBackupInstance",
            restoreAction: "RestoreInstance",
            describeInstanceAction: "DescribeInstances"
        )
    }
}
