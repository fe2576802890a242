import Foundation
import Testing
@testable import ProviderSigning

/// Every ACS3-HMAC-SHA256 vector of `shared/providers/alibaba.md` §6, computed by the Tea SDK
/// (`Utils.get_authorization`), plus the published V3 documentation example.
@Suite("Alibaba ACS3-HMAC-SHA256")
struct ACS3SignerTests {
    static let host = "127.0.0.1:48080"

    @Test("A-1 CreateBackup, Tea SDK headers as captured")
    func createBackup() {
        let signed = ACS3Signer.sign(
            .init(
                method: "POST", host: Self.host,
                query: [("InstanceId", "r-bp1zxszhcgatnx7d5"), ("BackupRetentionPeriod", "7")],
                headers: [
                    "accept": "application/json",
                    "user-agent": AlibabaVectors.teaUserAgent,
                    "x-acs-credentials-provider": "static_ak",
                ],
                action: "CreateBackup", version: "2015-01-01"
            ),
            credentials: AlibabaVectors.credentials,
            date: AlibabaVectors.timestamp,
            nonce: "5d41402abc4b2a76b9719d911017c592"
        )
        #expect(signed.hashedPayload == AlibabaVectors.emptySHA256)
        #expect(signed.canonicalQuery == "BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5")
        #expect(signed.canonicalHeaders == """
            accept:application/json
            host:127.0.0.1:48080
            user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
            x-acs-action:CreateBackup
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-credentials-provider:static_ak
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:5d41402abc4b2a76b9719d911017c592
            x-acs-version:2015-01-01

            """)
        #expect(signed.signedHeaders == "accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version")
        #expect(signed.canonicalRequest == """
            POST
            /
            BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5
            accept:application/json
            host:127.0.0.1:48080
            user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
            x-acs-action:CreateBackup
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-credentials-provider:static_ak
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:5d41402abc4b2a76b9719d911017c592
            x-acs-version:2015-01-01

            accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.hashedCanonicalRequest == "52af39e45f5cde93788de34f2f8fae69ecfa271a00d98d429dda7465e6ce5a56")
        #expect(signed.stringToSign == "ACS3-HMAC-SHA256\n52af39e45f5cde93788de34f2f8fae69ecfa271a00d98d429dda7465e6ce5a56")
        #expect(signed.signature == "81da23ca35c4fafd774a3d25fec6a8fbf7a67a2cd4a3159f10ce591af4bcf220")
        #expect(signed.authorization == "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=81da23ca35c4fafd774a3d25fec6a8fbf7a67a2cd4a3159f10ce591af4bcf220")
        #expect(signed.queryString == "BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5")
        #expect(signed.headers.map { "\($0.name): \($0.value)" } == [
            "accept: application/json",
            "host: 127.0.0.1:48080",
            "user-agent: AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2",
            "x-acs-action: CreateBackup",
            "x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "x-acs-credentials-provider: static_ak",
            "x-acs-date: 2025-01-15T08:30:00Z",
            "x-acs-signature-nonce: 5d41402abc4b2a76b9719d911017c592",
            "x-acs-version: 2015-01-01",
            "Authorization: \(signed.authorization)",
        ])
    }

    @Test("A-2 RestoreInstance, STS token, x-acs-accesskey-id, FilterKey with space * ~")
    func restoreWithSTS() {
        let signed = ACS3Signer.sign(
            .init(
                method: "POST", host: Self.host,
                query: [
                    ("RestoreType", "1"),
                    ("RestoreTime", "2025-01-15T07:25:57Z"),
                    ("InstanceId", "r-bp1zxszhcgatnx7d5"),
                    ("FilterKey", "user:* ,h.*llo~"),
                ],
                headers: [
                    "accept": "application/json",
                    "user-agent": AlibabaVectors.teaUserAgent,
                    "x-acs-credentials-provider": "static_sts",
                    "x-acs-accesskey-id": "LTAI5tExampleAccessKeyId",
                ],
                action: "RestoreInstance", version: "2015-01-01"
            ),
            credentials: AlibabaVectors.stsCredentials,
            date: AlibabaVectors.timestamp,
            nonce: "7d793037a0760186574b0282f2f435e7"
        )
        #expect(signed.hashedPayload == AlibabaVectors.emptySHA256)
        #expect(signed.canonicalQuery == "FilterKey=user%3A%2A%20%2Ch.%2Allo~&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1")
        #expect(signed.signedHeaders == "accept;host;user-agent;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version")
        #expect(signed.canonicalRequest == """
            POST
            /
            FilterKey=user%3A%2A%20%2Ch.%2Allo~&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1
            accept:application/json
            host:127.0.0.1:48080
            user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
            x-acs-accesskey-id:LTAI5tExampleAccessKeyId
            x-acs-action:RestoreInstance
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-credentials-provider:static_sts
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-security-token:CAIS.example+sts/token==
            x-acs-signature-nonce:7d793037a0760186574b0282f2f435e7
            x-acs-version:2015-01-01

            accept;host;user-agent;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == "ACS3-HMAC-SHA256\nb0b6a313b979b48076776ac9b0a8b1c33c3a0a572af3e5463c30036d5ad858a0")
        #expect(signed.signature == "56de63d47cf1235730361f39f68c9b12d0a11e2dd583c7bc3656b2d8f37b5cba")
        #expect(signed.authorization == "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=56de63d47cf1235730361f39f68c9b12d0a11e2dd583c7bc3656b2d8f37b5cba")
        #expect(signed.headers.contains { $0.name == "x-acs-security-token" && $0.value == "CAIS.example+sts/token==" })
        // The SDK sent the space as `+`; ours as `%20`. Both decode to the signed values.
        let sdkWire = "FilterKey=user%3A%2A+%2Ch.%2Allo~&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1"
        #expect(AlibabaVectors.formDecode(signed.queryString) == AlibabaVectors.formDecode(sdkWire))
        #expect(AlibabaVectors.formDecode(signed.queryString).first == "FilterKey=user:* ,h.*llo~")
    }

    @Test("A-3 DescribeBackups, form body, content-type signed")
    func describeBackupsFormBody() {
        let body = "EndTime=2025-01-15T23%3A59Z&PageSize=30&StartTime=2025-01-14T00%3A00Z"
        let signed = ACS3Signer.sign(
            .init(
                method: "POST", host: Self.host,
                query: [("InstanceId", "r-bp1zxszhcgatnx7d5")],
                headers: [
                    "accept": "application/json",
                    "content-type": "application/x-www-form-urlencoded",
                    "user-agent": AlibabaVectors.teaUserAgent,
                    "x-acs-credentials-provider": "static_ak",
                ],
                body: Array(body.utf8),
                action: "DescribeBackups", version: "2015-01-01"
            ),
            credentials: AlibabaVectors.credentials,
            date: AlibabaVectors.timestamp,
            nonce: "e4da3b7fbbce2345d7772b0674a318d5"
        )
        #expect(body.utf8.count == 69)
        #expect(signed.hashedPayload == "f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967")
        #expect(signed.canonicalQuery == "InstanceId=r-bp1zxszhcgatnx7d5")
        #expect(signed.signedHeaders == "accept;content-type;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version")
        #expect(signed.canonicalRequest == """
            POST
            /
            InstanceId=r-bp1zxszhcgatnx7d5
            accept:application/json
            content-type:application/x-www-form-urlencoded
            host:127.0.0.1:48080
            user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
            x-acs-action:DescribeBackups
            x-acs-content-sha256:f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967
            x-acs-credentials-provider:static_ak
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:e4da3b7fbbce2345d7772b0674a318d5
            x-acs-version:2015-01-01

            accept;content-type;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version
            f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967
            """)
        #expect(signed.stringToSign == "ACS3-HMAC-SHA256\n5bd3ed29df15883ac2addd6a9cf5a44ee7f15e710853bcda73439622fcdbbe5c")
        #expect(signed.signature == "4c1fd0a029042952df74fbd03775b05095322f8dbc41e285c9701fcb35116858")
        #expect(signed.authorization == "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;content-type;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4c1fd0a029042952df74fbd03775b05095322f8dbc41e285c9701fcb35116858")
        // The form body can be built with the same encoder.
        #expect(AlibabaPercentEncoding.canonicalQuery([
            ("StartTime", "2025-01-14T00:00Z"), ("PageSize", "30"), ("EndTime", "2025-01-15T23:59Z"),
        ]) == body)
    }

    @Test("A-4 RestoreInstance, only host + x-acs-* signed, special characters")
    func restoreMinimalHeaders() {
        let signed = ACS3Signer.sign(
            .init(
                method: "POST", host: "r-kvstore.aliyuncs.com",
                query: [
                    ("InstanceId", "r-bp1zxszhcgatnx7d5"),
                    ("RestoreType", "1"),
                    ("RestoreTime", "2025-01-15T07:25:57Z"),
                    ("FilterKey", "a b+c~ü*,/x"),
                ],
                action: "RestoreInstance", version: "2015-01-01"
            ),
            credentials: AlibabaVectors.credentials,
            date: AlibabaVectors.timestamp,
            nonce: "c4ca4238a0b923820dcc509a6f75849b"
        )
        #expect(signed.hashedPayload == AlibabaVectors.emptySHA256)
        #expect(signed.canonicalQuery == "FilterKey=a%20b%2Bc~%C3%BC%2A%2C%2Fx&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1")
        #expect(signed.canonicalHeaders == """
            host:r-kvstore.aliyuncs.com
            x-acs-action:RestoreInstance
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:c4ca4238a0b923820dcc509a6f75849b
            x-acs-version:2015-01-01

            """)
        #expect(signed.signedHeaders == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
        #expect(signed.canonicalRequest == """
            POST
            /
            FilterKey=a%20b%2Bc~%C3%BC%2A%2C%2Fx&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1
            host:r-kvstore.aliyuncs.com
            x-acs-action:RestoreInstance
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:c4ca4238a0b923820dcc509a6f75849b
            x-acs-version:2015-01-01

            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == "ACS3-HMAC-SHA256\n05d17edc1842810568e7e98af80abb38d04cc10d961a0546bcc4b3b5c0f214eb")
        #expect(signed.signature == "ef59de4de268a67ca52bb27a1e7d0b55bafccec92439e2c86cdd54a2e21a4532")
        #expect(signed.authorization == "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=ef59de4de268a67ca52bb27a1e7d0b55bafccec92439e2c86cdd54a2e21a4532")
        #expect(AlibabaVectors.formDecode(signed.queryString) == [
            "FilterKey=a b+c~ü*,/x",
            "InstanceId=r-bp1zxszhcgatnx7d5",
            "RestoreTime=2025-01-15T07:25:57Z",
            "RestoreType=1",
        ])
    }

    @Test("DOC-V3 published example, ECS RunInstances")
    func publishedV3() {
        let signed = ACS3Signer.sign(
            .init(
                method: "POST", host: "ecs.cn-shanghai.aliyuncs.com",
                query: [("RegionId", "cn-shanghai"), ("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")],
                action: "RunInstances", version: "2014-05-26"
            ),
            credentials: .init(accessKeyId: "YourAccessKeyId", secret: "YourAccessKeySecret"),
            date: AlibabaVectors.utc(2023, 10, 26, 10, 22, 32),
            nonce: "3156853299f313e23d1673dc12e1703d"
        )
        #expect(signed.canonicalRequest == """
            POST
            /
            ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
            host:ecs.cn-shanghai.aliyuncs.com
            x-acs-action:RunInstances
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2023-10-26T10:22:32Z
            x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
            x-acs-version:2014-05-26

            host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.hashedCanonicalRequest == "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        #expect(signed.stringToSign == "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        #expect(signed.signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(ACS3Signer.sign(stringToSign: signed.stringToSign, secret: "YourAccessKeySecret") == signed.signature)
    }

    @Test("header names lower-cased, values trimmed, generated headers win, empty query")
    func headerNormalisation() {
        let signed = ACS3Signer.sign(
            .init(
                method: "get", host: "r-kvstore.aliyuncs.com",
                headers: [
                    "Accept": "  application/json \t",
                    "Host": "evil.example",
                    "X-Acs-Date": "1999-01-01T00:00:00Z",
                ],
                action: "DescribeClusterBackupList", version: "2015-01-01"
            ),
            credentials: AlibabaVectors.credentials,
            date: AlibabaVectors.timestamp,
            nonce: "n"
        )
        #expect(signed.canonicalQuery == "")
        #expect(signed.queryString == "")
        #expect(signed.canonicalRequest.hasPrefix("GET\n/\n\naccept:application/json\nhost:r-kvstore.aliyuncs.com\n"))
        #expect(signed.canonicalHeaders.contains("x-acs-date:2025-01-15T08:30:00Z\n"))
        #expect(!signed.canonicalHeaders.contains("evil"))
        #expect(signed.signedHeaders == "accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
        #expect(signed.headers.last?.name == "Authorization")
        #expect(signed.headers.dropLast().map(\.name) == signed.signedHeaders.split(separator: ";").map(String.init))
    }
}
