import Foundation
import GatewayConfiguration
import Simulators

extension ProviderFixture {
    static let tencentLegacySHA1 = tencentLegacy(signatureMethod: "HmacSHA1")
    static let tencentLegacySHA256 = tencentLegacy(signatureMethod: "HmacSHA256")

    /// A running instance with a password and one backup, on the legacy CRS API 2.0.
    static func tencentLegacy(signatureMethod: String) -> ProviderFixture {
        ProviderFixture(name: "tencent-legacy-\(signatureMethod)", kind: .tencentLegacy) { pace in
            let secretId = "AKIDlegacyConformance0123456789"
            let secretKey = "legacyConformanceSecret-0a1b2c3d"
            let password = "legacy-Pa55!"
            let simulator = TencentLegacySimulator(configuration: TencentLegacySimulatorConfiguration(
                credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
                taskProgression: pace == .immediate ? .immediate : .perPoll(steps: 2)
            ))
            try await simulator.start()
            let now = Date()
            await simulator.addInstance(.init(id: "crs-old01", name: "orders", password: password))
            await simulator.addBackup(.init(
                backupId: "300000000000000000000001", instanceId: "crs-old01", instanceName: "orders",
                startTime: now.addingTimeInterval(-7200), endTime: now.addingTimeInterval(-7100), backupSize: 1024,
                expireTime: now.addingTimeInterval(86_400)
            ))
            return RunningSimulator(
                account: AccountSettings(
                    name: "tencent-legacy-conf", provider: .tencentLegacy, region: "gz", endpoint: URL(string: simulator.endpoint),
                    signatureMethod: signatureMethod,
                    credentials: CredentialReferences(id: .environment("CONF_TCL_ID"), secret: .environment("CONF_TCL_KEY")),
                    instances: ["crs-old*"]
                ),
                environment: ["CONF_TCL_ID": secretId, "CONF_TCL_KEY": secretKey],
                secrets: [secretKey, password],
                inject: { await simulator.inject($0) },
                requests: { await simulator.receivedRequests() },
                stop: { await simulator.stop() },
                instanceId: "crs-old01",
                unknownInstanceId: "crs-old99",
                backupBody: #"{"remark":"conformance"}"#,
                restoreBody: { #"{"backupId":"\#($0)","instancePassword":"\#(password)","confirmOverwrite":true}"# },
                createBackupAction: "ManualBackupInstance",
                restoreAction: "RestoreInstance",
                describeInstanceAction: "DescribeRedis"
            )
        }
    }
}
