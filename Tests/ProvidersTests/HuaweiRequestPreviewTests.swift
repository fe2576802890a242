import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver.previewBackup/previewRestore` against what the real calls send to a
/// `HuaweiSimulator`, on API v2 and v1.0 (SDK-HMAC-SHA256 `Access=`, `X-Security-Token`).
@Suite("Huawei driver: request previews")
struct HuaweiRequestPreviewTests {
    static let credential = HuaweiSimulatorCredential(
        accessKey: HuaweiFixture.accessKey, secretKey: HuaweiFixture.secretKey, securityToken: HuaweiFixture.securityToken
    )
    static let secrets = [HuaweiFixture.secretKey, HuaweiFixture.accessKey, HuaweiFixture.securityToken]

    /// The checks common to backups and restores; returns the signature sent.
    static func expectSameRequest(
        _ preview: ProviderRequestPreview, sent: SimulatedRequestRecord, harness: HuaweiSimulatorHarness
    ) throws -> String {
        #expect(preview.method == "POST")
        #expect(preview.method == sent.method)
        #expect(sent.query.isEmpty)
        #expect(preview.url == harness.simulator.endpoint + sent.path)
        #expect(preview.body == sent.bodyString)
        PreviewCheck.expectSameHeaders(preview.headers, sent: sent, masked: ["x-security-token"])
        #expect(sent.header("X-Security-Token") == HuaweiFixture.securityToken)
        #expect(preview.header("Authorization")?.hasPrefix("SDK-HMAC-SHA256 Access=\(Redactor.mask), SignedHeaders=") == true)
        return try PreviewCheck.expectAuthorization(preview, sent: sent, accessKeyId: HuaweiFixture.accessKey)
    }

    @Test("previewBackup is the create-backup POST startBackup sends, redacted, without calling DCS", arguments: HuaweiSimulatorHarness.versions)
    func backup(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.credential) { harness in
            let now = PreviewCheck.now()
            let driver = harness.driver(version, credentials: HuaweiFixture.stsCredentials, clock: { now })
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            let request = BackupRequest(remark: "nightly", format: version == .v2 ? .aof : nil)
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewBackup(ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startBackup(ref, request: request, operationId: operationId, context: HuaweiSimulatorHarness.context())
            let sent = try #require(await harness.simulator.receivedRequests().last)
            #expect(sent.httpStatus == 200)

            #expect(preview.action == "POST instances/\(ref.instanceId)/backups")
            #expect(preview.url.hasSuffix("/\(version.rawValue)/\(HuaweiFixture.projectId)/instances/\(ref.instanceId)/backups"))
            let signature = try Self.expectSameRequest(preview, sent: sent, harness: harness)
            let body = try #require(PreviewCheck.json(preview.body))
            #expect(body["remark"] as? String == "nightly [gw:\(operationId)]")
            #expect(body["backup_format"] as? String == (version == .v2 ? "aof" : nil))
            PreviewCheck.expectAbsent(Self.secrets + [signature], in: preview)
        }
    }

    @Test("previewRestore is the restore POST startRestore sends, redacted", arguments: HuaweiSimulatorHarness.versions)
    func restore(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.credential) { harness in
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1).first)
            let now = PreviewCheck.now()
            let driver = harness.driver(version, credentials: HuaweiFixture.stsCredentials, clock: { now })
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            let request = RestoreRequest(backupId: backupId, remark: "rollback", confirmOverwrite: true)
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewRestore(ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startRestore(ref, request: request, operationId: operationId, context: HuaweiSimulatorHarness.context())
            let sent = try #require(await harness.simulator.receivedRequests().last)
            #expect(sent.httpStatus == 200)

            #expect(preview.action == "POST instances/\(ref.instanceId)/restores")
            let signature = try Self.expectSameRequest(preview, sent: sent, harness: harness)
            let body = try #require(PreviewCheck.json(preview.body))
            #expect(body["backup_id"] as? String == backupId)
            PreviewCheck.expectAbsent(Self.secrets + [signature], in: preview)
        }
    }
}
