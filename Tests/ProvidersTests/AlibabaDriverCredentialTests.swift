import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver` against a real `AlibabaSimulator` on loopback: keys, signatures, clock, STS.
@Suite("Alibaba driver: credentials and clock")
struct AlibabaDriverCredentialTests {
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    /// The string to sign the simulator computed for `record` (it echoes it in SignatureDoesNotMatch).
    static func serverStringToSign(_ record: SimulatedRequestRecord, scheme: AlibabaAccount.SignatureVersion) throws -> String {
        let query = AlibabaFixture.decodeQuery(record.query)
        switch scheme {
        case .v1:
            return AlibabaRPCSigner.stringToSign(
                method: record.method, parameters: query.filter { $0.name != "Signature" }.map { ($0.name, $0.value) }
            )
        case .acs3:
            let date = try #require(record.header("x-acs-date").flatMap(AlibabaTime.parse))
            let nonce = try #require(record.header("x-acs-signature-nonce"))
            let host = try #require(record.header("host"))
            let action = try #require(record.header("x-acs-action"))
            let signature = ACS3Signer.sign(
                .init(
                    method: record.method, host: host, query: query.map { ($0.name, $0.value) },
                    headers: ["accept": "application/json"], action: action, version: "2015-01-01"
                ),
                credentials: SigningCredentials(accessKeyId: AlibabaFixture.accessKeyId, secret: "irrelevant"), date: date, nonce: nonce
            )
            return signature.stringToSign
        }
    }

    @Test("a wrong secret is provider_auth_failed PROVIDER_SIGNATURE_REJECTED, nothing of the string to sign echoed", arguments: schemes)
    func wrongSecret(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme, credentials: SigningCredentials(accessKeyId: AlibabaFixture.accessKeyId, secret: "not-the-secret-0000"))
            let error = try #require(await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(
                    AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair), context: AlibabaSimulatorHarness.context()
                )
            })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_SIGNATURE_REJECTED")
            #expect(error.provider?.code == "SignatureDoesNotMatch")
            #expect(error.provider?.httpStatus == 400)
            #expect(error.provider?.requestId?.isEmpty == false)
            #expect(!error.retryable)

            // The simulator echoed its string to sign; none of it (nor the key id) reaches the caller.
            let call = try #require(await harness.requests("DescribeInstanceAttribute").first)
            #expect(call.errorCode == "SignatureDoesNotMatch")
            let stringToSign = try Self.serverStringToSign(call, scheme: scheme)
            let message = try #require(error.provider?.message)
            #expect(message.contains("string to sign is:\(Redactor.mask)"), "\(message)")
            let shown = [message, error.detail, String(describing: error)]
            var fragments = stringToSign.split(separator: "\n").map(String.init)
            fragments += ["AccessKeyId%3D", "SignatureNonce%3D", AlibabaFixture.accessKeyId, "not-the-secret-0000"]
            if let nonce = call.header("x-acs-signature-nonce") ?? AlibabaFixture.decodeQuery(call.query).first(where: { $0.name == "SignatureNonce" })?.value {
                fragments.append(nonce)
            }
            for text in shown {
                for fragment in fragments where fragment != "ACS3-HMAC-SHA256" {
                    #expect(!text.contains(fragment), "\(fragment) leaked in \(text)")
                }
            }
        }
    }

    @Test("an unknown AccessKeyId is provider_auth_failed PROVIDER_CREDENTIALS_INVALID", arguments: schemes)
    func unknownKey(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme, credentials: SigningCredentials(accessKeyId: "LTAI5tSomeoneElse00000", secret: AlibabaFixture.secret))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair), context: AlibabaSimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "PROVIDER_CREDENTIALS_INVALID")
            #expect(error?.provider?.httpStatus == 404)
        }
    }

    @Test("the gateway's clock 20 minutes off is SIGNATURE_EXPIRED", arguments: [
        (AlibabaAccount.SignatureVersion.acs3, 1200.0), (.v1, 1200.0), (.acs3, -1200.0), (.v1, -1200.0),
    ])
    func clockSkew(scheme: AlibabaAccount.SignatureVersion, offset: Double) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme, clock: { Date().addingTimeInterval(offset) })
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair), context: AlibabaSimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "SIGNATURE_EXPIRED")
            #expect(error?.provider?.code == "InvalidTimeStamp.Expired")
        }
    }

    @Test("STS credentials work; a wrong or missing token is PROVIDER_TOKEN_INVALID", arguments: schemes)
    func securityToken(scheme: AlibabaAccount.SignatureVersion) async throws {
        let credential = AlibabaSimulatorCredential(
            accessKeyId: AlibabaFixture.accessKeyId, secret: AlibabaFixture.secret, securityToken: AlibabaFixture.securityToken
        )
        try await AlibabaSimulatorHarness.run(credential: credential) { harness in
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let info = try await harness.driver(scheme, credentials: AlibabaFixture.stsCredentials)
                .describeInstance(ref, context: AlibabaSimulatorHarness.context())
            #expect(info.status == .running)
            let call = try #require(await harness.requests("DescribeInstanceAttribute").first)
            switch scheme {
            case .acs3:
                #expect(call.header("x-acs-security-token") == AlibabaFixture.securityToken)
                #expect(call.header("Authorization")?.contains("x-acs-security-token") == true)
            case .v1:
                #expect(AlibabaSimulatorHarness.parameters(call)["SecurityToken"] == AlibabaFixture.securityToken)
                #expect(call.query.contains("SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D"))
            }

            for token in ["CAIS.wrong+token", nil] as [String?] {
                let bad = harness.driver(
                    scheme, credentials: SigningCredentials(accessKeyId: AlibabaFixture.accessKeyId, secret: AlibabaFixture.secret, sessionToken: token)
                )
                let error = await #expect(throws: GatewayError.self) {
                    try await bad.describeInstance(ref, context: AlibabaSimulatorHarness.context())
                }
                #expect(error?.code == .providerAuthFailed)
                #expect(error?.reason == "PROVIDER_TOKEN_INVALID")
                #expect(error?.provider?.code == "InvalidSecurityToken.MismatchWithAccessKey")
                #expect(error.map { String(describing: $0).contains("CAIS.") } == false)
            }
        }
    }
}
