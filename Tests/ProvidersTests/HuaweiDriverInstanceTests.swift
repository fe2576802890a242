import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver.describeInstance` and the capabilities against a real `HuaweiSimulator` on
/// loopback, on both API generations.
@Suite("Huawei driver: instances and capabilities")
struct HuaweiDriverInstanceTests {
    static let singleNodeRefusal =
        "Huawei Cloud DCS cannot back up or restore single-node instances (cache_mode single); only master/standby and cluster instances."

    @Test("master/standby and cluster instances: running, every backup and restore capability", arguments: HuaweiSimulatorHarness.versions)
    func backupCapable(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version)
            for (id, name, mode) in [
                (HuaweiSimulatorHarness.ha, "orders-ha", "ha"), (HuaweiSimulatorHarness.cluster, "sessions-cluster", "cluster"),
            ] {
                let ref = HuaweiSimulatorHarness.ref(id)
                let info = try await driver.describeInstance(ref, context: HuaweiSimulatorHarness.context())
                #expect(info.ref == ref)
                #expect(info.name == name)
                #expect(info.status == .running)
                #expect(info.providerStatus == "RUNNING")
                #expect(info.architecture == mode)
                #expect(info.passwordRequired == false)
                #expect(info.capabilities == HuaweiDriver.capabilities(apiVersion: version))
                #expect(info.capabilities.manualBackup)
                #expect(info.capabilities.restoreFromBackup)
                #expect(info.capabilities.inPlaceRestore)
                #expect(info.capabilities.listBackups)
                #expect(info.capabilities.refusal == nil)
                #expect(info.capabilities.backupFormats == (version == .v2 ? [.rdb, .aof] : []))
            }
            let calls = await harness.requests("ShowInstance")
            #expect(calls.count == 2)
            #expect(calls.allSatisfy { $0.path.hasPrefix("/\(version.rawValue)/") && $0.httpStatus == 200 })
        }
    }

    @Test("a single-node instance: manualBackup false, inPlaceRestore false, with the refusal text", arguments: HuaweiSimulatorHarness.versions)
    func singleNode(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let info = try await harness.driver(version).describeInstance(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.single), context: HuaweiSimulatorHarness.context()
            )
            #expect(info.status == .running)
            #expect(info.architecture == "single")
            let capabilities = info.capabilities
            #expect(capabilities == HuaweiDriver.capabilities(apiVersion: version, singleNode: true))
            #expect(!capabilities.manualBackup)
            #expect(!capabilities.restoreFromBackup)
            #expect(!capabilities.inPlaceRestore)
            #expect(capabilities.listBackups)
            #expect(capabilities.refusal == Self.singleNodeRefusal)
            #expect(capabilities.notes.contains(Self.singleNodeRefusal))

            // What the service does with these capabilities, before any provider call.
            let backup = #expect(throws: GatewayError.self) { try capabilities.check(BackupRequest(), provider: .huawei) }
            #expect(backup?.code == .unsupported)
            #expect(backup?.reason == "MANUAL_BACKUP_UNSUPPORTED")
            #expect(backup?.detail == Self.singleNodeRefusal)
            let restore = #expect(throws: GatewayError.self) {
                try capabilities.check(RestoreRequest(backupId: "b", confirmOverwrite: true), provider: .huawei)
            }
            #expect(restore?.code == .unsupported)
            #expect(restore?.reason == "IN_PLACE_RESTORE_UNSUPPORTED")
            #expect(restore?.detail == Self.singleNodeRefusal)
        }
    }

    @Test("a single-node instance that reaches DCS anyway is unsupported SINGLE_NODE_UNSUPPORTED (DCS.4086 / 111400086)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4086"), (.v1_0, "111400086"),
    ])
    func singleNodeRefusedByDCS(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).startBackup(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.single), request: BackupRequest(), operationId: OperationID.make(),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .unsupported)
            #expect(error?.reason == "SINGLE_NODE_UNSUPPORTED")
            #expect(error?.provider?.code == providerCode)
            #expect(error?.provider?.httpStatus == 400)
            #expect(error?.provider?.message == "only master standby instance is support this action")
            #expect(error?.outcomeUnknown == false)
        }
    }

    @Test("a restoring instance is busy, its provider status kept", arguments: HuaweiSimulatorHarness.versions)
    func restoring(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let info = try await harness.driver(version).describeInstance(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.restoring), context: HuaweiSimulatorHarness.context()
            )
            #expect(info.status == .busy)
            #expect(info.providerStatus == "RESTORING")
            #expect(info.capabilities.manualBackup)
        }
    }

    @Test("an unknown instance is not_found INSTANCE_NOT_FOUND (DCS.3022 / 111404022)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.3022"), (.v1_0, "111404022"),
    ])
    func unknownInstance(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).describeInstance(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.unknown), context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "INSTANCE_NOT_FOUND")
            #expect(error?.provider?.code == providerCode)
            #expect(error?.provider?.httpStatus == 404)
            #expect(error?.retryable == false)
            let call = try #require(await harness.requests("ShowInstance").first)
            #expect(error?.provider?.requestId == call.requestId)
            #expect(call.requestId?.count == 32)
        }
    }

    @Test("the kind's capabilities: formats on v2 only, no retention, no point in time, no key filter")
    func kindCapabilities() throws {
        let v2 = HuaweiDriver.capabilities(apiVersion: .v2)
        let v1 = HuaweiDriver.capabilities(apiVersion: .v1_0)
        #expect(v2.backupFormats == [.rdb, .aof])
        #expect(v1.backupFormats == [])
        for capabilities in [v2, v1] {
            #expect(capabilities.manualBackup && capabilities.inPlaceRestore && capabilities.restoreFromBackup)
            #expect(!capabilities.backupRetention && !capabilities.pointInTimeRestore && !capabilities.keyFilterRestore && !capabilities.timeShift)
            #expect(capabilities.restorePasswordRequired == false)
            #expect(capabilities.refusal == nil)
        }
        let driver = HuaweiDriver(account: HuaweiFixture.account(apiVersion: .v1_0), transport: Fixture.idleTransport, redactor: Redactor())
        #expect(driver.kind == .huawei)
        #expect(driver.capabilities == v1)

        try v2.check(BackupRequest(format: .aof), provider: .huawei)
        let format = #expect(throws: GatewayError.self) { try v1.check(BackupRequest(format: .aof), provider: .huawei) }
        #expect(format?.reason == "BACKUP_FORMAT_UNSUPPORTED")
        let retention = #expect(throws: GatewayError.self) { try v2.check(BackupRequest(retentionDays: 7), provider: .huawei) }
        #expect(retention?.reason == "RETENTION_UNSUPPORTED")
        let pointInTime = #expect(throws: GatewayError.self) {
            try v2.check(RestoreRequest(pointInTime: Date(), confirmOverwrite: true), provider: .huawei)
        }
        #expect(pointInTime?.reason == "POINT_IN_TIME_UNSUPPORTED")
    }

    @Test("another project than the endpoint's is permission_denied PROVIDER_PROJECT_UNAVAILABLE (APIGW.0310)", arguments: HuaweiSimulatorHarness.versions)
    func foreignProject(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version, projectId: "ffffffffffffffffffffffffffffffff")
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), context: HuaweiSimulatorHarness.context())
            }
            #expect(error?.code == .permissionDenied)
            #expect(error?.reason == "PROVIDER_PROJECT_UNAVAILABLE")
            #expect(error?.provider?.code == "APIGW.0310")
            #expect(error?.provider?.httpStatus == 403)
        }
    }

    /// DCS answers a malformed project id with `DCS.4002`, which v1.0 routes spell `111400002`
    /// (huawei.md §5: `111400NNN` ↔ `DCS.4NNN`).
    @Test("a malformed project id is invalid_argument PROJECT_ID_INVALID on both generations (DCS.4002 / 111400002)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4002"), (.v1_0, "111400002"),
    ])
    func malformedProject(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version, projectId: "not-a-project")
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), context: HuaweiSimulatorHarness.context())
            }
            #expect(error?.provider?.code == providerCode)
            #expect(error?.provider?.httpStatus == 400)
            #expect(error?.code == .invalidArgument)
            #expect(error?.reason == "PROJECT_ID_INVALID")
            #expect(error?.retryable == false)
        }
    }
}
