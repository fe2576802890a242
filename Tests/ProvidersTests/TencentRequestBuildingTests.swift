import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Testing

/// `TencentClient.buildRequest`: exact body, headers and URL at a pinned second, with the
/// signature recomputed independently over the same bytes.
@Suite("Tencent request building")
struct TencentRequestBuildingTests {
    static let timestamp = "1767225600"

    /// Checks everything but the body and returns the body as text.
    @discardableResult
    func check(
        _ request: ProviderHTTPRequest, action: String, client: TencentClient,
        host: String = "redis.tencentcloudapi.com", url: String = "https://redis.tencentcloudapi.com/",
        token: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        let signature = TC3Signer.sign(
            .init(method: "POST", host: host, contentType: "application/json", body: request.body),
            credentials: client.account.credentials, service: "redis", timestamp: 1_767_225_600
        )
        var expected: [(String, String)] = [
            ("Host", host),
            ("Content-Type", "application/json"),
            ("X-TC-Action", action),
            ("X-TC-Version", "2018-04-12"),
            ("X-TC-Timestamp", Self.timestamp),
            ("X-TC-Region", client.account.region),
            ("X-TC-Language", "en-US"),
            ("X-TC-RequestClient", Fixture.userAgent),
            ("Authorization", signature.authorization),
        ]
        if let token { expected.append(("X-TC-Token", token)) }
        #expect(request.method == "POST", sourceLocation: sourceLocation)
        #expect(request.url == url, sourceLocation: sourceLocation)
        #expect(request.headers.map(\.name) == expected.map(\.0), sourceLocation: sourceLocation)
        #expect(request.headers.map(\.value) == expected.map(\.1), sourceLocation: sourceLocation)
        #expect(
            signature.authorization.hasPrefix(
                "TC3-HMAC-SHA256 Credential=\(client.account.credentials.accessKeyId)/2026-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature="
            ),
            sourceLocation: sourceLocation
        )
        if token == nil {
            #expect(!request.headers.contains { $0.name == "X-TC-Token" }, sourceLocation: sourceLocation)
        }
        return String(decoding: request.body, as: UTF8.self)
    }

    @Test("ManualBackupInstance with remark and StorageDays")
    func manualBackupFull() throws {
        let client = Fixture.offlineClient()
        let remark = GatewayRemark.compose(callerRemark: "before-migration", operationId: Fixture.operationId)
        let request = try client.buildRequest(
            action: "ManualBackupInstance",
            body: TencentAPI.ManualBackupInstanceRequest(InstanceId: "crs-5a4py64p", Remark: remark, StorageDays: 7)
        )
        let body = check(request, action: "ManualBackupInstance", client: client)
        #expect(body == #"{"InstanceId":"crs-5a4py64p","Remark":"before-migration [gw:op_abcdefghijklmnopqrstuvwxyz]","StorageDays":7}"#)
    }

    @Test("ManualBackupInstance without remark or StorageDays omits them")
    func manualBackupMinimal() throws {
        let client = Fixture.offlineClient()
        let request = try client.buildRequest(
            action: "ManualBackupInstance",
            body: TencentAPI.ManualBackupInstanceRequest(InstanceId: "crs-5a4py64p", Remark: nil, StorageDays: nil)
        )
        #expect(check(request, action: "ManualBackupInstance", client: client) == #"{"InstanceId":"crs-5a4py64p"}"#)
    }

    @Test("RestoreInstance with Password")
    func restoreWithPassword() throws {
        let client = Fixture.offlineClient()
        let request = try client.buildRequest(
            action: "RestoreInstance",
            body: TencentAPI.RestoreInstanceRequest(InstanceId: "crs-5a4py64p", BackupId: "678362566696298532848117", Password: "p/w\"x")
        )
        #expect(
            check(request, action: "RestoreInstance", client: client)
                == #"{"BackupId":"678362566696298532848117","InstanceId":"crs-5a4py64p","Password":"p/w\"x"}"#
        )
    }

    @Test("RestoreInstance without Password omits it")
    func restoreWithoutPassword() throws {
        let client = Fixture.offlineClient()
        let request = try client.buildRequest(
            action: "RestoreInstance",
            body: TencentAPI.RestoreInstanceRequest(InstanceId: "crs-5a4py64p", BackupId: "678362566696298532848117", Password: nil)
        )
        #expect(
            check(request, action: "RestoreInstance", client: client)
                == #"{"BackupId":"678362566696298532848117","InstanceId":"crs-5a4py64p"}"#
        )
    }

    @Test("DescribeInstanceBackups with a window and status filter")
    func describeBackups() throws {
        let client = Fixture.offlineClient()
        let body = TencentAPI.DescribeInstanceBackupsRequest(
            InstanceId: "crs-5a4py64p", Limit: 20, Offset: 40,
            BeginTime: ChinaStandardTime.format(Fixture.pinnedNow.addingTimeInterval(-86_400)),
            EndTime: ChinaStandardTime.format(Fixture.pinnedNow),
            Status: TencentNormalization.statusFilter(for: nil)
        )
        let request = try client.buildRequest(action: "DescribeInstanceBackups", body: body)
        #expect(
            check(request, action: "DescribeInstanceBackups", client: client)
                == #"{"BeginTime":"2025-12-31 08:00:00","EndTime":"2026-01-01 08:00:00","InstanceId":"crs-5a4py64p","Limit":20,"Offset":40,"Status":[1,2,3,4,-1]}"#
        )
    }

    @Test("DescribeInstanceBackups without a window")
    func describeBackupsNoWindow() throws {
        let client = Fixture.offlineClient()
        let body = TencentAPI.DescribeInstanceBackupsRequest(
            InstanceId: "crs-5a4py64p", Limit: 100, Offset: 0, BeginTime: nil, EndTime: nil, Status: [2, 3, 4]
        )
        let request = try client.buildRequest(action: "DescribeInstanceBackups", body: body)
        #expect(
            check(request, action: "DescribeInstanceBackups", client: client)
                == #"{"InstanceId":"crs-5a4py64p","Limit":100,"Offset":0,"Status":[2,3,4]}"#
        )
    }

    @Test("DescribeTaskInfo")
    func describeTask() throws {
        let client = Fixture.offlineClient()
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 6_954_227))
        #expect(check(request, action: "DescribeTaskInfo", client: client) == #"{"TaskId":6954227}"#)
    }

    @Test("DescribeInstances")
    func describeInstances() throws {
        let client = Fixture.offlineClient()
        let request = try client.buildRequest(
            action: "DescribeInstances",
            body: TencentAPI.DescribeInstancesRequest(InstanceId: "crs-5a4py64p")
        )
        #expect(check(request, action: "DescribeInstances", client: client) == #"{"InstanceId":"crs-5a4py64p"}"#)
    }

    @Test("temporary credentials add X-TC-Token, which the signature does not cover")
    func sessionToken() throws {
        let token = "tmp-session-token-0123456789"
        let withToken = Fixture.offlineClient(account: Fixture.account(
            credentials: SigningCredentials(accessKeyId: Fixture.secretId, secret: Fixture.secretKey, sessionToken: token)
        ))
        let body = TencentAPI.DescribeTaskInfoRequest(TaskId: 1)
        let request = try withToken.buildRequest(action: "DescribeTaskInfo", body: body)
        check(request, action: "DescribeTaskInfo", client: withToken, token: token)
        let plain = try Fixture.offlineClient().buildRequest(action: "DescribeTaskInfo", body: body)
        let authorization = { (request: ProviderHTTPRequest) in request.headers.first { $0.name == "Authorization" }?.value }
        #expect(authorization(request) == authorization(plain))
    }

    @Test("an endpoint with a port: Host carries :port, the URL keeps it")
    func endpointWithPort() throws {
        let client = Fixture.offlineClient(account: Fixture.account(endpoint: "http://127.0.0.1:8080"))
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 1))
        check(request, action: "DescribeTaskInfo", client: client, host: "127.0.0.1:8080", url: "http://127.0.0.1:8080/")
    }

    @Test("an endpoint with trailing slashes is called at exactly one /")
    func endpointTrailingSlash() throws {
        let client = Fixture.offlineClient(account: Fixture.account(endpoint: "https://redis.ap-guangzhou.tencentcloudapi.com//"))
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 1))
        check(
            request, action: "DescribeTaskInfo", client: client,
            host: "redis.ap-guangzhou.tencentcloudapi.com", url: "https://redis.ap-guangzhou.tencentcloudapi.com/"
        )
    }

    @Test("the region header follows the account")
    func regionHeader() throws {
        let client = Fixture.offlineClient(account: Fixture.account(region: "ap-shanghai"))
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 1))
        #expect(request.headers.first { $0.name == "X-TC-Region" }?.value == "ap-shanghai")
    }

    @Test("the credential scope date is the UTC date of the timestamp")
    func utcScopeDate() throws {
        // 2026-01-01 07:59:59 in UTC+8 is still 2025-12-31 in UTC.
        let lastSecond = Date(timeIntervalSince1970: 1_767_225_599)
        let client = Fixture.offlineClient(clock: { lastSecond })
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 1))
        let authorization = try #require(request.headers.first { $0.name == "Authorization" }?.value)
        #expect(authorization.contains("/2025-12-31/redis/tc3_request"))
        #expect(request.headers.first { $0.name == "X-TC-Timestamp" }?.value == "1767225599")
    }

    @Test("default endpoints: the nearest-region host, the regional host for financial regions", arguments: [
        ("ap-guangzhou", "https://redis.tencentcloudapi.com"),
        ("ap-singapore", "https://redis.tencentcloudapi.com"),
        ("ap-shanghai-fsi", "https://redis.ap-shanghai-fsi.tencentcloudapi.com"),
        ("ap-shenzhen-fsi", "https://redis.ap-shenzhen-fsi.tencentcloudapi.com"),
    ])
    func defaultEndpoint(region: String, endpoint: String) throws {
        #expect(TencentAccount.defaultEndpoint(region: region).absoluteString == endpoint)
        let account = TencentAccount(name: "test", region: region, credentials: Fixture.credentials)
        #expect(account.endpoint.absoluteString == endpoint)
        let client = Fixture.offlineClient(account: account)
        let request = try client.buildRequest(action: "DescribeTaskInfo", body: TencentAPI.DescribeTaskInfoRequest(TaskId: 1))
        let host = try #require(URL(string: endpoint)?.host)
        check(request, action: "DescribeTaskInfo", client: client, host: host, url: endpoint + "/")
    }
}
