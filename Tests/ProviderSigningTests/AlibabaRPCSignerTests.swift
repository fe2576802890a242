import Foundation
import Testing
@testable import ProviderSigning

/// Every signature v1 (HMAC-SHA1) vector of `shared/providers/alibaba.md` §6, computed by the
/// Tea SDK and cross-checked with aliyunsdkcore.
@Suite("Alibaba RPC signature v1 (HMAC-SHA1)")
struct AlibabaRPCSignerTests {
    @Test("V1-1 CreateBackup, Tea SDK, Format=json")
    func createBackup() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "CreateBackup", version: "2015-01-01",
                parameters: [("InstanceId", "r-bp1zxszhcgatnx7d5"), ("BackupRetentionPeriod", "7")],
                format: "json"
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f"
        )
        #expect(signed.parameterLines == [
            "AccessKeyId=LTAI5tExampleAccessKeyId",
            "Action=CreateBackup",
            "BackupRetentionPeriod=7",
            "Format=json",
            "InstanceId=r-bp1zxszhcgatnx7d5",
            "SignatureMethod=HMAC-SHA1",
            "SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f",
            "SignatureVersion=1.0",
            "Timestamp=2025-01-15T08:30:00Z",
            "Version=2015-01-01",
        ])
        #expect(signed.canonicalizedQuery == "AccessKeyId=LTAI5tExampleAccessKeyId&Action=CreateBackup&BackupRetentionPeriod=7&Format=json&InstanceId=r-bp1zxszhcgatnx7d5&SignatureMethod=HMAC-SHA1&SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01")
        #expect(signed.stringToSign == "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DCreateBackup%26BackupRetentionPeriod%3D7%26Format%3Djson%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f%26SignatureVersion%3D1.0%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01")
        #expect(signed.signature == "amkSElaZ6fm65wEMfmI+/R7y6i0=")
        #expect(signed.queryString == "AccessKeyId=LTAI5tExampleAccessKeyId&Action=CreateBackup&BackupRetentionPeriod=7&Format=json&InstanceId=r-bp1zxszhcgatnx7d5&SignatureMethod=HMAC-SHA1&SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01&Signature=amkSElaZ6fm65wEMfmI%2B%2FR7y6i0%3D")
    }

    @Test("V1-1 wire query decodes back to the signed parameters, like the SDK's capture")
    func createBackupWireQuery() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "CreateBackup", version: "2015-01-01",
                parameters: [("BackupRetentionPeriod", "7"), ("InstanceId", "r-bp1zxszhcgatnx7d5")],
                format: "json"
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f"
        )
        let decoded = AlibabaVectors.formDecode(signed.queryString)
        #expect(decoded == signed.parameterLines + ["Signature=amkSElaZ6fm65wEMfmI+/R7y6i0="])
        let captured = "Action=CreateBackup&Format=json&Version=2015-01-01&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f&BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=amkSElaZ6fm65wEMfmI%2B%2FR7y6i0%3D"
        #expect(decoded.sorted() == AlibabaVectors.formDecode(captured).sorted())
    }

    @Test("V1-2 RestoreInstance, STS SecurityToken")
    func restoreWithSTS() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "RestoreInstance", version: "2015-01-01",
                parameters: [
                    ("TimeShift", "2025-01-15T08:25:57Z"),
                    ("FilterKey", "key:00000007198*,h.*llo"),
                    ("RestoreType", "1"),
                    ("InstanceId", "r-bp1zxszhcgatnx7d5"),
                    ("RestoreTime", "2025-01-15T07:25:57Z"),
                ],
                format: "json"
            ),
            credentials: AlibabaVectors.stsCredentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "9a8b7c6d5e4f30211203f4e5d6c7b8a9"
        )
        #expect(signed.parameterLines == [
            "AccessKeyId=LTAI5tExampleAccessKeyId",
            "Action=RestoreInstance",
            "FilterKey=key:00000007198*,h.*llo",
            "Format=json",
            "InstanceId=r-bp1zxszhcgatnx7d5",
            "RestoreTime=2025-01-15T07:25:57Z",
            "RestoreType=1",
            "SecurityToken=CAIS.example+sts/token==",
            "SignatureMethod=HMAC-SHA1",
            "SignatureNonce=9a8b7c6d5e4f30211203f4e5d6c7b8a9",
            "SignatureVersion=1.0",
            "TimeShift=2025-01-15T08:25:57Z",
            "Timestamp=2025-01-15T08:30:00Z",
            "Version=2015-01-01",
        ])
        #expect(signed.canonicalizedQuery == "AccessKeyId=LTAI5tExampleAccessKeyId&Action=RestoreInstance&FilterKey=key%3A00000007198%2A%2Ch.%2Allo&Format=json&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=9a8b7c6d5e4f30211203f4e5d6c7b8a9&SignatureVersion=1.0&TimeShift=2025-01-15T08%3A25%3A57Z&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01")
        #expect(signed.stringToSign == "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DRestoreInstance%26FilterKey%3Dkey%253A00000007198%252A%252Ch.%252Allo%26Format%3Djson%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26RestoreTime%3D2025-01-15T07%253A25%253A57Z%26RestoreType%3D1%26SecurityToken%3DCAIS.example%252Bsts%252Ftoken%253D%253D%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D9a8b7c6d5e4f30211203f4e5d6c7b8a9%26SignatureVersion%3D1.0%26TimeShift%3D2025-01-15T08%253A25%253A57Z%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01")
        #expect(signed.signature == "U0Ju6egoYBuarTYHlEV4WfWMtM8=")
        #expect(signed.queryString.contains("&SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D&"))
        #expect(signed.queryString.hasSuffix("&Signature=U0Ju6egoYBuarTYHlEV4WfWMtM8%3D"))
        let captured = "Action=RestoreInstance&Format=json&Version=2015-01-01&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureNonce=9a8b7c6d5e4f30211203f4e5d6c7b8a9&FilterKey=key%3A00000007198%2A%2Ch.%2Allo&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&TimeShift=2025-01-15T08%3A25%3A57Z&SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=U0Ju6egoYBuarTYHlEV4WfWMtM8%3D"
        #expect(AlibabaVectors.formDecode(signed.queryString).sorted() == AlibabaVectors.formDecode(captured).sorted())
    }

    @Test("V1-3 DescribeBackups, aliyunsdkcore style: SignatureType= and RegionId, Format=JSON")
    func describeBackupsCoreStyle() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "DescribeBackups", version: "2015-01-01",
                parameters: [
                    ("InstanceId", "r-bp1zxszhcgatnx7d5"),
                    ("StartTime", "2025-01-14T00:00Z"),
                    ("EndTime", "2025-01-15T23:59Z"),
                    ("PageSize", "30"),
                    ("PageNumber", "1"),
                ],
                format: "JSON",
                regionId: "cn-hangzhou",
                includeEmptySignatureType: true
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
        )
        #expect(signed.parameterLines == [
            "AccessKeyId=LTAI5tExampleAccessKeyId",
            "Action=DescribeBackups",
            "EndTime=2025-01-15T23:59Z",
            "Format=JSON",
            "InstanceId=r-bp1zxszhcgatnx7d5",
            "PageNumber=1",
            "PageSize=30",
            "RegionId=cn-hangzhou",
            "SignatureMethod=HMAC-SHA1",
            "SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "SignatureType=",
            "SignatureVersion=1.0",
            "StartTime=2025-01-14T00:00Z",
            "Timestamp=2025-01-15T08:30:00Z",
            "Version=2015-01-01",
        ])
        #expect(signed.canonicalizedQuery == "AccessKeyId=LTAI5tExampleAccessKeyId&Action=DescribeBackups&EndTime=2025-01-15T23%3A59Z&Format=JSON&InstanceId=r-bp1zxszhcgatnx7d5&PageNumber=1&PageSize=30&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0&SignatureType=&SignatureVersion=1.0&StartTime=2025-01-14T00%3A00Z&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01")
        #expect(signed.stringToSign == "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DDescribeBackups%26EndTime%3D2025-01-15T23%253A59Z%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26PageNumber%3D1%26PageSize%3D30%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0f1e2d3c4b5a69788796a5b4c3d2e1f0%26SignatureType%3D%26SignatureVersion%3D1.0%26StartTime%3D2025-01-14T00%253A00Z%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01")
        #expect(signed.signature == "HLOfEPZO04imYVEpBwNa17vxRlI=")
        #expect(signed.queryString.contains("&SignatureType=&"))
        #expect(signed.queryString.hasSuffix("&Signature=HLOfEPZO04imYVEpBwNa17vxRlI%3D"))
        let captured = "InstanceId=r-bp1zxszhcgatnx7d5&StartTime=2025-01-14T00%3A00Z&EndTime=2025-01-15T23%3A59Z&PageSize=30&PageNumber=1&Version=2015-01-01&Action=DescribeBackups&Format=JSON&RegionId=cn-hangzhou&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0&SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=HLOfEPZO04imYVEpBwNa17vxRlI%3D"
        #expect(AlibabaVectors.formDecode(signed.queryString).sorted() == AlibabaVectors.formDecode(captured).sorted())
    }

    @Test("V1-4 RestoreInstance, GET, FilterKey with space + ~ ü * , /")
    func restoreGetSpecialCharacters() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "GET", action: "RestoreInstance", version: "2015-01-01",
                parameters: [
                    ("InstanceId", "r-bp1zxszhcgatnx7d5"),
                    ("RestoreType", "1"),
                    ("RestoreTime", "2025-01-15T07:25:57Z"),
                    ("FilterKey", "a b+c~ü*,/x"),
                ]
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "c4ca4238a0b923820dcc509a6f75849b"
        )
        #expect(signed.parameterLines == [
            "AccessKeyId=LTAI5tExampleAccessKeyId",
            "Action=RestoreInstance",
            "FilterKey=a b+c~ü*,/x",
            "Format=JSON",
            "InstanceId=r-bp1zxszhcgatnx7d5",
            "RestoreTime=2025-01-15T07:25:57Z",
            "RestoreType=1",
            "SignatureMethod=HMAC-SHA1",
            "SignatureNonce=c4ca4238a0b923820dcc509a6f75849b",
            "SignatureVersion=1.0",
            "Timestamp=2025-01-15T08:30:00Z",
            "Version=2015-01-01",
        ])
        #expect(signed.canonicalizedQuery == "AccessKeyId=LTAI5tExampleAccessKeyId&Action=RestoreInstance&FilterKey=a%20b%2Bc~%C3%BC%2A%2C%2Fx&Format=JSON&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&SignatureMethod=HMAC-SHA1&SignatureNonce=c4ca4238a0b923820dcc509a6f75849b&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z&Version=2015-01-01")
        #expect(signed.stringToSign == "GET&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DRestoreInstance%26FilterKey%3Da%2520b%252Bc~%25C3%25BC%252A%252C%252Fx%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26RestoreTime%3D2025-01-15T07%253A25%253A57Z%26RestoreType%3D1%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dc4ca4238a0b923820dcc509a6f75849b%26SignatureVersion%3D1.0%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01")
        #expect(signed.signature == "7l9cVDyAUVc4hNf8hQfLNXDZ5bs=")
        #expect(signed.queryString.contains("&FilterKey=a%20b%2Bc~%C3%BC%2A%2C%2Fx&"))
        #expect(AlibabaVectors.formDecode(signed.queryString) == signed.parameterLines + ["Signature=7l9cVDyAUVc4hNf8hQfLNXDZ5bs="])
    }

    @Test("DOC-V2 published example, ECS DescribeDedicatedHosts")
    func publishedV2() {
        let credentials = SigningCredentials(accessKeyId: "testid", secret: "testsecret")
        let signed = AlibabaRPCSigner.sign(
            .init(method: "GET", action: "DescribeDedicatedHosts", version: "2014-05-26", regionId: "cn-beijing"),
            credentials: credentials,
            timestamp: AlibabaVectors.utc(2023, 3, 13, 8, 34, 30),
            nonce: "edb2b34af0af9a6d14deaf7c1a5315eb"
        )
        #expect(signed.stringToSign == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26")
        #expect(signed.signature == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=")
    }

    @Test("DOC-V1-legacy published example, Format=XML and the `TimeStamp` spelling, low-level API")
    func publishedLegacy() {
        let stringToSign = AlibabaRPCSigner.stringToSign(method: "GET", parameters: [
            ("TimeStamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ])
        #expect(stringToSign == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26")
        #expect(AlibabaRPCSigner.sign(stringToSign: stringToSign, secret: "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE=")
    }

    @Test("the low-level functions agree with the high-level signer (V1-1)")
    func lowLevelAgrees() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "CreateBackup", version: "2015-01-01",
                parameters: [("InstanceId", "r-bp1zxszhcgatnx7d5"), ("BackupRetentionPeriod", "7")],
                format: "json"
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f"
        )
        let stringToSign = AlibabaRPCSigner.stringToSign(
            method: "post", parameters: signed.parameters.reversed().map { ($0.name, $0.value) }
        )
        #expect(stringToSign == signed.stringToSign)
        #expect(AlibabaRPCSigner.sign(stringToSign: stringToSign, secret: AlibabaVectors.credentials.secret) == "amkSElaZ6fm65wEMfmI+/R7y6i0=")
    }

    @Test("business parameters override common ones; Signature is never signed")
    func overridesAndSignatureExcluded() {
        let signed = AlibabaRPCSigner.sign(
            .init(
                method: "POST", action: "CreateBackup", version: "2015-01-01",
                parameters: [("InstanceId", "r-1"), ("Signature", "stale"), ("Format", "XML")]
            ),
            credentials: AlibabaVectors.credentials,
            timestamp: AlibabaVectors.timestamp,
            nonce: "n"
        )
        #expect(!signed.parameters.contains { $0.name == "Signature" })
        #expect(signed.parameters.filter { $0.name == "Format" }.map(\.value) == ["XML"])
        #expect(!signed.parameters.contains { $0.name == "SecurityToken" || $0.name == "RegionId" || $0.name == "SignatureType" })
        #expect(signed.queryString.components(separatedBy: "Signature=").count == 2)
    }
}
