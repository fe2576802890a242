import Foundation
import Testing
@testable import ProviderSigning

/// Every legacy vector of `shared/providers/tencent.md` §5 (computed by the official SDKs).
@Suite("Tencent API 2.0 signature (HmacSHA1 / HmacSHA256)")
struct TencentV2SignerTests {
    let legacy = SigningCredentials(accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA", secret: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA")
    let host = "redis.api.qcloud.com"
    let path = "/v2/index.php"

    @Test("Legacy-1 RestoreInstance, GET, HmacSHA1")
    func restoreGET() {
        let signed = TencentV2Signer.sign(
            method: "GET", host: host, path: path,
            parameters: [
                ("redisId", "crs-izbob1wh"), ("password", "12D3E@!r5ed"), ("backupId", "e824aecc-ef5e-11e6-a2c7-525400082493"),
                ("Action", "RestoreInstance"), ("RequestClient", "SDK_PYTHON_2.0"), ("Region", "gz"),
            ],
            credentials: legacy, timestamp: 1_465_185_768, nonce: 11886
        )
        #expect(signed.stringToSign == "GETredis.api.qcloud.com/v2/index.php?Action=RestoreInstance&Nonce=11886&Region=gz&RequestClient=SDK_PYTHON_2.0&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768&backupId=e824aecc-ef5e-11e6-a2c7-525400082493&password=12D3E@!r5ed&redisId=crs-izbob1wh")
        #expect(signed.signature == "Ca3aKeIydauWpdR7bu9LRq/ZlR8=")
        #expect(signed.formEncoded.contains("password=12D3E%40%21r5ed"))
        #expect(signed.formEncoded.hasSuffix("Signature=Ca3aKeIydauWpdR7bu9LRq%2FZlR8%3D"))
    }

    @Test("Legacy-2 ManualBackupInstance, POST form, HmacSHA256, a value with a space")
    func backupPOST() {
        let signed = TencentV2Signer.sign(
            method: "POST", host: host, path: path,
            parameters: [("redisId", "crs-izbob1wh"), ("remark", "test api"), ("Action", "ManualBackupInstance"), ("RequestClient", "SDK_PYTHON_2.0"), ("Region", "gz")],
            credentials: legacy, timestamp: 1_465_185_768, nonce: 345_122, signatureMethod: .hmacSHA256
        )
        #expect(signed.stringToSign == "POSTredis.api.qcloud.com/v2/index.php?Action=ManualBackupInstance&Nonce=345122&Region=gz&RequestClient=SDK_PYTHON_2.0&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&redisId=crs-izbob1wh&remark=test api")
        #expect(signed.signature == "Lqo9yk4VnBKmoIojs0R5ued9uK42eHJl3ybnArdEA30=")
        #expect(signed.formEncoded.contains("remark=test+api"))
        #expect(signed.formEncoded.hasSuffix("Signature=Lqo9yk4VnBKmoIojs0R5ued9uK42eHJl3ybnArdEA30%3D"))
    }

    @Test("Legacy-3 DescribeTaskInfo, GET, HmacSHA256, temporary credentials, no RequestClient")
    func taskWithToken() {
        var temporary = legacy
        temporary.sessionToken = "tmpToken123"
        let signed = TencentV2Signer.sign(
            method: "GET", host: host, path: path,
            parameters: [("requestId", "375062"), ("Action", "DescribeTaskInfo"), ("Region", "gz")],
            credentials: temporary, timestamp: 1_465_185_768, nonce: 1, signatureMethod: .hmacSHA256
        )
        #expect(signed.stringToSign == "GETredis.api.qcloud.com/v2/index.php?Action=DescribeTaskInfo&Nonce=1&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&Token=tmpToken123&requestId=375062")
        #expect(signed.signature == "+XhiG03Pslho5CfuO+j/q1RpDiwHKnBdVJb3I9KhXOM=")
        #expect(signed.formEncoded.hasSuffix("Signature=%2BXhiG03Pslho5CfuO%2Bj%2Fq1RpDiwHKnBdVJb3I9KhXOM%3D"))
    }

    @Test("published API 2.0 example (cvm DescribeInstances, no SignatureMethod parameter)")
    func publishedV2() {
        let signed = TencentV2Signer.sign(
            method: "GET", host: "cvm.api.qcloud.com", path: path,
            parameters: [("Action", "DescribeInstances"), ("Region", "gz"), ("instanceIds.0", "ins-09dx96dg"), ("limit", "20"), ("offset", "0")],
            credentials: legacy, timestamp: 1_465_185_768, nonce: 11886, sendSignatureMethod: false
        )
        #expect(signed.stringToSign == "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0")
        #expect(signed.signature == "NSI3UqqD99b/UJb4tbG/xZpRW64=")
    }

    @Test("published API 3.0 signature v1 example")
    func publishedV3v1() {
        let signed = TencentV2Signer.sign(
            method: "GET", host: "cvm.tencentcloudapi.com", path: "/",
            parameters: [("Action", "DescribeInstances"), ("InstanceIds.0", "ins-09dx96dg"), ("Limit", "20"), ("Offset", "0"), ("Region", "ap-guangzhou"), ("Version", "2017-03-12")],
            credentials: .init(accessKeyId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secret: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
            timestamp: 1_465_185_768, nonce: 11886, sendSignatureMethod: false
        )
        #expect(signed.stringToSign == "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12")
        #expect(signed.signature == "EliP9YW3pW28FpsEdkXt/+WcGeI=")
    }

    @Test("names: `_` becomes `.`; sorting is byte-wise, upper case first")
    func canonicalNames() {
        let sorted = TencentV2Signer.canonicalParameters([("redisId", "1"), ("Timestamp", "2"), ("backup_id", "3"), ("Zeta", "4")])
        #expect(sorted.map(\.name) == ["Timestamp", "Zeta", "backup.id", "redisId"])
        #expect(TencentV2Signer.formEncode("a b+c/d=e~f") == "a+b%2Bc%2Fd%3De~f")
    }
}
