import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `TencentDriver.previewBackup/previewRestore` against what `startBackup/startRestore` really
/// send to a `TencentSimulator` at the same second: same request, signature and secrets masked,
/// no provider call.
@Suite("Tencent driver: request previews")
struct TencentRequestPreviewTests {
    static let token = "tc-session-token-0123456789"
    static let credentials = SigningCredentials(accessKeyId: Fixture.secretId, secret: Fixture.secretKey, sessionToken: token)
    static let credential = TencentSimulatorCredential(secretId: Fixture.secretId, secretKey: Fixture.secretKey, token: token)

    @Test("previewBackup is the ManualBackupInstance startBackup sends, redacted, without calling Tencent")
    func backup() async throws {
        try await SimulatorHarness.run(credential: Self.credential) { harness in
            let now = PreviewCheck.now()
            let driver = harness.driver(credentials: Self.credentials, clock: { now })
            let request = BackupRequest(remark: "nightly", retentionDays: 7)
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewBackup(harness.ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startBackup(harness.ref, request: request, operationId: operationId, context: SimulatorHarness.context())
            let sent = try #require(await harness.requests("ManualBackupInstance").first)

            #expect(preview.action == "ManualBackupInstance")
            #expect(preview.method == sent.method)
            #expect(preview.url == harness.simulator.endpoint + sent.path)
            #expect(preview.body == sent.bodyString)
            #expect(preview.body?.contains("[gw:\(operationId)]") == true)
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent, masked: ["x-tc-token"])
            #expect(sent.header("X-TC-Token") == Self.token)
            let signature = try PreviewCheck.expectAuthorization(preview, sent: sent, accessKeyId: Fixture.secretId)
            #expect(preview.header("Authorization")?.hasPrefix("TC3-HMAC-SHA256 Credential=\(Redactor.mask)/") == true)
            #expect(preview.header("Authorization")?.contains("/redis/tc3_request") == true)
            PreviewCheck.expectAbsent([Fixture.secretKey, Fixture.secretId, Self.token, signature], in: preview)
        }
    }

    @Test("previewRestore masks the instance password and is otherwise the RestoreInstance sent")
    func restoreWithPassword() async throws {
        try await SimulatorHarness.run(credential: Self.credential) { harness in
            let backupId = try #require(await harness.seedBackups(of: "crs-test01", count: 1).first)
            let now = PreviewCheck.now()
            let driver = harness.driver(credentials: Self.credentials, clock: { now })
            let request = RestoreRequest(backupId: backupId, instancePassword: Secret(SimulatorHarness.password), confirmOverwrite: true)
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewRestore(harness.ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startRestore(harness.ref, request: request, operationId: operationId, context: SimulatorHarness.context())
            let sent = try #require(await harness.requests("RestoreInstance").first)

            #expect(preview.action == "RestoreInstance")
            #expect(preview.method == sent.method)
            #expect(preview.url == harness.simulator.endpoint + sent.path)
            let shown = try #require(PreviewCheck.json(preview.body))
            let wire = try #require(PreviewCheck.json(sent.bodyString))
            #expect(wire["Password"] as? String == SimulatorHarness.password)
            #expect(shown["Password"] as? String == Redactor.mask)
            #expect(Set(shown.keys) == Set(wire.keys))
            for key in wire.keys where key != "Password" {
                #expect(shown[key] as? String == wire[key] as? String)
            }
            // Only the password differs: the sorted-keys encoding is kept.
            #expect(preview.body == sent.bodyString.replacingOccurrences(of: SimulatorHarness.password, with: Redactor.mask))
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent, masked: ["x-tc-token"])
            let signature = try PreviewCheck.expectAuthorization(preview, sent: sent, accessKeyId: Fixture.secretId)
            PreviewCheck.expectAbsent(
                [Fixture.secretKey, Fixture.secretId, Self.token, signature, SimulatorHarness.password], in: preview
            )
        }
    }

    @Test("previews refuse what the real call refuses, before building anything")
    func refusals() throws {
        let driver = TencentDriver(account: Fixture.account(), transport: Fixture.idleTransport, redactor: Redactor())
        let error = #expect(throws: GatewayError.self) {
            try driver.previewRestore(
                SimulatorHarness.ref("crs-test01"), request: RestoreRequest(pointInTime: Date(), confirmOverwrite: true),
                operationId: Fixture.operationId
            )
        }
        #expect(error?.reason == "POINT_IN_TIME_UNSUPPORTED")
    }
}
