import Foundation
import Testing
@testable import Simulators

/// The simulator's own TC3 verifier against the SDK-produced vectors of tencent.md §5: the
/// canonical request is rebuilt from the raw request pieces, then every step is compared.
@Suite struct TC3VerifierTests {
    static let secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
    static let secretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"

    struct Vector {
        var method: String
        var host: String
        var query = ""
        var contentType: String
        var body: String
        var timestamp: Int
        var extraHeaders: [SimulatedHeader] = []
        var hashedPayload: String
        var canonicalHash: String
        var signature: String
        var signedHeaders = ["content-type", "host"]
        var service = "redis"
        var secretKey = TC3VerifierTests.secretKey

        var request: ReceivedHTTPRequest {
            ReceivedHTTPRequest(
                method: method,
                path: "/",
                query: query,
                headers: [SimulatedHeader(name: "Host", value: host), SimulatedHeader(name: "Content-Type", value: contentType)]
                    + extraHeaders,
                body: Array(body.utf8)
            )
        }

        func verifySteps() -> (canonical: String, stringToSign: String, signature: String) {
            let request = request
            let canonical = TC3Verifier.canonicalRequest(
                method: request.method,
                query: request.query,
                signedHeaders: signedHeaders,
                headerValue: { request.header($0) },
                hashedPayload: TC3Verifier.hashedPayload(
                    body: request.body,
                    unsigned: request.header("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD"
                )
            )
            let date = TencentTime.utcDate(timestamp: timestamp)
            let stringToSign = TC3Verifier.stringToSign(
                timestamp: timestamp,
                credentialScope: "\(date)/\(service)/tc3_request",
                canonicalRequest: canonical
            )
            let signature = TC3Verifier.signature(secretKey: secretKey, date: date, service: service, stringToSign: stringToSign)
            return (canonical, stringToSign, signature)
        }
    }

    static func sha256Hex(_ text: String) -> String {
        // The verifier's own hashing of a string, exposed through the payload hash helper.
        TC3Verifier.hashedPayload(body: Array(text.utf8), unsigned: false)
    }

    static let tc3_1 = Vector(
        method: "POST",
        host: "redis.tencentcloudapi.com",
        contentType: "application/json",
        body: #"{"InstanceId": "crs-5a4py64p", "Remark": "nightly", "StorageDays": 7}"#,
        timestamp: 1_767_225_600,
        extraHeaders: [
            .init(name: "X-TC-Action", value: "ManualBackupInstance"),
            .init(name: "X-TC-Version", value: "2018-04-12"),
            .init(name: "X-TC-Timestamp", value: "1767225600"),
            .init(name: "X-TC-Region", value: "ap-guangzhou"),
            .init(name: "X-TC-RequestClient", value: "SDK_PYTHON_3.1.189"),
            .init(
                name: "Authorization",
                value: "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-01/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91"
            ),
        ],
        hashedPayload: "0db104672d89caf77f519c092a30a23f5fcf004ad4d1437574d33cedd38e3b6c",
        canonicalHash: "9cf1eedeb22ac56d18c3df8ff33327e4d9f89e58cd1ee0dc82e799594cd0db70",
        signature: "319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91"
    )

    static let tc3_2 = Vector(
        method: "POST",
        host: "redis.intl.tencentcloudapi.com",
        contentType: "application/json",
        body: #"{"InstanceId": "crs-5a4py64p", "BackupId": "678362566696298532848117", "Password": "mypassword"}"#,
        timestamp: 1_767_311_999,
        extraHeaders: [
            .init(name: "X-TC-Action", value: "RestoreInstance"),
            .init(name: "X-TC-Version", value: "2018-04-12"),
            .init(name: "X-TC-Timestamp", value: "1767311999"),
            .init(name: "X-TC-Region", value: "ap-singapore"),
            .init(name: "X-TC-Token", value: "tmpToken123"),
            .init(name: "X-TC-Language", value: "en-US"),
            .init(
                name: "Authorization",
                value: "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-01/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=5d695da09db86ce2a4c923a71de5253a183755c65d026d07d440719f7cdc1775"
            ),
        ],
        hashedPayload: "09e8ea463564af50381c9d9d09020f2fb883ea9d4a4ae2e2d65ca8999f37681b",
        canonicalHash: "d214c9fdcbc48d90600a2a360c97f86a6b0c4eb0724aeadb5201cb148399f897",
        signature: "5d695da09db86ce2a4c923a71de5253a183755c65d026d07d440719f7cdc1775"
    )

