import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `AlibabaDriver.describeInstance` against a real `AlibabaSimulator` on loopback.
@Suite("Alibaba driver: instances")
struct AlibabaDriverInstanceTests {
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    @Test("an eligible instance: running, classic, every restore capability, window from flashback", arguments: schemes)
    func eligible(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let info = try await harness.driver(scheme).describeInstance(ref, context: AlibabaSimulatorHarness.context())
            #expect(info.ref == ref)
            #expect(info.name == "orders-tair")
            #expect(info.status == .running)
            #expect(info.providerStatus == "Normal")
            #expect(info.architecture == "classic standard")
            #expect(info.passwordRequired == false)
            #expect(info.capabilities.inPlaceRestore)
            #expect(info.capabilities.pointInTimeRestore)
            #expect(info.capabilities.keyFilterRestore)
            #expect(info.capabilities.timeShift)
            #expect(info.capabilities.minRetentionDays == 7)
            #expect(info.capabilities.maxRetentionDays == 730)
            #expect(info.capabilities.pointInTimeEarliest == harness.flashbackSince)
            #expect(info.capabilities.refusal == nil)

            // DescribeInstanceAttribute then DescribeBackupPolicy, each with the InstanceId only.
            let calls = await harness.simulator.receivedRequests()
            #expect(calls.map(\.action) == ["DescribeInstanceAttribute", "DescribeBackupPolicy"])
            #expect(calls.allSatisfy { $0.method == "POST" && $0.httpStatus == 200 && $0.body.isEmpty })
            for call in calls {
                #expect(AlibabaSimulatorHarness.parameters(call)["InstanceId"] == AlibabaSimulatorHarness.tair)
            }
        }
    }

    @Test("an ineligible instance: backups yes, restores no, with a refusal pointing at a new instance", arguments: schemes)
    func notEligible(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme)
            let redis = try await driver.describeInstance(
                AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.redis), context: AlibabaSimulatorHarness.context()
            )
            #expect(redis.status == .running)
            #expect(redis.capabilities.manualBackup)
            #expect(!redis.capabilities.inPlaceRestore)
            #expect(!redis.capabilities.pointInTimeRestore)
            #expect(redis.capabilities.pointInTimeEarliest == nil)
            let refusal = try #require(redis.capabilities.refusal)
            #expect(refusal.contains("new instance"))

            let cloudNative = try await driver.describeInstance(
                AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.cloudNativeCluster), context: AlibabaSimulatorHarness.context()
            )
            #expect(cloudNative.architecture == "cloud-native cluster")
            #expect(!cloudNative.capabilities.inPlaceRestore)
            #expect(cloudNative.capabilities.refusal?.contains("cloud-native") == true)
        }
    }

    @Test("a restoring instance is busy")
    func busy() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            await harness.simulator.addInstance(.init(instanceId: "r-busy01", instanceName: "busy", instanceStatus: "BackupRecovering"))
            let info = try await harness.driver().describeInstance(
                AlibabaSimulatorHarness.ref("r-busy01"), context: AlibabaSimulatorHarness.context()
            )
            #expect(info.status == .busy)
            #expect(info.providerStatus == "BackupRecovering")
        }
    }

    @Test("an unknown instance is not_found INSTANCE_NOT_FOUND", arguments: schemes)
    func unknown(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(scheme).describeInstance(
                    AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.unknown), context: AlibabaSimulatorHarness.context()
                )
            }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "INSTANCE_NOT_FOUND")
            #expect(error?.provider?.code == "InvalidInstanceId.NotFound")
            #expect(error?.provider?.httpStatus == 404)
            #expect(error?.provider?.requestId?.isEmpty == false)
            #expect(await harness.requests("DescribeBackupPolicy").isEmpty)
        }
    }
}
