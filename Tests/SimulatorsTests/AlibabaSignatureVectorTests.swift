import Foundation
import Testing
@testable import Simulators

/// The simulator's own percent-encoding, v1 and ACS3 math against every vector of
/// alibaba.md §6 (produced by Alibaba's official SDKs and the published doc examples).
@Suite struct AlibabaSignatureVectorTests {
    static let accessKeyId = "LTAI5tExampleAccessKeyId"
    static let secret = "ExampleAccessKeySecret0123456789"

    @Test("pct(): unreserved kept, everything else %XX upper-case")
    func percentEncoding() {
        let cases: [(String, String)] = [
            (" ", "%20"), ("*", "%2A"), ("~", "~"), ("+", "%2B"), ("/", "%2F"), (":", "%3A"), (",", "%2C"),
            ("=", "%3D"), ("ü", "%C3%BC"), ("aZ09-_.", "aZ09-_."),
        ]
        for (input, expected) in cases {
            #expect(AlibabaPercentEncoding.encode(input) == expected, "\(input)")
        }
        #expect(AlibabaPercentEncoding.formDecode("user%3A%2A+%2Ch.%2Allo~") == "user:* ,h.*llo~")
        #expect(AlibabaPercentEncoding.formDecode("a%2Bb+c%") == "a+b c%")
    }

    // MARK: v1

    static let v1Vectors: [(name: String, method: String, parameters: [String: String], canonical: String, stringToSign: String, signature: String)] = [
        (
            "V1-1", "POST",
            [
                "AccessKeyId": accessKeyId, "Action": "CreateBackup", "BackupRetentionPeriod": "7", "Format": "json",
                "InstanceId": "r-bp1zxszhcgatnx7d5", "SignatureMethod": "HMAC-SHA1",
                "SignatureNonce": "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f", "SignatureVersion": "1.0",
                "Timestamp": "2025-01-15T08:30:00Z", "Version": "2015-01-01",
            ],
            "AccessKeyId=LTAI5tExampleAccessKeyId&Action=CreateBackup&BackupRetentionPeriod=7&Format=json&InstanceId=r-bp1zxszhcgatnx7d5&SignatureMethod=HMAC-SHA1&SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01",
            "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DCreateBackup%26BackupRetentionPeriod%3D7%26Format%3Djson%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f%26SignatureVersion%3D1.0%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01",
            "amkSElaZ6fm65wEMfmI+/R7y6i0="
        ),
        (
            "V1-2", "POST",
            [
                "AccessKeyId": accessKeyId, "Action": "RestoreInstance", "FilterKey": "key:00000007198*,h.*llo",
                "Format": "json", "InstanceId": "r-bp1zxszhcgatnx7d5", "RestoreTime": "2025-01-15T07:25:57Z",
                "RestoreType": "1", "SecurityToken": "CAIS.example+sts/token==", "SignatureMethod": "HMAC-SHA1",
                "SignatureNonce": "9a8b7c6d5e4f30211203f4e5d6c7b8a9", "SignatureVersion": "1.0",
                "TimeShift": "2025-01-15T08:25:57Z", "Timestamp": "2025-01-15T08:30:00Z", "Version": "2015-01-01",
            ],
            "AccessKeyId=LTAI5tExampleAccessKeyId&Action=RestoreInstance&FilterKey=key%3A00000007198%2A%2Ch.%2Allo&Format=json&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=9a8b7c6d5e4f30211203f4e5d6c7b8a9&SignatureVersion=1.0&TimeShift=2025-01-15T08%3A25%3A57Z&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01",
            "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DRestoreInstance%26FilterKey%3Dkey%253A00000007198%252A%252Ch.%252Allo%26Format%3Djson%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26RestoreTime%3D2025-01-15T07%253A25%253A57Z%26RestoreType%3D1%26SecurityToken%3DCAIS.example%252Bsts%252Ftoken%253D%253D%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D9a8b7c6d5e4f30211203f4e5d6c7b8a9%26SignatureVersion%3D1.0%26TimeShift%3D2025-01-15T08%253A25%253A57Z%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01",
            "U0Ju6egoYBuarTYHlEV4WfWMtM8="
        ),
        (
            "V1-3", "POST",
            [
                "AccessKeyId": accessKeyId, "Action": "DescribeBackups", "EndTime": "2025-01-15T23:59Z", "Format": "JSON",
                "InstanceId": "r-bp1zxszhcgatnx7d5", "PageNumber": "1", "PageSize": "30", "RegionId": "cn-hangzhou",
                "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "SignatureType": "",
                "SignatureVersion": "1.0", "StartTime": "2025-01-14T00:00Z", "Timestamp": "2025-01-15T08:30:00Z",
                "Version": "2015-01-01",
            ],
            "AccessKeyId=LTAI5tExampleAccessKeyId&Action=DescribeBackups&EndTime=2025-01-15T23%3A59Z&Format=JSON&InstanceId=r-bp1zxszhcgatnx7d5&PageNumber=1&PageSize=30&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0&SignatureType=&SignatureVersion=1.0&StartTime=2025-01-14T00%3A00Z&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01",
            "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DDescribeBackups%26EndTime%3D2025-01-15T23%253A59Z%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26PageNumber%3D1%26PageSize%3D30%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0f1e2d3c4b5a69788796a5b4c3d2e1f0%26SignatureType%3D%26SignatureVersion%3D1.0%26StartTime%3D2025-01-14T00%253A00Z%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01",
            "HLOfEPZO04imYVEpBwNa17vxRlI="
        ),
        (
            "V1-4", "GET",
            [
                "AccessKeyId": accessKeyId, "Action": "RestoreInstance", "FilterKey": "a b+c~ü*,/x", "Format": "JSON",
                "InstanceId": "r-bp1zxszhcgatnx7d5", "RestoreTime": "2025-01-15T07:25:57Z", "RestoreType": "1",
                "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "c4ca4238a0b923820dcc509a6f75849b",
                "SignatureVersion": "1.0", "Timestamp": "2025-01-15T08:30:00Z", "Version": "2015-01-01",
            ],
            "AccessKeyId=LTAI5tExampleAccessKeyId&Action=RestoreInstance&FilterKey=a%20b%2Bc~%C3%BC%2A%2C%2Fx&Format=JSON&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&SignatureMethod=HMAC-SHA1&SignatureNonce=c4ca4238a0b923820dcc509a6f75849b&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01",
            "GET&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DRestoreInstance%26FilterKey%3Da%2520b%252Bc~%25C3%25BC%252A%252C%252Fx%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26RestoreTime%3D2025-01-15T07%253A25%253A57Z%26RestoreType%3D1%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dc4ca4238a0b923820dcc509a6f75849b%26SignatureVersion%3D1.0%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01",
            "7l9cVDyAUVc4hNf8hQfLNXDZ5bs="
        ),
    ]

