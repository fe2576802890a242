import Foundation
import Testing
@testable import Simulators

/// The simulator's authenticator on the requests the official SDKs put on the wire
/// (alibaba.md §6), with the clock pinned to the vectors' time.
@Suite struct AlibabaAuthenticatorVectorTests {
    static let vectorTime = Date(timeIntervalSince1970: 1_736_929_800)  // 2025-01-15T08:30:00Z
    static let accessKeyId = "LTAI5tExampleAccessKeyId"
    static let secret = "ExampleAccessKeySecret0123456789"
    static let token = "CAIS.example+sts/token=="
    static let userAgent = "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"

    static func authenticator(token: String? = nil) -> AlibabaAuthenticator {
        let configuration = AlibabaSimulatorConfiguration(
            credentials: [AlibabaSimulatorCredential(accessKeyId: accessKeyId, secret: secret, securityToken: token)],
            clock: { vectorTime }
        )
        return AlibabaAuthenticator(configuration: configuration, nonces: AlibabaNonceCache())
    }

    static func authenticate(
        _ request: ReceivedHTTPRequest,
        token: String? = nil,
        at time: Date = vectorTime
    ) -> Result<AlibabaCall, AlibabaAPIError> {
        authenticator(token: token).authenticate(request, parameters: AlibabaParameters(request), now: time)
    }

    static func v1Request(method: String, query: String) -> ReceivedHTTPRequest {
        ReceivedHTTPRequest(
            method: method, path: "/", query: query,
            headers: [SimulatedHeader(name: "Host", value: "127.0.0.1:48080")], body: []
        )
    }

    static let v1Wire: [(name: String, query: String, action: String, token: String?)] = [
        (
            "V1-1",
            "Action=CreateBackup&Format=json&Version=2015-01-01&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureNonce=3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f&BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=amkSElaZ6fm65wEMfmI%2B%2FR7y6i0%3D",
            "CreateBackup", nil
        ),
        (
            "V1-2",
            "Action=RestoreInstance&Format=json&Version=2015-01-01&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureNonce=9a8b7c6d5e4f30211203f4e5d6c7b8a9&FilterKey=key%3A00000007198%2A%2Ch.%2Allo&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&TimeShift=2025-01-15T08%3A25%3A57Z&SecurityToken=CAIS.example%2Bsts%2Ftoken%3D%3D&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=U0Ju6egoYBuarTYHlEV4WfWMtM8%3D",
            "RestoreInstance", token
        ),
        (
            "V1-3",
            "InstanceId=r-bp1zxszhcgatnx7d5&StartTime=2025-01-14T00%3A00Z&EndTime=2025-01-15T23%3A59Z&PageSize=30&PageNumber=1&Version=2015-01-01&Action=DescribeBackups&Format=JSON&RegionId=cn-hangzhou&Timestamp=2025-01-15T08%3A30%3A00Z&SignatureMethod=HMAC-SHA1&SignatureType=&SignatureVersion=1.0&SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0&AccessKeyId=LTAI5tExampleAccessKeyId&Signature=HLOfEPZO04imYVEpBwNa17vxRlI%3D",
            "DescribeBackups", nil
        ),
    ]

    @Test("V1-1…V1-3 as captured on the wire pass every check", arguments: 0..<3)
    func v1Wire(index: Int) throws {
        let vector = Self.v1Wire[index]
        let result = Self.authenticate(Self.v1Request(method: "POST", query: vector.query), token: vector.token)
        let call = try result.get()
        #expect(call.action == vector.action, "\(vector.name)")
        #expect(call.scheme == .v1)
        #expect(call.accessKeyId == Self.accessKeyId)
    }

