import Testing
@testable import ProviderSigning

/// Every TC3 vector of `shared/providers/tencent.md` §5 (computed by the official Python SDK).
@Suite("TC3-HMAC-SHA256")
struct TC3SignerTests {
    let credentials = SigningCredentials(
        accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        secret: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
    )

    @Test("derived keys for 2026-01-01 and 2026-01-02")
    func derivedKeys() {
        let first = TC3Signer.derivedKeys(secret: credentials.secret, date: "2026-01-01", service: "redis")
        #expect(Hex.encode(first.date) == "cddf017e185922e49e91c2293e3cec82220533139e8e0195db2ee0fccb30c7b8")
        #expect(Hex.encode(first.service) == "523415c06b1114c7f6b1032dda863e13cd0fa57175fe46d2d9d7838a64b1ace5")
        #expect(Hex.encode(first.signing) == "5c2c40b38854feba493adf55e9bcd99e18104dabd4aff96b5510b88510227d7f")
        let second = TC3Signer.derivedKeys(secret: credentials.secret, date: "2026-01-02", service: "redis")
        #expect(Hex.encode(second.date) == "6ffce05fcd155d2a4b59d9c34e7f27fdb0ec0ddf0c5d43c635eaa4fa3dbc0dd5")
        #expect(Hex.encode(second.service) == "6d8ca4833d9988745757970ecd375b01df9c02ceffd3bf96087661e7046f6d69")
        #expect(Hex.encode(second.signing) == "29989c855f2aaa4e88f46960dae87d395cef410ddd9f0c9d9f19644de47a78fa")
    }

    @Test("UTC date, never local time, at day boundaries")
    func utcDate() {
        #expect(TC3Signer.utcDate(1_767_225_600) == "2026-01-01")
        #expect(TC3Signer.utcDate(1_767_311_999) == "2026-01-01")
        #expect(TC3Signer.utcDate(1_767_312_000) == "2026-01-02")
        #expect(TC3Signer.utcDate(1_551_113_065) == "2019-02-25")
        #expect(TC3Signer.utcDate(951_782_400) == "2000-02-29")
    }

