import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Testing

/// `AlibabaClient.buildRequest` in both schemes at a pinned second and nonce: exact URL, query,
/// headers and body, with the signature recomputed by the signers over the same inputs
/// (`alibaba.md` §1–§3, §5).
@Suite("Alibaba request building")
struct AlibabaRequestBuildingTests {
    static let timestamp = "2026-01-01T00:00:00Z"
    static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let instanceId = "r-bp1zxszhcgatnx7d5"
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    /// The characters a percent-encoded query may contain: unreserved, `%XX`, and the separators.
    static func onlyEncoded(_ query: String) -> Bool {
        query.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".", "~", "%", "=", "&": true
            default: false
            }
        }
    }

    // MARK: Checks

    /// Checks an ACS3 request completely; returns the signature the test computed.
    @discardableResult
    func checkACS3(
        _ request: ProviderHTTPRequest, action: String, parameters: [(String, String)], method: String = "POST",
        client: AlibabaClient, host: String = "r-kvstore.aliyuncs.com", base: String = "https://r-kvstore.aliyuncs.com/",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ACS3Signer.Signature {
        let credentials = client.account.credentials
        let signature = ACS3Signer.sign(
            .init(
                method: method, host: host, query: parameters, headers: ["accept": "application/json"], body: [],
                action: action, version: "2015-01-01"
            ),
            credentials: credentials, date: AlibabaFixture.pinnedNow, nonce: AlibabaFixture.nonce
        )
        var expected: [(String, String)] = [
            ("Host", host),
            ("accept", "application/json"),
            ("x-acs-action", action),
            ("x-acs-content-sha256", Self.emptyBodyHash),
            ("x-acs-date", Self.timestamp),
        ]
        if let token = credentials.sessionToken { expected.append(("x-acs-security-token", token)) }
        expected += [
            ("x-acs-signature-nonce", AlibabaFixture.nonce),
            ("x-acs-version", "2015-01-01"),
            ("Authorization", signature.authorization),
            ("User-Agent", AlibabaFixture.userAgent),
        ]
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.body.isEmpty, sourceLocation: sourceLocation)
        #expect(request.headers.map(\.name) == expected.map(\.0), sourceLocation: sourceLocation)
        #expect(request.headers.map(\.value) == expected.map(\.1), sourceLocation: sourceLocation)
        let signedHeaders = credentials.sessionToken == nil
            ? "accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
            : "accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
        let prefix = "ACS3-HMAC-SHA256 Credential=\(credentials.accessKeyId),SignedHeaders=\(signedHeaders),Signature="
        #expect(signature.authorization.hasPrefix(prefix), sourceLocation: sourceLocation)
        #expect(signature.signature.count == 64, sourceLocation: sourceLocation)
        #expect(signature.canonicalRequest.hasPrefix("\(method)\n/\n"), sourceLocation: sourceLocation)

        // The business parameters travel in the query, canonical order and encoding; nothing of
        // the v1 common parameters does.
        #expect(request.url == base + "?" + AlibabaPercentEncoding.canonicalQuery(parameters), sourceLocation: sourceLocation)
        let query = AlibabaFixture.rawQuery(request.url)
        #expect(Self.onlyEncoded(query), "\(query)", sourceLocation: sourceLocation)
        let decoded = AlibabaFixture.decodeQuery(query)
        let sorted = AlibabaPercentEncoding.sorted(parameters)
        #expect(decoded.map(\.name) == sorted.map(\.name), sourceLocation: sourceLocation)
        #expect(decoded.map(\.value) == sorted.map(\.value), sourceLocation: sourceLocation)
        for common in ["Action", "Version", "Timestamp", "SignatureNonce", "AccessKeyId", "Signature", "SecurityToken"] {
            #expect(!decoded.contains { $0.name == common }, "\(common)", sourceLocation: sourceLocation)
        }
        return signature
    }

    /// Checks a v1 request completely; returns the decoded query.
    @discardableResult
    func checkV1(
        _ request: ProviderHTTPRequest, action: String, parameters: [(String, String)], method: String = "POST",
        client: AlibabaClient, host: String = "r-kvstore.aliyuncs.com", base: String = "https://r-kvstore.aliyuncs.com/",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String: String] {
        let credentials = client.account.credentials
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.body.isEmpty, sourceLocation: sourceLocation)
        #expect(request.headers.map(\.name) == ["Host", "Accept", "User-Agent"], sourceLocation: sourceLocation)
        #expect(request.headers.map(\.value) == [host, "application/json", AlibabaFixture.userAgent], sourceLocation: sourceLocation)
        #expect(request.url.hasPrefix(base + "?"), sourceLocation: sourceLocation)

        let query = AlibabaFixture.rawQuery(request.url)
        #expect(Self.onlyEncoded(query), "a value travels unencoded: \(query)", sourceLocation: sourceLocation)
        let decoded = AlibabaFixture.decodeQuery(query)
        #expect(Set(decoded.map(\.name)).count == decoded.count, "a parameter is sent twice", sourceLocation: sourceLocation)
        var byName: [String: String] = [:]
        for pair in decoded { byName[pair.name] = pair.value }

        var expected: [String: String] = [
            "Action": action,
            "Version": "2015-01-01",
            "Format": "JSON",
            "AccessKeyId": credentials.accessKeyId,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": AlibabaFixture.nonce,
            "Timestamp": Self.timestamp,
        ]
        if let token = credentials.sessionToken { expected["SecurityToken"] = token }
        for (name, value) in parameters { expected[name] = value }
        let signature = byName["Signature"]
        byName["Signature"] = nil
        #expect(byName == expected, sourceLocation: sourceLocation)

        // Signature recomputed over the decoded parameters with the method actually used.
        let stringToSign = AlibabaRPCSigner.stringToSign(method: method, parameters: byName.map { ($0.key, $0.value) })
        #expect(stringToSign.hasPrefix("\(method)&%2F&"), sourceLocation: sourceLocation)
        #expect(signature == AlibabaRPCSigner.sign(stringToSign: stringToSign, secret: credentials.secret), sourceLocation: sourceLocation)
        let reference = AlibabaRPCSigner.sign(
            .init(method: method, action: action, version: "2015-01-01", parameters: parameters, format: "JSON"),
            credentials: credentials, timestamp: AlibabaFixture.pinnedNow, nonce: AlibabaFixture.nonce
        )
        #expect(signature == reference.signature, sourceLocation: sourceLocation)
        #expect(query == reference.queryString, sourceLocation: sourceLocation)
        return byName
    }

    @discardableResult
    func check(
        _ scheme: AlibabaAccount.SignatureVersion, action: String, parameters: [(String, String)], method: String = "POST",
        credentials: SigningCredentials = AlibabaFixture.credentials, sourceLocation: SourceLocation = #_sourceLocation
    ) -> ProviderHTTPRequest {
        let client = AlibabaFixture.offlineClient(account: AlibabaFixture.account(credentials: credentials, signatureVersion: scheme))
        let request = client.buildRequest(action, parameters, method: method)
        switch scheme {
        case .acs3: checkACS3(request, action: action, parameters: parameters, method: method, client: client, sourceLocation: sourceLocation)
        case .v1: checkV1(request, action: action, parameters: parameters, method: method, client: client, sourceLocation: sourceLocation)
        }
        return request
    }

    // MARK: Actions

    @Test("CreateBackup with BackupRetentionPeriod", arguments: schemes)
    func createBackupWithRetention(scheme: AlibabaAccount.SignatureVersion) {
        let request = check(
            scheme, action: "CreateBackup", parameters: [("InstanceId", Self.instanceId), ("BackupRetentionPeriod", "30")]
        )
        #expect(request.url.contains("BackupRetentionPeriod=30"))
    }

    @Test("CreateBackup without BackupRetentionPeriod", arguments: schemes)
    func createBackupMinimal(scheme: AlibabaAccount.SignatureVersion) {
        let request = check(scheme, action: "CreateBackup", parameters: [("InstanceId", Self.instanceId)])
        #expect(!request.url.contains("BackupRetentionPeriod"))
    }

    @Test("the ACS3 canonical request of CreateBackup, written out")
    func createBackupCanonicalRequest() {
        let client = AlibabaFixture.offlineClient()
        let request = client.buildRequest("CreateBackup", [("InstanceId", Self.instanceId), ("BackupRetentionPeriod", "7")])
        let signature = checkACS3(
            request, action: "CreateBackup", parameters: [("InstanceId", Self.instanceId), ("BackupRetentionPeriod", "7")],
            client: client
        )
        #expect(signature.canonicalRequest == """
            POST
            /
            BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5
            accept:application/json
            host:r-kvstore.aliyuncs.com
            x-acs-action:CreateBackup
            x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-acs-date:2026-01-01T00:00:00Z
            x-acs-signature-nonce:3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f
            x-acs-version:2015-01-01

            accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(request.url == "https://r-kvstore.aliyuncs.com/?BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5")
    }

    @Test("the v1 string to sign of CreateBackup, written out")
    func createBackupStringToSign() {
        let client = AlibabaFixture.offlineClient(account: AlibabaFixture.account(signatureVersion: .v1))
        let request = client.buildRequest("CreateBackup", [("InstanceId", Self.instanceId), ("BackupRetentionPeriod", "7")])
        let parameters = checkV1(
            request, action: "CreateBackup", parameters: [("InstanceId", Self.instanceId), ("BackupRetentionPeriod", "7")],
            client: client
        )
        #expect(
            AlibabaRPCSigner.stringToSign(method: "POST", parameters: parameters.map { ($0.key, $0.value) })
                == "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DCreateBackup%26BackupRetentionPeriod%3D7"
                + "%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureNonce%3D3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2015-01-01"
        )
    }

    @Test("RestoreInstance from a backup set: RestoreType 0 + BackupId", arguments: schemes)
    func restoreFromBackup(scheme: AlibabaAccount.SignatureVersion) {
        let request = check(
            scheme, action: "RestoreInstance",
            parameters: [("InstanceId", Self.instanceId), ("BackupId", "1651234550"), ("RestoreType", "0")]
        )
        let query = AlibabaFixture.rawQuery(request.url)
        #expect(query.contains("BackupId=1651234550"))
        #expect(query.contains("RestoreType=0"))
        #expect(!query.contains("RestoreTime"))
    }

    @Test("RestoreInstance to a point in time: RestoreType 1, RestoreTime in seconds, FilterKey comma-joined, TimeShift; + travels as %2B",
          arguments: schemes)
    func restorePointInTime(scheme: AlibabaAccount.SignatureVersion) {
        let restoreTime = AlibabaTime.seconds(AlibabaFixture.pinnedNow.addingTimeInterval(-3600))
        let timeShift = AlibabaTime.seconds(AlibabaFixture.pinnedNow.addingTimeInterval(-1800))
        #expect(restoreTime == "2025-12-31T23:00:00Z")
        #expect(timeShift == "2025-12-31T23:30:00Z")
        let filterKey = ["user:.*", "h.*llo", "a+b c"].joined(separator: ",")
        let request = check(
            scheme, action: "RestoreInstance",
            parameters: [
                ("InstanceId", Self.instanceId), ("RestoreType", "1"), ("RestoreTime", restoreTime),
                ("FilterKey", filterKey), ("TimeShift", timeShift),
            ]
        )
        let query = AlibabaFixture.rawQuery(request.url)
        #expect(query.contains("FilterKey=user%3A.%2A%2Ch.%2Allo%2Ca%2Bb%20c"))
        #expect(query.contains("RestoreTime=2025-12-31T23%3A00%3A00Z"))
        #expect(query.contains("TimeShift=2025-12-31T23%3A30%3A00Z"))
        #expect(!query.contains("+"))
        #expect(AlibabaFixture.decodeQuery(query).first { $0.name == "FilterKey" }?.value == "user:.*,h.*llo,a+b c")
    }

    @Test("DescribeBackups: a minute-precision window and PageSize 100", arguments: schemes)
    func describeBackups(scheme: AlibabaAccount.SignatureVersion) {
        let start = AlibabaTime.minutes(AlibabaFixture.pinnedNow.addingTimeInterval(-86_400 + 59))
        let end = AlibabaTime.minutes(AlibabaFixture.pinnedNow.addingTimeInterval(30), roundUp: true)
        #expect(start == "2025-12-31T00:00Z")
        #expect(end == "2026-01-01T00:01Z")
        let request = check(
            scheme, action: "DescribeBackups",
            parameters: [
                ("InstanceId", Self.instanceId), ("StartTime", start), ("EndTime", end), ("PageSize", "100"), ("PageNumber", "1"),
            ]
        )
        let query = AlibabaFixture.rawQuery(request.url)
        #expect(query.contains("StartTime=2025-12-31T00%3A00Z"))
        #expect(query.contains("EndTime=2026-01-01T00%3A01Z"))
        #expect(query.contains("PageSize=100"))
    }

    @Test("DescribeClusterBackupList is a signed GET with RegionId", arguments: schemes)
    func describeClusterBackupList(scheme: AlibabaAccount.SignatureVersion) {
        let request = check(
            scheme, action: "DescribeClusterBackupList",
            parameters: [
                ("InstanceId", Self.instanceId), ("RegionId", "cn-hangzhou"), ("StartTime", "2025-12-31T00:00Z"),
                ("EndTime", "2026-01-01T00:01Z"), ("PageSize", "100"), ("PageNumber", "1"), ("NoShardBackup", "true"),
            ],
            method: "GET"
        )
        #expect(request.method == "GET")
        #expect(AlibabaFixture.rawQuery(request.url).contains("RegionId=cn-hangzhou"))
    }

    @Test("a GET and a POST of the same call are signed differently", arguments: schemes)
    func methodIsSigned(scheme: AlibabaAccount.SignatureVersion) {
        let client = AlibabaFixture.offlineClient(account: AlibabaFixture.account(signatureVersion: scheme))
        let parameters = [("InstanceId", Self.instanceId), ("RegionId", "cn-hangzhou")]
        let get = client.buildRequest("DescribeClusterBackupList", parameters, method: "GET")
        let post = client.buildRequest("DescribeClusterBackupList", parameters, method: "POST")
        #expect(get.url != post.url || get.headers.map(\.value) != post.headers.map(\.value))
    }

    @Test("DescribeInstanceAttribute", arguments: schemes)
    func describeInstanceAttribute(scheme: AlibabaAccount.SignatureVersion) {
        check(scheme, action: "DescribeInstanceAttribute", parameters: [("InstanceId", Self.instanceId)])
    }

    @Test("DescribeBackupPolicy", arguments: schemes)
    func describeBackupPolicy(scheme: AlibabaAccount.SignatureVersion) {
        check(scheme, action: "DescribeBackupPolicy", parameters: [("InstanceId", Self.instanceId)])
    }

    @Test("DescribeBackupTasks with JobMode", arguments: schemes)
    func describeBackupTasks(scheme: AlibabaAccount.SignatureVersion) {
        check(scheme, action: "DescribeBackupTasks", parameters: [("InstanceId", Self.instanceId), ("JobMode", "Manual")])
    }

    // MARK: STS

    @Test("ACS3 with an STS token: x-acs-security-token is sent and signed")
    func stsACS3() throws {
        let request = check(
            .acs3, action: "DescribeInstanceAttribute", parameters: [("InstanceId", Self.instanceId)],
            credentials: AlibabaFixture.stsCredentials
        )
        #expect(request.headers.first { $0.name == "x-acs-security-token" }?.value == AlibabaFixture.securityToken)
        let authorization = try #require(request.headers.first { $0.name == "Authorization" }?.value)
        #expect(authorization.contains(";x-acs-security-token;"))
        let plain = AlibabaFixture.offlineClient().buildRequest("DescribeInstanceAttribute", [("InstanceId", Self.instanceId)])
        #expect(plain.headers.first { $0.name == "Authorization" }?.value != authorization)
        #expect(!AlibabaFixture.rawQuery(request.url).contains("SecurityToken"))
    }

    @Test("v1 with an STS token: SecurityToken is a signed parameter, + / = percent-encoded")
    func stsV1() {
        let request = check(
            .v1, action: "DescribeInstanceAttribute", parameters: [("InstanceId", Self.instanceId)],
            credentials: AlibabaFixture.stsCredentials
        )
        let query = AlibabaFixture.rawQuery(request.url)
        #expect(query.contains("SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D"))
        #expect(!request.headers.contains { $0.name.lowercased() == "x-acs-security-token" })
    }

    // MARK: Host, endpoint, clock, nonce

    @Test("Host carries :port only when the endpoint names one", arguments: [
        ("http://127.0.0.1:8080", "127.0.0.1:8080", "http://127.0.0.1:8080/"),
        ("https://r-kvstore.aliyuncs.com:8443", "r-kvstore.aliyuncs.com:8443", "https://r-kvstore.aliyuncs.com:8443/"),
        ("https://r-kvstore.aliyuncs.com", "r-kvstore.aliyuncs.com", "https://r-kvstore.aliyuncs.com/"),
        ("https://r-kvstore.cn-hongkong.aliyuncs.com//", "r-kvstore.cn-hongkong.aliyuncs.com", "https://r-kvstore.cn-hongkong.aliyuncs.com/"),
    ])
    func hostHeader(endpoint: String, host: String, base: String) {
        for scheme in Self.schemes {
            let client = AlibabaFixture.offlineClient(account: AlibabaFixture.account(endpoint: endpoint, signatureVersion: scheme))
            #expect(client.hostHeader == host)
            let parameters = [("InstanceId", Self.instanceId)]
            let request = client.buildRequest("DescribeBackupPolicy", parameters)
            switch scheme {
            case .acs3: checkACS3(request, action: "DescribeBackupPolicy", parameters: parameters, client: client, host: host, base: base)
            case .v1: checkV1(request, action: "DescribeBackupPolicy", parameters: parameters, client: client, host: host, base: base)
            }
        }
    }

    @Test("default endpoints: the central host for the central regions, the regional host elsewhere", arguments: [
        ("cn-hangzhou", "https://r-kvstore.aliyuncs.com"),
        ("cn-shanghai", "https://r-kvstore.aliyuncs.com"),
        ("cn-beijing", "https://r-kvstore.aliyuncs.com"),
        ("cn-qingdao", "https://r-kvstore.aliyuncs.com"),
        ("cn-shenzhen", "https://r-kvstore.aliyuncs.com"),
        ("cn-heyuan", "https://r-kvstore.aliyuncs.com"),
        ("cn-wulanchabu", "https://r-kvstore.aliyuncs.com"),
        ("ap-southeast-1", "https://r-kvstore.ap-southeast-1.aliyuncs.com"),
        ("cn-hongkong", "https://r-kvstore.cn-hongkong.aliyuncs.com"),
        ("cn-zhangjiakou", "https://r-kvstore.cn-zhangjiakou.aliyuncs.com"),
        ("cn-huhehaote", "https://r-kvstore.cn-huhehaote.aliyuncs.com"),
        ("ap-northeast-1", "https://r-kvstore.ap-northeast-1.aliyuncs.com"),
    ])
    func defaultEndpoint(region: String, endpoint: String) throws {
        #expect(AlibabaAccount.defaultEndpoint(region: region).absoluteString == endpoint)
        let account = AlibabaAccount(name: "test", region: region, credentials: AlibabaFixture.credentials)
        #expect(account.endpoint.absoluteString == endpoint)
        #expect(account.signatureVersion == .acs3)
        let client = AlibabaFixture.offlineClient(account: account)
        let host = try #require(URL(string: endpoint)?.host)
        #expect(client.hostHeader == host)
        let parameters = [("InstanceId", Self.instanceId)]
        checkACS3(
            client.buildRequest("DescribeBackupPolicy", parameters), action: "DescribeBackupPolicy", parameters: parameters,
            client: client, host: host, base: endpoint + "/"
        )
    }

    @Test("the clock and the nonce are the ones signed", arguments: schemes)
    func clockAndNonce(scheme: AlibabaAccount.SignatureVersion) {
        let account = AlibabaFixture.account(signatureVersion: scheme)
        let parameters = [("InstanceId", Self.instanceId)]
        let base = AlibabaFixture.offlineClient(account: account).buildRequest("DescribeBackupPolicy", parameters)
        let later = AlibabaFixture.offlineClient(account: account, clock: { AlibabaFixture.pinnedNow.addingTimeInterval(1) })
            .buildRequest("DescribeBackupPolicy", parameters)
        let otherNonce = AlibabaFixture.offlineClient(account: account, nonce: "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
            .buildRequest("DescribeBackupPolicy", parameters)
        func fingerprint(_ request: ProviderHTTPRequest) -> String {
            request.url + request.headers.map { "\($0.name):\($0.value)" }.joined(separator: "\n")
        }
        #expect(fingerprint(base) != fingerprint(later))
        #expect(fingerprint(base) != fingerprint(otherNonce))
        #expect(fingerprint(later).contains("2026-01-01T00:00:01Z") || fingerprint(later).contains("2026-01-01T00%3A00%3A01Z"))
        #expect(fingerprint(otherNonce).contains("0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
    }
}
