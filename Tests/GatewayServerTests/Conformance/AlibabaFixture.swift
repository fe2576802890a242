import Foundation
import GatewayConfiguration
import Simulators

extension ProviderFixture {
    static let alibabaACS3 = alibaba(signatureVersion: "acs3")
    static let alibabaV1 = alibaba(signatureVersion: "v1")

    /// A classic Tair memory-optimized instance with data flashback (in-place restores allowed).
    static func alibaba(signatureVersion: String) -> ProviderFixture {
        ProviderFixture(name: "alibaba-\(signatureVersion)", kind: .alibaba) { pace in
            let accessKeyId = "LTAI5tConformance0123456"
            let secret = "conformanceAlibabaSecret0123456789"
            let simulator = AlibabaSimulator(configuration: AlibabaSimulatorConfiguration(
                credentials: [AlibabaSimulatorCredential(accessKeyId: accessKeyId, secret: secret)],
                regionId: "cn-hangzhou",
                progression: pace == .immediate ? .immediate : .perPoll(steps: 2)
            ))
            try await simulator.start()
            let now = Date()
            await simulator.addInstance(.init(
                instanceId: "r-conf01", instanceName: "orders-tair", instanceType: "Tair", instanceClass: "tair.rdb.2g",
                nodeType: "double", enableBackupLog: true, backupLogStartTime: now.addingTimeInterval(-3 * 86_400)
            ))
            await simulator.addBackup(.init(
                backupId: 1_700_000_001, instanceId: "r-conf01", startTime: now.addingTimeInterval(-7200), sizeBytes: 4096
            ))
            // Not restorable in place: a classic Redis instance, and one without data flashback.
            await simulator.addInstance(.init(instanceId: "r-conf02", instanceName: "sessions-redis"))
            await simulator.addBackup(.init(
                backupId: 1_700_000_002, instanceId: "r-conf02", startTime: now.addingTimeInterval(-7200), sizeBytes: 2048
            ))
            await simulator.addInstance(.init(
                instanceId: "r-conf03", instanceName: "tair-no-flashback", instanceType: "Tair", instanceClass: "tair.rdb.2g"
            ))
            return RunningSimulator(
                account: AccountSettings(
                    name: "alibaba-conf", provider: .alibaba, region: "cn-hangzhou", endpoint: URL(string: simulator.endpoint),
                    signatureVersion: signatureVersion,
                    credentials: CredentialReferences(id: .environment("CONF_ALI_ID"), secret: .environment("CONF_ALI_SECRET")),
                    instances: ["r-conf*"]
                ),
                environment: ["CONF_ALI_ID": accessKeyId, "CONF_ALI_SECRET": secret],
                secrets: [secret],
                inject: { await simulator.inject($0) },
                requests: { await simulator.receivedRequests() },
                stop: { await simulator.stop() },
                instanceId: "r-conf01",
                unknownInstanceId: "r-conf99",
                backupBody: #"{"retentionDays":7}"#,
                restoreBody: { #"{"backupId":"\#($0)","confirmOverwrite":true}"# },
                createBackupAction: "CreateBackup",
                restoreAction: "RestoreInstance",
                describeInstanceAction: "DescribeInstanceAttribute"
            )
        }
    }
}
