import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
@testable import Simulators

/// The simulator's own API 2.0 verifier against every legacy vector of tencent.md §5, as pure
/// functions and over HTTP with the vectors' exact wire form and a pinned clock.
@Suite struct TencentLegacySignatureVectorTests {
    static let secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"
    static let secretKey = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA"
    static let timestamp = 1_465_185_768
    static let host = "redis.api.qcloud.com"
    static let path = "/v2/index.php"

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var host: String
        var path: String
        var parameters: [String: String]
        var secretKey: String
        var stringToSign: String
        var signature: String

        var testDescription: String { name }

        var pairs: [(name: String, value: String)] {
            parameters.map { (name: $0.key, value: $0.value) } + [(name: "Signature", value: signature)]
        }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "Legacy-1 RestoreInstance GET HmacSHA1", method: "GET", host: host, path: path,
            parameters: [
                "Action": "RestoreInstance", "Nonce": "11886", "Region": "gz", "RequestClient": "SDK_PYTHON_2.0",
                "SecretId": secretId, "SignatureMethod": "HmacSHA1", "Timestamp": "1465185768",
                "backupId": "e824aecc-ef5e-11e6-a2c7-525400082493", "password": "12D3E@!r5ed", "redisId": "crs-izbob1wh",
            ],
            secretKey: secretKey,
            stringToSign: "GETredis.api.qcloud.com/v2/index.php?Action=RestoreInstance&Nonce=11886&Region=gz&RequestClient=SDK_PYTHON_2.0&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768&backupId=e824aecc-ef5e-11e6-a2c7-525400082493&password=12D3E@!r5ed&redisId=crs-izbob1wh",
            signature: "Ca3aKeIydauWpdR7bu9LRq/ZlR8="
        ),
        Vector(
            name: "Legacy-2 ManualBackupInstance POST HmacSHA256", method: "POST", host: host, path: path,
            parameters: [
                "Action": "ManualBackupInstance", "Nonce": "345122", "Region": "gz", "RequestClient": "SDK_PYTHON_2.0",
                "SecretId": secretId, "SignatureMethod": "HmacSHA256", "Timestamp": "1465185768",
                "redisId": "crs-izbob1wh", "remark": "test api",
            ],
            secretKey: secretKey,
            stringToSign: "POSTredis.api.qcloud.com/v2/index.php?Action=ManualBackupInstance&Nonce=345122&Region=gz&RequestClient=SDK_PYTHON_2.0&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&redisId=crs-izbob1wh&remark=test api",
            signature: "Lqo9yk4VnBKmoIojs0R5ued9uK42eHJl3ybnArdEA30="
        ),
        Vector(
            name: "Legacy-3 DescribeTaskInfo GET HmacSHA256 token", method: "GET", host: host, path: path,
            parameters: [
                "Action": "DescribeTaskInfo", "Nonce": "1", "Region": "gz", "SecretId": secretId,
                "SignatureMethod": "HmacSHA256", "Timestamp": "1465185768", "Token": "tmpToken123", "requestId": "375062",
            ],
            secretKey: secretKey,
            stringToSign: "GETredis.api.qcloud.com/v2/index.php?Action=DescribeTaskInfo&Nonce=1&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&Token=tmpToken123&requestId=375062",
            signature: "+XhiG03Pslho5CfuO+j/q1RpDiwHKnBdVJb3I9KhXOM="
        ),
        Vector(
            name: "Published API 2.0 example (cvm, HmacSHA1 by default)", method: "GET", host: "cvm.api.qcloud.com", path: path,
            parameters: [
                "Action": "DescribeInstances", "Nonce": "11886", "Region": "gz", "SecretId": secretId,
                "Timestamp": "1465185768", "instanceIds.0": "ins-09dx96dg", "limit": "20", "offset": "0",
            ],
            secretKey: secretKey,
            stringToSign: "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0",
            signature: "NSI3UqqD99b/UJb4tbG/xZpRW64="
        ),
        Vector(
            name: "Published API 3.0 signature v1 example", method: "GET", host: "cvm.tencentcloudapi.com", path: "/",
            parameters: [
                "Action": "DescribeInstances", "InstanceIds.0": "ins-09dx96dg", "Limit": "20", "Nonce": "11886", "Offset": "0",
                "Region": "ap-guangzhou", "SecretId": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Timestamp": "1465185768",
                "Version": "2017-03-12",
            ],
            secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            stringToSign: "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12",
            signature: "EliP9YW3pW28FpsEdkXt/+WcGeI="
        ),
    ]

    @Test("String to sign, signature and verification match the vector", arguments: vectors)
    func vector(_ vector: Vector) {
        let toSign = TencentLegacySignature.stringToSign(
            method: vector.method, host: vector.host, path: vector.path, parameters: vector.pairs
        )
        #expect(toSign == vector.stringToSign)
        let method = TencentLegacySignature.Method(signatureMethodParameter: vector.parameters["SignatureMethod"])
        #expect(TencentLegacySignature.sign(toSign, secretKey: vector.secretKey, method: method) == vector.signature)
        #expect(TencentLegacySignature.verify(
            method: vector.method, host: vector.host, path: vector.path, parameters: vector.pairs, secretKey: vector.secretKey
        ))
        #expect(!TencentLegacySignature.verify(
            method: vector.method, host: vector.host, path: vector.path, parameters: vector.pairs, secretKey: vector.secretKey + "x"
        ))
        let other = vector.method == "GET" ? "POST" : "GET"
        #expect(!TencentLegacySignature.verify(
            method: other, host: vector.host, path: vector.path, parameters: vector.pairs, secretKey: vector.secretKey
        ))
    }

    @Test("Names with `_` are signed as `.`; form decoding turns `+` into a space")
    func canonicalization() throws {
        #expect(TencentLegacySignature.requestString([("b_c", "1"), ("B", "x y"), ("Signature", "s")]) == "B=x y&b.c=1")
        let decoded = try TencentLegacyFormDecoding.decode("remark=test+api&Signature=a%2Bb%2F%3D&x=%40%21")
        #expect(decoded.map(\.value) == ["test api", "a+b/=", "@!"])
        #expect(throws: TencentLegacyFormDecoding.Malformed.self) { try TencentLegacyFormDecoding.decode("a=%zz") }
    }

    /// The legacy example account at the vectors' pinned clock, answering for `redis.api.qcloud.com`.
    static func withVectorSimulator<T>(
        token: String? = nil,
        _ body: (TencentLegacySimulator, TencentLegacyTestClient) async throws -> T
    ) async throws -> T {
        let clock = TestClock(Date(timeIntervalSince1970: TimeInterval(timestamp)))
        let simulator = TencentLegacySimulator(configuration: TencentLegacySimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey, token: token)],
            taskProgression: .immediate,
            clock: clock.function
        ))
        await simulator.addInstance(TencentSimulatedInstance(id: "crs-izbob1wh", name: "vector", password: "12D3E@!r5ed"))
        await simulator.addBackup(TencentSimulatedBackup(
            backupId: "e824aecc-ef5e-11e6-a2c7-525400082493", instanceId: "crs-izbob1wh", instanceName: "vector",
            startTime: clock.now.addingTimeInterval(-3600), endTime: clock.now.addingTimeInterval(-3500),
            backupSize: 1024, expireTime: clock.now.addingTimeInterval(86_400)
        ))
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        var client = TencentLegacyTestClient(http: http, port: simulator.port, clock: clock)
        client.secretId = secretId
        client.secretKey = secretKey
        client.token = token
        do {
            let result = try await body(simulator, client)
            try await http.shutdown()
            await simulator.stop()
            return result
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
    }

    @Test("Legacy-1's final URL and Legacy-2's form body are accepted byte for byte over HTTP")
    func vectorsOverHTTP() async throws {
        try await Self.withVectorSimulator { (simulator: TencentLegacySimulator, client: TencentLegacyTestClient) async throws in
            let restore = try await client.send(
                method: .GET,
                encoded: "redisId=crs-izbob1wh&password=12D3E%40%21r5ed&backupId=e824aecc-ef5e-11e6-a2c7-525400082493&Action=RestoreInstance&RequestClient=SDK_PYTHON_2.0&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Nonce=11886&Timestamp=1465185768&SignatureMethod=HmacSHA1&Signature=Ca3aKeIydauWpdR7bu9LRq%2FZlR8%3D",
                host: Self.host
            )
            #expect(restore.code == 0, "\(restore.body)")
            #expect(restore.codeDesc == "Success")
            #expect(restore.data?["requestId"]?.intValue == 375_062)

            let backup = try await client.send(
                method: .POST,
                encoded: "redisId=crs-izbob1wh&remark=test+api&Action=ManualBackupInstance&RequestClient=SDK_PYTHON_2.0&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Nonce=345122&Timestamp=1465185768&SignatureMethod=HmacSHA256&Signature=Lqo9yk4VnBKmoIojs0R5ued9uK42eHJl3ybnArdEA30%3D",
                host: Self.host
            )
            #expect(backup.code == 0, "\(backup.body)")
            #expect(await simulator.backups(of: "crs-izbob1wh").first?.remark == "test api")

            // The same bytes again: the nonce is spent.
            let replay = try await client.send(
                method: .POST,
                encoded: "redisId=crs-izbob1wh&remark=test+api&Action=ManualBackupInstance&RequestClient=SDK_PYTHON_2.0&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Nonce=345122&Timestamp=1465185768&SignatureMethod=HmacSHA256&Signature=Lqo9yk4VnBKmoIojs0R5ued9uK42eHJl3ybnArdEA30%3D",
                host: Self.host
            )
            #expect(replay.code == 4500)
            // Signed for redis.api.qcloud.com, sent to another Host: 4100.
            let wrongHost = try await client.send(
                method: .GET,
                encoded: "redisId=crs-izbob1wh&password=12D3E%40%21r5ed&backupId=e824aecc-ef5e-11e6-a2c7-525400082493&Action=RestoreInstance&RequestClient=SDK_PYTHON_2.0&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Nonce=11887&Timestamp=1465185768&SignatureMethod=HmacSHA1&Signature=Ca3aKeIydauWpdR7bu9LRq%2FZlR8%3D"
            )
            #expect(wrongHost.code == 4100)
        }
    }

    @Test("Legacy-3 (temporary credentials, no RequestClient) is accepted over HTTP")
    func legacy3OverHTTP() async throws {
        try await Self.withVectorSimulator(token: "tmpToken123") { (_: TencentLegacySimulator, client: TencentLegacyTestClient) async throws in
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.host = Self.host
            let created = try await client.call("ManualBackupInstance", [("redisId", "crs-izbob1wh")], tweaks: tweaks)
            #expect(created.data?["requestId"]?.intValue == 375_062, "\(created.body)")
            let answer = try await client.send(
                method: .GET,
                encoded: "Action=DescribeTaskInfo&Nonce=1&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768&Token=tmpToken123&requestId=375062&Signature=%2BXhiG03Pslho5CfuO%2Bj%2Fq1RpDiwHKnBdVJb3I9KhXOM%3D",
                host: Self.host
            )
            #expect(answer.code == 0, "\(answer.body)")
            #expect(answer.data?["status"]?.intValue == 2)
        }
    }
}
