import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver.previewBackup/previewRestore` against what the real calls send to an
/// `AlibabaSimulator`, with ACS3 (Authorization header, `x-acs-security-token`) and RPC v1
/// (AccessKeyId, SecurityToken and Signature in the query).
@Suite("Alibaba driver: request previews")
struct AlibabaRequestPreviewTests {
    static let versions: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]
    static let credential = AlibabaSimulatorCredential(
        accessKeyId: AlibabaFixture.accessKeyId, secret: AlibabaFixture.secret, securityToken: AlibabaFixture.securityToken
    )
    /// v1 query parameters a preview masks.
    static let maskedV1: Set<String> = ["AccessKeyId", "SecurityToken", "Signature"]

    /// A driver pinned to `now`, whose first two requests (the preview and the real call) share a nonce.
    static func driver(_ harness: AlibabaSimulatorHarness, _ version: AlibabaAccount.SignatureVersion, now: Date, nonce: String) -> AlibabaDriver {
        let nonces = RepeatingNonce(nonce)
        return AlibabaDriver(
            account: AlibabaAccount(
                name: "test", region: AlibabaFixture.region, endpoint: URL(string: harness.simulator.endpoint)!,
                credentials: AlibabaFixture.stsCredentials, signatureVersion: version, requestTimeout: .seconds(5)
            ),
            transport: harness.transport,
            redactor: Redactor(knownSecrets: [AlibabaFixture.secret, AlibabaFixture.securityToken]),
            userAgent: AlibabaFixture.userAgent, clock: { now }, nonce: { nonces.next() }
        )
    }

    /// The checks common to backups and restores; returns the signature sent.
    static func expectSameRequest(
        _ preview: ProviderRequestPreview, sent: SimulatedRequestRecord, harness: AlibabaSimulatorHarness,
        version: AlibabaAccount.SignatureVersion
    ) throws -> String {
        #expect(preview.method == sent.method)
        #expect(PreviewCheck.base(preview.url) == harness.simulator.endpoint + sent.path)
        #expect(preview.body == nil)
        #expect(sent.body.isEmpty)
        switch version {
        case .acs3:
            PreviewCheck.expectSameParameters(preview: PreviewCheck.rawQuery(preview.url), sent: sent.query, masked: [])
            // The body hash is masked too (the redactor's pattern for 64-hex values).
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent, masked: ["x-acs-security-token", "x-acs-content-sha256"])
            #expect(sent.header("x-acs-security-token") == AlibabaFixture.securityToken)
            #expect(preview.header("Authorization")?.hasPrefix("ACS3-HMAC-SHA256 Credential=\(Redactor.mask),SignedHeaders=") == true)
            return try PreviewCheck.expectAuthorization(preview, sent: sent, accessKeyId: AlibabaFixture.accessKeyId)
        case .v1:
            PreviewCheck.expectSameParameters(preview: PreviewCheck.rawQuery(preview.url), sent: sent.query, masked: maskedV1)
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent)
            #expect(preview.header("Authorization") == nil)
            #expect(PreviewCheck.parameter("SecurityToken", in: sent.query) == AlibabaFixture.securityToken)
            return try #require(PreviewCheck.parameter("Signature", in: sent.query))
        }
    }

    @Test("previewBackup is the CreateBackup startBackup sends, redacted, without calling Alibaba", arguments: versions)
    func backup(version: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run(credential: Self.credential) { harness in
            let driver = Self.driver(harness, version, now: PreviewCheck.now(), nonce: "preview-backup-nonce-1")
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.redis)
            let request = BackupRequest(remark: "nightly", retentionDays: 30)
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewBackup(ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startBackup(ref, request: request, operationId: operationId, context: AlibabaSimulatorHarness.context())
            let sent = try #require(await harness.requests("CreateBackup").first)
            #expect(sent.httpStatus == 200)

            #expect(preview.action == "CreateBackup")
            let signature = try Self.expectSameRequest(preview, sent: sent, harness: harness, version: version)
            #expect(PreviewCheck.parameter("BackupRetentionPeriod", in: PreviewCheck.rawQuery(preview.url)) == "30")
            PreviewCheck.expectAbsent(
                [AlibabaFixture.secret, AlibabaFixture.accessKeyId, AlibabaFixture.securityToken, signature], in: preview
            )
        }
    }

    @Test("previewRestore is the point-in-time RestoreInstance startRestore sends, built from the request alone", arguments: versions)
    func restore(version: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run(credential: Self.credential) { harness in
            let now = PreviewCheck.now()
            let driver = Self.driver(harness, version, now: now, nonce: "preview-restore-nonce-1")
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let request = RestoreRequest(
                pointInTime: now.addingTimeInterval(-3600), keyPatterns: ["user:*", "order:[0-9]+"],
                timeShift: now.addingTimeInterval(-600), confirmOverwrite: true
            )
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewRestore(ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startRestore(ref, request: request, operationId: operationId, context: AlibabaSimulatorHarness.context())
            let sent = try #require(await harness.requests("RestoreInstance").first)
            #expect(sent.httpStatus == 200)

            #expect(preview.action == "RestoreInstance")
            let signature = try Self.expectSameRequest(preview, sent: sent, harness: harness, version: version)
            let query = PreviewCheck.rawQuery(preview.url)
            #expect(PreviewCheck.parameter("FilterKey", in: query) == "user:*,order:[0-9]+")
            #expect(PreviewCheck.parameter("RestoreType", in: query) == "1")
            PreviewCheck.expectAbsent(
                [AlibabaFixture.secret, AlibabaFixture.accessKeyId, AlibabaFixture.securityToken, signature], in: preview
            )
        }
    }
}
