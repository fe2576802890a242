import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `TencentLegacyDriver.previewBackup/previewRestore` against what the real calls POST to a
/// `TencentLegacySimulator` (form body with SecretId, Token, Signature and the instance
/// password), with HmacSHA1 and HmacSHA256.
@Suite("Tencent legacy driver: request previews")
struct TencentLegacyRequestPreviewTests {
    static let secretId = "AKIDlegacyPreview0001"
    static let secretKey = "legacy-preview-secret-key"
    static let token = "legacy+session/token=="
    static let credentials = SigningCredentials(accessKeyId: secretId, secret: secretKey, sessionToken: token)
    static let ref = InstanceRef(instanceId: "crs-legacy01", provider: .tencentLegacy, account: "test", region: "gz")
    /// The form parameters a preview masks.
    static let masked: Set<String> = ["SecretId", "Token", "Signature"]
    static let methods: [TencentV2Signer.Method] = [.hmacSHA1, .hmacSHA256]

    struct Harness {
        let simulator: TencentLegacySimulator
        let transport: ProviderTransport

        /// A driver pinned to `now` and one nonce, so the preview and the real call sign alike.
        func driver(_ method: TencentV2Signer.Method, now: Date, nonce: Int) -> TencentLegacyDriver {
            TencentLegacyDriver(
                account: TencentLegacyAccount(
                    name: "test", region: "gz", endpoint: URL(string: simulator.endpoint)!, credentials: credentials,
                    signatureMethod: method, requestTimeout: .seconds(5)
                ),
                transport: transport, redactor: Redactor(knownSecrets: [secretKey, token]),
                userAgent: Fixture.userAgent, clock: { now }, nonce: { nonce }
            )
        }

        func requests(_ action: String) async -> [SimulatedRequestRecord] {
            await simulator.receivedRequests().filter { $0.action == action }
        }

        static func run(_ body: (Harness) async throws -> Void) async throws {
            let simulator = TencentLegacySimulator(configuration: TencentLegacySimulatorConfiguration(
                credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey, token: token)]
            ))
            for instance in TencentLegacySandboxSeed.instances() { await simulator.addInstance(instance) }
            for backup in TencentLegacySandboxSeed.backups(now: Date()) { await simulator.addBackup(backup) }
            try await simulator.start()
            let transport = ProviderTransport()
            var failure: (any Error)?
            do {
                try await body(Harness(simulator: simulator, transport: transport))
            } catch {
                failure = error
            }
            try await transport.shutdown()
            await simulator.stop()
            if let failure { throw failure }
        }
    }

    @Test("previewBackup is the ManualBackupInstance form startBackup posts, redacted, without a call", arguments: methods)
    func backup(method: TencentV2Signer.Method) async throws {
        try await Harness.run { harness in
            let driver = harness.driver(method, now: PreviewCheck.now(), nonce: 48_213)
            let request = BackupRequest(remark: "before upgrade & more")
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewBackup(Self.ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            let started = try await driver.startBackup(Self.ref, request: request, operationId: operationId, context: SimulatorHarness.context())
            #expect(started.update.providerTaskId != nil)
            let sent = try #require(await harness.requests("ManualBackupInstance").first)

            #expect(preview.action == "ManualBackupInstance")
            #expect(preview.method == sent.method)
            #expect(preview.url == harness.simulator.endpoint + sent.path)
            #expect(sent.path == "/v2/index.php")
            let body = try #require(preview.body)
            PreviewCheck.expectSameParameters(preview: body, sent: sent.bodyString, masked: Self.masked)
            #expect(PreviewCheck.parameter("SignatureMethod", in: body) == method.rawValue)
            #expect(PreviewCheck.parameter("remark", in: body) == "before upgrade & more [gw:\(operationId)]")
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent)
            let signature = try #require(PreviewCheck.parameter("Signature", in: sent.bodyString))
            PreviewCheck.expectAbsent([Self.secretKey, Self.secretId, Self.token, signature], in: preview)
        }
    }

    @Test("previewRestore masks the password in the form and is otherwise the RestoreInstance posted", arguments: methods)
    func restoreWithPassword(method: TencentV2Signer.Method) async throws {
        try await Harness.run { harness in
            let driver = harness.driver(method, now: PreviewCheck.now(), nonce: 77_001)
            let password = TencentLegacySandboxSeed.password
            let request = RestoreRequest(
                backupId: TencentLegacySandboxSeed.manualBackupId, instancePassword: Secret(password), confirmOverwrite: true
            )
            let operationId = OperationID.make()

            let before = await harness.simulator.receivedRequests().count
            let preview = try driver.previewRestore(Self.ref, request: request, operationId: operationId)
            #expect(await harness.simulator.receivedRequests().count == before)

            _ = try await driver.startRestore(Self.ref, request: request, operationId: operationId, context: SimulatorHarness.context())
            let sent = try #require(await harness.requests("RestoreInstance").first)
            #expect(sent.errorCode == nil)

            #expect(preview.action == "RestoreInstance")
            #expect(preview.method == sent.method)
            #expect(preview.url == harness.simulator.endpoint + sent.path)
            let body = try #require(preview.body)
            PreviewCheck.expectSameParameters(preview: body, sent: sent.bodyString, masked: Self.masked.union(["password"]))
            #expect(PreviewCheck.parameter("password", in: sent.bodyString) == password)
            #expect(PreviewCheck.parameter("backupId", in: body) == TencentLegacySandboxSeed.manualBackupId)
            PreviewCheck.expectSameHeaders(preview.headers, sent: sent)
            let signature = try #require(PreviewCheck.parameter("Signature", in: sent.bodyString))
            PreviewCheck.expectAbsent([Self.secretKey, Self.secretId, Self.token, signature, password], in: preview)
        }
    }

    @Test("a restore preview without the instance password is refused like the real call")
    func restoreNeedsPassword() throws {
        let driver = TencentLegacyDriver(
            account: TencentLegacyAccount(name: "test", region: "gz", credentials: Self.credentials),
            transport: Fixture.idleTransport, redactor: Redactor()
        )
        let error = #expect(throws: GatewayError.self) {
            try driver.previewRestore(
                Self.ref, request: RestoreRequest(backupId: TencentLegacySandboxSeed.manualBackupId, confirmOverwrite: true),
                operationId: Fixture.operationId
            )
        }
        #expect(error?.reason == "INSTANCE_PASSWORD_REQUIRED")
    }
}