    @Test("V1-4 (GET, FilterKey with space, plus, tilde, umlaut) built with a form encoder")
    func v1GetWithSpecialCharacters() throws {
        let query = "AccessKeyId=LTAI5tExampleAccessKeyId&Action=RestoreInstance&FilterKey=a+b%2Bc%7E%C3%BC*%2C%2Fx&Format=JSON"
            + "&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1&SignatureMethod=HMAC-SHA1"
            + "&SignatureNonce=c4ca4238a0b923820dcc509a6f75849b&SignatureVersion=1.0&Timestamp=2025-01-15T08%3A30%3A00Z"
            + "&Version=2015-01-01&Signature=7l9cVDyAUVc4hNf8hQfLNXDZ5bs%3D"
        let call = try Self.authenticate(Self.v1Request(method: "GET", query: query)).get()
        #expect(call.action == "RestoreInstance")
        // The same request sent with POST does not match: the method is signed.
        guard case .failure(let error) = Self.authenticate(Self.v1Request(method: "POST", query: query)) else {
            Issue.record("POST must not verify")
            return
        }
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.message.hasSuffix("server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DRestoreInstance%26FilterKey%3Da%2520b%252Bc~%25C3%25BC%252A%252C%252Fx%26Format%3DJSON%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26RestoreTime%3D2025-01-15T07%253A25%253A57Z%26RestoreType%3D1%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dc4ca4238a0b923820dcc509a6f75849b%26SignatureVersion%3D1.0%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01"))
    }

    static func acs3Request(query: String, headers: [(String, String)], body: String = "") -> ReceivedHTTPRequest {
        ReceivedHTTPRequest(
            method: "POST", path: "/", query: query,
            headers: headers.map { SimulatedHeader(name: $0.0, value: $0.1) }, body: Array(body.utf8)
        )
    }

    static let a1: ReceivedHTTPRequest = acs3Request(
        query: "BackupRetentionPeriod=7&InstanceId=r-bp1zxszhcgatnx7d5",
        headers: [
            ("Accept-Encoding", "identity"), ("host", "127.0.0.1:48080"), ("x-acs-version", "2015-01-01"),
            ("x-acs-action", "CreateBackup"), ("user-agent", userAgent), ("x-acs-date", "2025-01-15T08:30:00Z"),
            ("x-acs-signature-nonce", "5d41402abc4b2a76b9719d911017c592"), ("accept", "application/json"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-acs-credentials-provider", "static_ak"),
            ("Authorization", "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=81da23ca35c4fafd774a3d25fec6a8fbf7a67a2cd4a3159f10ce591af4bcf220"),
            ("Content-Length", "0"),
        ]
    )

    static let a2: ReceivedHTTPRequest = acs3Request(
        query: "FilterKey=user%3A%2A+%2Ch.%2Allo~&InstanceId=r-bp1zxszhcgatnx7d5&RestoreTime=2025-01-15T07%3A25%3A57Z&RestoreType=1",
        headers: [
            ("Accept-Encoding", "identity"), ("host", "127.0.0.1:48080"), ("x-acs-version", "2015-01-01"),
            ("x-acs-action", "RestoreInstance"), ("user-agent", userAgent), ("x-acs-date", "2025-01-15T08:30:00Z"),
            ("x-acs-signature-nonce", "7d793037a0760186574b0282f2f435e7"), ("accept", "application/json"),
            ("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-acs-credentials-provider", "static_sts"), ("x-acs-accesskey-id", "LTAI5tExampleAccessKeyId"),
            ("x-acs-security-token", "CAIS.example+sts/token=="),
            ("Authorization", "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;host;user-agent;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=56de63d47cf1235730361f39f68c9b12d0a11e2dd583c7bc3656b2d8f37b5cba"),
            ("Content-Length", "0"),
        ]
    )

    static let a3: ReceivedHTTPRequest = acs3Request(
        query: "InstanceId=r-bp1zxszhcgatnx7d5",
        headers: [
            ("Accept-Encoding", "identity"), ("host", "127.0.0.1:48080"), ("x-acs-version", "2015-01-01"),
            ("x-acs-action", "DescribeBackups"), ("user-agent", userAgent), ("x-acs-date", "2025-01-15T08:30:00Z"),
            ("x-acs-signature-nonce", "e4da3b7fbbce2345d7772b0674a318d5"), ("accept", "application/json"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("x-acs-content-sha256", "f437f160e307755c8222f200351f64e24a6065dde41967c376e3f006c019f967"),
            ("x-acs-credentials-provider", "static_ak"),
            ("Authorization", "ACS3-HMAC-SHA256 Credential=LTAI5tExampleAccessKeyId,SignedHeaders=accept;content-type;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=4c1fd0a029042952df74fbd03775b05095322f8dbc41e285c9701fcb35116858"),
            ("Content-Length", "69"),
        ],
        body: "EndTime=2025-01-15T23%3A59Z&PageSize=30&StartTime=2025-01-14T00%3A00Z"
    )

    @Test("A-1, A-2 (STS, `+` on the wire) and A-3 (form body) as captured pass every check")
    func acs3Wire() throws {
        #expect(try Self.authenticate(Self.a1).get().action == "CreateBackup")
        #expect(try Self.authenticate(Self.a2, token: Self.token).get().action == "RestoreInstance")
        let a3 = try Self.authenticate(Self.a3).get()
        #expect(a3.action == "DescribeBackups")
        #expect(a3.scheme == .acs3)
        // The form body joins the business parameters, but not the canonical query.
        let parameters = AlibabaParameters(Self.a3)
        #expect(parameters["StartTime"] == "2025-01-14T00:00Z")
        #expect(parameters.query["StartTime"] == nil)
    }

    @Test("The injected clock decides: ±15 minutes pass, beyond is InvalidTimeStamp.Expired")
    func clockWindow() {
        let query = Self.v1Wire[0].query
        for (offset, code) in [(-900.0, nil), (900.0, nil), (901.0, "InvalidTimeStamp.Expired"), (-901.0, "InvalidTimeStamp.Expired")] {
            let time = Self.vectorTime.addingTimeInterval(offset)
            let v1 = Self.authenticate(Self.v1Request(method: "POST", query: query), at: time)
            let acs3 = Self.authenticate(Self.a1, at: time)
            #expect(v1.errorCode == code, "v1 \(offset)")
            #expect(acs3.errorCode == code, "acs3 \(offset)")
        }
    }

    @Test("A replayed vector request is SignatureNonceUsed; a wrong or missing STS token is rejected")
    func nonceAndToken() {
        let authenticator = Self.authenticator()
        let request = Self.v1Request(method: "POST", query: Self.v1Wire[0].query)
        let parameters = AlibabaParameters(request)
        #expect(authenticator.authenticate(request, parameters: parameters, now: Self.vectorTime).errorCode == nil)
        #expect(authenticator.authenticate(request, parameters: parameters, now: Self.vectorTime).errorCode == "SignatureNonceUsed")
        // V1-2 carries a token the permanent key does not have; A-1 lacks the one a temporary key needs.
        let v12 = Self.v1Request(method: "POST", query: Self.v1Wire[1].query)
        #expect(Self.authenticate(v12).errorCode == "InvalidSecurityToken.MismatchWithAccessKey")
        #expect(Self.authenticate(Self.a1, token: Self.token).errorCode == "InvalidSecurityToken.MismatchWithAccessKey")
        #expect(Self.authenticate(Self.a2, token: "other").errorCode == "InvalidSecurityToken.MismatchWithAccessKey")
    }
}

extension Result where Failure == AlibabaAPIError {
    var errorCode: String? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