    static let tc3_3 = Vector(
        method: "GET",
        host: "redis.ap-guangzhou.tencentcloudapi.com",
        query: "TaskId=6954227",
        contentType: "application/x-www-form-urlencoded",
        body: "",
        timestamp: 1_767_312_000,
        extraHeaders: [
            .init(name: "X-TC-Action", value: "DescribeTaskInfo"),
            .init(name: "X-TC-Version", value: "2018-04-12"),
            .init(name: "X-TC-Timestamp", value: "1767312000"),
            .init(name: "X-TC-Region", value: "ap-guangzhou"),
            .init(
                name: "Authorization",
                value: "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-02/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=f752d1f779c7abe63cbea51f1b38c1e43ba97985687524afc28c74372cf40702"
            ),
        ],
        hashedPayload: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        canonicalHash: "83a758785d760ed0612a5c2f35874e504df832ea6bd73b554f0d98f8060bf39b",
        signature: "f752d1f779c7abe63cbea51f1b38c1e43ba97985687524afc28c74372cf40702"
    )

    static let tc3_4 = Vector(
        method: "POST",
        host: "redis.tencentcloudapi.com",
        contentType: "application/json",
        body: #"{"Limit": 20, "Offset": 0, "InstanceId": "crs-5a4py64p", "Status": [2]}"#,
        timestamp: 1_767_225_600,
        extraHeaders: [
            .init(name: "X-TC-Content-SHA256", value: "UNSIGNED-PAYLOAD"),
            .init(name: "X-TC-Action", value: "DescribeInstanceBackups"),
            .init(name: "X-TC-Version", value: "2018-04-12"),
            .init(name: "X-TC-Timestamp", value: "1767225600"),
            .init(name: "X-TC-Region", value: "ap-guangzhou"),
            .init(
                name: "Authorization",
                value: "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-01/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=861229f27a34a47c6e93dd52f5f75cd69fc90bbdaea1d7041255f2d46c8b89b7"
            ),
        ],
        hashedPayload: "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96",
        canonicalHash: "48ebda12d72174bee3721a969f10ca9158e05ec21a7abe46069e35ec25e526f7",
        signature: "861229f27a34a47c6e93dd52f5f75cd69fc90bbdaea1d7041255f2d46c8b89b7"
    )

    static let redisVectors: [(String, Vector)] = [("TC3-1", tc3_1), ("TC3-2", tc3_2), ("TC3-3", tc3_3), ("TC3-4", tc3_4)]

    @Test("Derived key chain for 2026-01-01 and 2026-01-02")
    func derivedKeys() {
        let day1 = TC3Verifier.derivedKeys(secretKey: Self.secretKey, date: "2026-01-01", service: "redis")
        #expect(TC3Verifier.hex(day1.date) == "cddf017e185922e49e91c2293e3cec82220533139e8e0195db2ee0fccb30c7b8")
        #expect(TC3Verifier.hex(day1.service) == "523415c06b1114c7f6b1032dda863e13cd0fa57175fe46d2d9d7838a64b1ace5")
        #expect(TC3Verifier.hex(day1.signing) == "5c2c40b38854feba493adf55e9bcd99e18104dabd4aff96b5510b88510227d7f")
        let day2 = TC3Verifier.derivedKeys(secretKey: Self.secretKey, date: "2026-01-02", service: "redis")
        #expect(TC3Verifier.hex(day2.date) == "6ffce05fcd155d2a4b59d9c34e7f27fdb0ec0ddf0c5d43c635eaa4fa3dbc0dd5")
        #expect(TC3Verifier.hex(day2.service) == "6d8ca4833d9988745757970ecd375b01df9c02ceffd3bf96087661e7046f6d69")
        #expect(TC3Verifier.hex(day2.signing) == "29989c855f2aaa4e88f46960dae87d395cef410ddd9f0c9d9f19644de47a78fa")
    }

    @Test("UTC date of the timestamp, including both edges of a day")
    func utcDates() {
        #expect(TencentTime.utcDate(timestamp: 1_767_225_600) == "2026-01-01")
        #expect(TencentTime.utcDate(timestamp: 1_767_311_999) == "2026-01-01")
        #expect(TencentTime.utcDate(timestamp: 1_767_312_000) == "2026-01-02")
        #expect(TencentTime.utcDate(timestamp: 1_551_113_065) == "2019-02-25")
    }