    @Test("V1-1…V1-4: canonicalized query string, string to sign, signature", arguments: 0..<4)
    func v1Vector(index: Int) {
        let vector = Self.v1Vectors[index]
        #expect(AlibabaRPCSignature.canonicalizedQueryString(vector.parameters) == vector.canonical, "\(vector.name)")
        let stringToSign = AlibabaRPCSignature.stringToSign(method: vector.method, parameters: vector.parameters)
        #expect(stringToSign == vector.stringToSign, "\(vector.name)")
        #expect(AlibabaRPCSignature.signature(stringToSign: stringToSign, secret: Self.secret) == vector.signature, "\(vector.name)")
        // `Signature` itself never takes part.
        var withSignature = vector.parameters
        withSignature["Signature"] = vector.signature
        #expect(AlibabaRPCSignature.stringToSign(method: vector.method, parameters: withSignature) == vector.stringToSign)
    }

    @Test("DOC-V2 and DOC-V1-legacy: the published ECS examples")
    func docV1Examples() {
        let v2: [String: String] = [
            "AccessKeyId": "testid", "Action": "DescribeDedicatedHosts", "Format": "JSON", "RegionId": "cn-beijing",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "edb2b34af0af9a6d14deaf7c1a5315eb",
            "SignatureVersion": "1.0", "Timestamp": "2023-03-13T08:34:30Z", "Version": "2014-05-26",
        ]
        let v2String = AlibabaRPCSignature.stringToSign(method: "GET", parameters: v2)
        #expect(v2String == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26")
        #expect(AlibabaRPCSignature.signature(stringToSign: v2String, secret: "testsecret") == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=")

        let legacy: [String: String] = [
            "AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0",
            "TimeStamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26",
        ]
        let legacyString = AlibabaRPCSignature.stringToSign(method: "GET", parameters: legacy)
        #expect(legacyString == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
        #expect(AlibabaRPCSignature.signature(stringToSign: legacyString, secret: "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    }

    @Test("Sorting is plain byte order: Key.10 before Key.2, upper case first")
    func byteOrder() {
        let canonical = AlibabaRPCSignature.canonicalizedQueryString(["Key.2": "b", "Key.10": "a", "a": "x", "B": "y"])
        #expect(canonical == "B=y&Key.10=a&Key.2=b&a=x")
    }

    // MARK: ACS3

    static let userAgent = "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"

    struct ACS3Vector {
        var name: String
        var secret = AlibabaSignatureVectorTests.secret
        var query: [String: String]
        var headers: [String: String]
        var body: [UInt8] = []
        var canonical: String
        var stringToSign: String
        var signature: String
    }

    static let acs3Vectors: [ACS3Vector] = [
        ACS3Vector(
            name: "A-1",
            query: ["BackupRetentionPeriod": "7", "InstanceId": "r-bp1zxszhcgatnx7d5"],
            headers: [
                "accept": "application/json", "host": "127.0.0.1:48080", "user-agent": userAgent,
                "x-acs-action": "CreateBackup", "x-acs-content-sha256": AlibabaACS3Signature.emptyPayloadHash,
                "x-acs-credentials-provider": "static_ak", "x-acs-date": "2025-01-15T08:30:00Z",
                "x-acs-signature-nonce": "5d41402abc4b2a76b9719d911017c592", "x-acs-version": "2015-01-01",
            ],
            canonical: """
            POST
            /
            BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5
            accept:application/json
            host:127.0.0.1:48080
            user-agent:\(userAgent)
            x-acs-action:CreateBackup
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-credentials-provider:static_ak
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:5d41402abc4b2a76b9719d911017c592
            x-acs-version:2015-01-01

            accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """,
            stringToSign: "ACS3-HMAC-SHA256\n52af39e45f5cde93788de34f2f8fae69ecfa271a00d98d429dda7465e6ce5a56",
            signature: "81da23ca35c4fafd774a3d25fec6a8fbf7a67a2cd4a3159f10ce591af4bcf220"
        ),
        ACS3Vector(
            name: "A-2",
            query: [
                "FilterKey": "user:* ,h.*llo~", "InstanceId": "r-bp1zxszhcgatnx7d5",
                "RestoreTime": "2025-01-15T07:25:57Z", "RestoreType": "1",
            ],
            headers: [
                "accept": "application/json", "host": "127.0.0.1:48080", "user-agent": userAgent,
                "x-acs-accesskey-id": accessKeyId, "x-acs-action": "RestoreInstance",
                "x-acs-content-sha256": AlibabaACS3Signature.emptyPayloadHash,
                "x-acs-credentials-provider": "static_sts", "x-acs-date": "2025-01-15T08:30:00Z",
                "x-acs-security-token": "CAIS.example+sts/token==",
                "x-acs-signature-nonce": "7d793037a0760186574b0282f2f435e7", "x-acs-version": "2015-01-01",
            ],
            canonical: """
            POST
            /
            FilterKey=user%3A%2A%20%2Ch.%2Allo~&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1
            accept:application/json
            host:127.0.0.1:48080
            user-agent:\(userAgent)
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
            """,
            stringToSign: "ACS3-HMAC-SHA256\nb0b6a313b979b48076776ac9b0a8b1c33c3a0a572af3e5463c30036d5ad858a0",
            signature: "56de63d47cf1235730361f39f68c9b12d0a11e2dd583c7bc3656b2d8f37b5cba"
        ),
        ACS3Vector(
            name: "A-3",
            query: ["InstanceId": "r-bp1zxszhcgatnx7d5"],
            headers: [
                "accept": "application/json", "content-type": "application/x-www-form-urlencoded",
                "host": "127.0.0.1:48080", "user-agent": userAgent, "x-acs-action": "DescribeBackups",
                "x-acs-content-sha256": "f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967",
                "x-acs-credentials-provider": "static_ak", "x-acs-date": "2025-01-15T08:30:00Z",
                "x-acs-signature-nonce": "e4da3b7fbbce2345d7772b0674a318d5", "x-acs-version": "2015-01-01",
            ],
            body: Array("EndTime=2025-01-15T23%3A59Z&PageSize=30&StartTime=2025-01-14T00%3A00Z".utf8),
            canonical: """
            POST
            /
            InstanceId=r-bp1zxszhcgatnx7d5
            accept:application/json
            content-type:application/x-www-form-urlencoded
            host:127.0.0.1:48080
            user-agent:\(userAgent)
            x-acs-action:DescribeBackups
            x-acs-content-sha256:f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967
            x-acs-credentials-provider:static_ak
            x-acs-date:2025-01-15T08:30:00Z
            x-acs-signature-nonce:e4da3b7fbbce2345d7772b0674a318d5
            x-acs-version:2015-01-01

            accept;content-type;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version
            f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967
            """,
            stringToSign: "ACS3-HMAC-SHA256\n5bd3ed29df15883ac2addd6a9cf5a44ee7f15e710853bcda73439622fcdbbe5c",
            signature: "4c1fd0a029042952df74fbd03775b05095322f8dbc41e285c9701fcb35116858"
        ),
        ACS3Vector(
            name: "A-4",
            query: [
                "InstanceId": "r-bp1zxszhcgatnx7d5", "RestoreType": "1", "RestoreTime": "2025-01-15T07:25:57Z",
                "FilterKey": "a b+c~ü*,/x",
            ],
            headers: [
                "host": "r-kvstore.aliyuncs.com", "x-acs-action": "RestoreInstance",
                "x-acs-content-sha256": AlibabaACS3Signature.emptyPayloadHash, "x-acs-date": "2025-01-15T08:30:00Z",
                "x-acs-signature-nonce": "c4ca4238a0b923820dcc509a6f75849b", "x-acs-version": "2015-01-01",
            ],
            canonical: """
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
            """,
            stringToSign: "ACS3-HMAC-SHA256\n05d17edc1842810568e7e98af80abb38d04cc10d961a0546bcc4b3b5c0f214eb",
            signature: "ef59de4de268a67ca52bb27a1e7d0b55bafccec92439e2c86cdd54a2e21a4532"
        ),
        ACS3Vector(
            name: "DOC-V3",
            secret: "YourAccessKeySecret",
            query: ["ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"],
            headers: [
                "host": "ecs.cn-shanghai.aliyuncs.com", "x-acs-action": "RunInstances",
                "x-acs-content-sha256": AlibabaACS3Signature.emptyPayloadHash, "x-acs-date": "2023-10-26T10:22:32Z",
                "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d", "x-acs-version": "2014-05-26",
            ],
            canonical: """
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
            """,
            stringToSign: "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
            signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        ),
    ]

    @Test("A-1…A-4 and DOC-V3: payload hash, canonical request, string to sign, signature", arguments: 0..<5)
    func acs3Vector(index: Int) {
        let vector = Self.acs3Vectors[index]
        #expect(AlibabaACS3Signature.hashedPayload(vector.body) == vector.headers["x-acs-content-sha256"], "\(vector.name)")
        let canonical = AlibabaACS3Signature.canonicalRequest(
            method: "POST",
            query: vector.query,
            // Unsorted, as a client might list them: the server sorts.
            signedHeaders: vector.headers.keys.sorted().reversed(),
            headerValue: { vector.headers[$0] },
            hashedPayload: AlibabaACS3Signature.hashedPayload(vector.body)
        )
        #expect(canonical == vector.canonical, "\(vector.name)")
        let stringToSign = AlibabaACS3Signature.stringToSign(canonicalRequest: canonical)
        #expect(stringToSign == vector.stringToSign, "\(vector.name)")
        #expect(AlibabaACS3Signature.signature(stringToSign: stringToSign, secret: vector.secret) == vector.signature, "\(vector.name)")
    }

    @Test("Authorization parsing: the A-1 value; malformed values")
    func authorizationParsing() throws {
        let value = "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;x-acs-date,Signature=81da23"
        let parsed = try #require(AlibabaACS3Signature.parseAuthorization(value))
        #expect(parsed.algorithm == "ACS3-HMAC-SHA256")
        #expect(parsed.accessKeyId == Self.accessKeyId)
        #expect(parsed.signedHeaders == ["accept", "host", "x-acs-date"])
        #expect(parsed.signature == "81da23")
        #expect(AlibabaACS3Signature.parseAuthorization("Bearer abc") == nil)
        #expect(AlibabaACS3Signature.parseAuthorization("ACS3-HMAC-SHA256 Credential=x,Signature=y") == nil)
    }

    @Test("Time formats: seconds and minutes, exact shapes only")
    func timeFormats() throws {
        let date = try #require(AlibabaTime.parseSeconds("2025-01-15T08:30:00Z"))
        #expect(date.timeIntervalSince1970 == 1_736_929_800)
        #expect(AlibabaTime.seconds(date) == "2025-01-15T08:30:00Z")
        #expect(AlibabaTime.minutes(date) == "2025-01-15T08:30Z")
        #expect(AlibabaTime.parseMinutes("2025-01-15T08:30Z") == date)
        #expect(AlibabaTime.parseSeconds("2025-01-15T08:30Z") == nil)
        #expect(AlibabaTime.parseMinutes("2025-01-15T08:30:00Z") == nil)
        #expect(AlibabaTime.parseSeconds("2025-01-15 08:30:00") == nil)
        #expect(AlibabaTime.parseSeconds("2025-02-30T08:30:00Z") == nil)
        #expect(AlibabaTime.parseSecondsOrMinutes("2025-01-15T08:30Z") == date)
    }
}