    @Test("TC3-1 ManualBackupInstance, POST JSON")
    func manualBackup() {
        let body = #"{"InstanceId": "crs-5a4py64p", "Remark": "nightly", "StorageDays": 7}"#
        let signed = TC3Signer.sign(
            .init(method: "POST", host: "redis.tencentcloudapi.com", contentType: "application/json", body: Array(body.utf8)),
            credentials: credentials, service: "redis", timestamp: 1_767_225_600
        )
        #expect(signed.hashedPayload == "0db104672d89caf77f519c092a30a23f5fcf004ad4d1437574d33cedd38e3b6c")
        #expect(signed.canonicalRequest == """
            POST
            /

            content-type:application/json
            host:redis.tencentcloudapi.com

            content-type;host
            0db104672d89caf77f519c092a30a23f5fcf004ad4d1437574d33cedd38e3b6c
            """)
        #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "9cf1eedeb22ac56d18c3df8ff33327e4d9f89e58cd1ee0dc82e799594cd0db70")
        #expect(signed.stringToSign == "TC3-HMAC-SHA256\n1767225600\n2026-01-01/redis/tc3_request\n9cf1eedeb22ac56d18c3df8ff33327e4d9f89e58cd1ee0dc82e799594cd0db70")
        #expect(signed.signature == "319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91")
        #expect(signed.authorization == "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature=319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91")
    }

    @Test("TC3-2 RestoreInstance, intl host, temporary credentials, last second of the day")
    func restore() {
        let body = #"{"InstanceId": "crs-5a4py64p", "BackupId": "678362566696298532848117", "Password": "mypassword"}"#
        var temporary = credentials
        temporary.sessionToken = "tmpToken123"
        let signed = TC3Signer.sign(
            .init(method: "POST", host: "redis.intl.tencentcloudapi.com", contentType: "application/json", body: Array(body.utf8)),
            credentials: temporary, service: "redis", timestamp: 1_767_311_999
        )
        #expect(signed.hashedPayload == "09e8ea463564af50381c9d9d09020f2fb883ea9d4a4ae2e2d65ca8999f37681b")
        #expect(signed.canonicalRequest == "POST\n/\n\ncontent-type:application/json\nhost:redis.intl.tencentcloudapi.com\n\ncontent-type;host\n09e8ea463564af50381c9d9d09020f2fb883ea9d4a4ae2e2d65ca8999f37681b")
        #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "d214c9fdcbc48d90600a2a360c97f86a6b0c4eb0724aeadb5201cb148399f897")
        #expect(signed.signature == "5d695da09db86ce2a4c923a71de5253a183755c65d026d07d440719f7cdc1775")
        #expect(signed.authorization.hasSuffix("Signature=5d695da09db86ce2a4c923a71de5253a183755c65d026d07d440719f7cdc1775"))
    }

    @Test("TC3-3 DescribeTaskInfo, GET, regional host, first second of a new UTC day")
    func describeTaskGet() {
        let signed = TC3Signer.sign(
            .init(
                method: "GET", host: "redis.ap-guangzhou.tencentcloudapi.com", query: "TaskId=6954227",
                contentType: "application/x-www-form-urlencoded", body: []
            ),
            credentials: credentials, service: "redis", timestamp: 1_767_312_000
        )
        #expect(signed.hashedPayload == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(signed.canonicalRequest == "GET\n/\nTaskId=6954227\ncontent-type:application/x-www-form-urlencoded\nhost:redis.ap-guangzhou.tencentcloudapi.com\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "83a758785d760ed0612a5c2f35874e504df832ea6bd73b554f0d98f8060bf39b")
        #expect(signed.stringToSign == "TC3-HMAC-SHA256\n1767312000\n2026-01-02/redis/tc3_request\n83a758785d760ed0612a5c2f35874e504df832ea6bd73b554f0d98f8060bf39b")
        #expect(signed.signature == "f752d1f779c7abe63cbea51f1b38c1e43ba97985687524afc28c74372cf40702")
        #expect(signed.authorization == "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-01-02/redis/tc3_request, SignedHeaders=content-type;host, Signature=f752d1f779c7abe63cbea51f1b38c1e43ba97985687524afc28c74372cf40702")
    }

    @Test("TC3-4 DescribeInstanceBackups, UNSIGNED-PAYLOAD")
    func unsignedPayload() {
        let body = #"{"Limit": 20, "Offset": 0, "InstanceId": "crs-5a4py64p", "Status": [2]}"#
        let signed = TC3Signer.sign(
            .init(method: "POST", host: "redis.tencentcloudapi.com", contentType: "application/json", body: Array(body.utf8), unsignedPayload: true),
            credentials: credentials, service: "redis", timestamp: 1_767_225_600
        )
        #expect(signed.hashedPayload == "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96")
        #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "48ebda12d72174bee3721a969f10ca9158e05ec21a7abe46069e35ec25e526f7")
        #expect(signed.signature == "861229f27a34a47c6e93dd52f5f75cd69fc90bbdaea1d7041255f2d46c8b89b7")
    }

    /// The published documentation example (cvm DescribeInstances), in its three revisions.
    @Suite("published documentation example")
    struct PublishedExample {
        static let body = #"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#
        static func request(signAction: Bool) -> TC3Signer.Request {
            .init(
                method: "POST", host: "cvm.tencentcloudapi.com", contentType: "application/json; charset=utf-8",
                body: Array(body.utf8),
                additionalSignedHeaders: signAction ? ["X-TC-Action": "DescribeInstances"] : [:]
            )
        }

        @Test("older revision, EXAMPLE key")
        func older() {
            let signed = TC3Signer.sign(
                Self.request(signAction: false),
                credentials: .init(accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secret: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
                service: "cvm", timestamp: 1_551_113_065
            )
            #expect(signed.hashedPayload == "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064")
            #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031")
            #expect(signed.signature == "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")
        }

        @Test("later revision, masked key literally")
        func later() {
            let signed = TC3Signer.sign(
                Self.request(signAction: false),
                credentials: .init(accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", secret: "Gu5t9xGARNpq86cd98joQYCN3*******"),
                service: "cvm", timestamp: 1_551_113_065
            )
            #expect(signed.signature == "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c")
        }

        @Test("current revision, also signs x-tc-action")
        func current() {
            let signed = TC3Signer.sign(
                Self.request(signAction: true),
                credentials: .init(accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", secret: "Gu5t9xGARNpq86cd98joQYCN3*******"),
                service: "cvm", timestamp: 1_551_113_065
            )
            #expect(signed.signedHeaders == "content-type;host;x-tc-action")
            #expect(Hex.sha256(Array(signed.canonicalRequest.utf8)) == "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
            #expect(signed.signature == "be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3")
        }
    }
}