    @Test("Each redis vector: payload hash, canonical request hash, string to sign, signature", arguments: redisVectors)
    func redisVector(name: String, vector: Vector) {
        let steps = vector.verifySteps()
        let request = vector.request
        let unsigned = request.header("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD"
        #expect(TC3Verifier.hashedPayload(body: request.body, unsigned: unsigned) == vector.hashedPayload, "\(name)")
        #expect(Self.sha256Hex(steps.canonical) == vector.canonicalHash, "\(name)")
        let date = TencentTime.utcDate(timestamp: vector.timestamp)
        #expect(steps.stringToSign == "TC3-HMAC-SHA256\n\(vector.timestamp)\n\(date)/redis/tc3_request\n\(vector.canonicalHash)", "\(name)")
        #expect(steps.signature == vector.signature, "\(name)")
    }

    @Test("TC3-1 canonical request text is exactly the documented one")
    func canonicalText() {
        let expected = "POST\n/\n\ncontent-type:application/json\nhost:redis.tencentcloudapi.com\n\ncontent-type;host\n"
            + "0db104672d89caf77f519c092a30a23f5fcf004ad4d1437574d33cedd38e3b6c"
        #expect(Self.tc3_1.verifySteps().canonical == expected)
        let get = "GET\n/\nTaskId=6954227\ncontent-type:application/x-www-form-urlencoded\n"
            + "host:redis.ap-guangzhou.tencentcloudapi.com\n\ncontent-type;host\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(Self.tc3_3.verifySteps().canonical == get)
    }

    @Test("The whole authenticator accepts each redis vector at its own time", arguments: redisVectors)
    func authenticatorAcceptsVector(name: String, vector: Vector) {
        let token: String? = name == "TC3-2" ? "tmpToken123" : nil
        let configuration = TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: Self.secretId, secretKey: Self.secretKey, token: token)],
            regions: ["ap-guangzhou", "ap-singapore"]
        )
        let result = TencentAuthenticator(configuration: configuration)
            .authenticate(vector.request, now: Date(timeIntervalSince1970: TimeInterval(vector.timestamp)))
        switch result {
        case .success(let call): #expect(call.secretId == Self.secretId, "\(name)")
        case .failure(let error): Issue.record("\(name): \(error.code) \(error.message)")
        }
    }

    @Test("The authenticator rejects a vector with one flipped body byte, and TC3-4 ignores the body")
    func tamperedBody() {
        let configuration = TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: Self.secretId, secretKey: Self.secretKey)]
        )
        let authenticator = TencentAuthenticator(configuration: configuration)
        var tampered = Self.tc3_1.request
        tampered.body[tampered.body.count - 2] = UInt8(ascii: "8")
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(throws: Never.self) { try authenticator.authenticate(Self.tc3_1.request, now: now).get() }
        if case .failure(let error) = authenticator.authenticate(tampered, now: now) {
            #expect(error.code == "AuthFailure.SignatureFailure")
            #expect(error.message == "The provided credentials could not be validated. Please check your signature is correct.")
        } else {
            Issue.record("a tampered body was accepted")
        }
        var unsignedTampered = Self.tc3_4.request
        unsignedTampered.body = Array(#"{"Limit": 100}"#.utf8)
        #expect(throws: Never.self) { try authenticator.authenticate(unsignedTampered, now: now).get() }
    }

    static let cvmBody = #"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#

    static func cvmVector(secretKey: String, signature: String, withAction: Bool) -> Vector {
        Vector(
            method: "POST",
            host: "cvm.tencentcloudapi.com",
            contentType: "application/json; charset=utf-8",
            body: cvmBody,
            timestamp: 1_551_113_065,
            extraHeaders: [.init(name: "X-TC-Action", value: "DescribeInstances")],
            hashedPayload: "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            canonicalHash: withAction
                ? "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
                : "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
            signature: signature,
            signedHeaders: withAction ? ["content-type", "host", "x-tc-action"] : ["content-type", "host"],
            service: "cvm",
            secretKey: secretKey
        )
    }

    @Test("The published cvm example, all three documentation revisions")
    func publishedCvmExample() {
        let masked = "Gu5t9xGARNpq86cd98joQYCN3*******"
        let revisions = [
            Self.cvmVector(secretKey: Self.secretKey, signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", withAction: false),
            Self.cvmVector(secretKey: masked, signature: "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c", withAction: false),
            Self.cvmVector(secretKey: masked, signature: "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3", withAction: true),
        ]
        for vector in revisions {
            #expect(TC3Verifier.hashedPayload(body: Array(Self.cvmBody.utf8), unsigned: false) == vector.hashedPayload)
            let steps = vector.verifySteps()
            #expect(Self.sha256Hex(steps.canonical) == vector.canonicalHash)
            #expect(steps.signature == vector.signature)
        }
    }

    @Test("Authorization parsing")
    func parsing() throws {
        let parsed = try #require(TC3Verifier.parseAuthorization(
            "TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature=abc"
        ))
        #expect(parsed.secretId == "AKIDx")
        #expect(parsed.date == "2026-01-01")
        #expect(parsed.signedHeaders == ["content-type", "host"])
        #expect(parsed.signature == "abc")
        #expect(TC3Verifier.parseAuthorization("TC3-HMAC-SHA256") == nil)
        #expect(TC3Verifier.parseAuthorization("TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/redis, SignedHeaders=host, Signature=a") == nil)
        #expect(TC3Verifier.parseAuthorization("TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/redis/tc3_request, Signature=a") == nil)
    }
}
