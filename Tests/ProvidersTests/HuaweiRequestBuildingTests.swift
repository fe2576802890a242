import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `HuaweiClient.buildRequest` at a pinned clock: exact URL, headers and body, the signature
/// recomputed with `HuaweiAKSKSigner` over the same inputs and checked against the vectors of
/// `huawei.md` §4; then what `HuaweiDriver` puts on the wire for each call, in both API
/// generations, with the driver's and the simulator's clocks pinned (`huawei.md` §1–§3).
@Suite("Huawei request building")
struct HuaweiRequestBuildingTests {
    static let p = HuaweiFixture.projectId
    static let i = HuaweiFixture.instanceId
    static let opId = Fixture.operationId
    static let tag = "[gw:\(Fixture.operationId)]"

    // MARK: Checks

    /// Checks a built request completely against the signer run over the same inputs; returns
    /// the signer's result.
    @discardableResult
    func check(
        _ request: ProviderHTTPRequest, client: HuaweiClient, method: String, path: String, query: [(String, String)] = [],
        body: String = "", date: Date = HuaweiFixture.pinnedNow, sourceLocation: SourceLocation = #_sourceLocation
    ) -> HuaweiAKSKSigner.Signature {
        let account = client.account
        let contentType = method == "POST" ? "application/json;charset=utf-8" : "application/json"
        let signature = HuaweiAKSKSigner.sign(
            .init(
                method: method, host: client.hostHeader, path: path, query: query,
                headers: ["Content-Type": contentType, "X-Project-Id": account.projectId], body: Array(body.utf8)
            ),
            credentials: account.credentials, date: date
        )
        var expected: [(String, String)] = [
            ("Host", client.hostHeader),
            ("X-Sdk-Date", HuaweiAKSKSigner.sdkDate(date)),
            ("Content-Type", contentType),
            ("X-Project-Id", account.projectId),
        ]
        if let token = account.credentials.sessionToken { expected.append(("X-Security-Token", token)) }
        expected += [("Authorization", signature.authorization), ("User-Agent", HuaweiFixture.userAgent)]
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.headers.map(\.name) == expected.map(\.0), sourceLocation: sourceLocation)
        #expect(request.headers.map(\.value) == expected.map(\.1), sourceLocation: sourceLocation)
        #expect(String(decoding: request.body, as: UTF8.self) == body, sourceLocation: sourceLocation)

        let signedHeaders = "content-type;host;x-project-id;x-sdk-date" + (account.credentials.sessionToken == nil ? "" : ";x-security-token")
        #expect(signature.signedHeaders == signedHeaders, sourceLocation: sourceLocation)
        #expect(signature.authorization.hasPrefix(
            "SDK-HMAC-SHA256 Access=\(account.credentials.accessKeyId), SignedHeaders=\(signedHeaders), Signature="
        ), sourceLocation: sourceLocation)
        #expect(signature.canonicalURI == path + "/", "the trailing slash is in the canonical form only", sourceLocation: sourceLocation)

        // The wire URL: no trailing slash, the query sorted and RFC 3986-encoded as signed.
        let scheme = account.endpoint.scheme ?? "https"
        let queryString = HuaweiAKSKSigner.canonicalQuery(query)
        #expect(request.url == "\(scheme)://\(client.hostHeader)\(path)" + (queryString.isEmpty ? "" : "?" + queryString), sourceLocation: sourceLocation)
        #expect(!request.url.hasSuffix("/"), sourceLocation: sourceLocation)
        #expect(!request.url.contains("/?"), sourceLocation: sourceLocation)
        #expect(HuaweiFixture.rawQuery(request.url) == signature.canonicalQuery, sourceLocation: sourceLocation)
        return signature
    }

    // MARK: The vectors of huawei.md §4, end to end through the client

    @Test("TV4: show instance with temporary credentials gives the vector's Authorization")
    func showInstanceVector() throws {
        let client = HuaweiFixture.offlineClient(
            account: HuaweiFixture.account(credentials: HuaweiFixture.stsCredentials), clock: { HuaweiFixture.vectorDate }
        )
        let request = try client.buildRequest("GET", "instances/\(Self.i)")
        let signature = check(request, client: client, method: "GET", path: "/v2/\(Self.p)/instances/\(Self.i)", date: HuaweiFixture.vectorDate)
        #expect(signature.hashedCanonicalRequest == "deba79a95042f8625037338741518aeaf44c99cb8c85f9ef1b915f7b5d9d5a16")
        #expect(request.headers.first { $0.name == "Authorization" }?.value == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, "
            + "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, "
            + "Signature=f9c7b2daeb71c29a79c0f05a52f0c69fc71bf7c59da19cc0036faf3cfaa41394")
        #expect(request.headers.first { $0.name == "X-Security-Token" }?.value == HuaweiFixture.securityToken)
        #expect(request.url == "https://dcs.ap-southeast-1.myhuaweicloud.com/v2/\(Self.p)/instances/\(Self.i)")
    }

    @Test("TV2: list backups v2 with the query given unsorted is sent sorted, with the vector's Authorization")
    func listBackupsVector() throws {
        let client = HuaweiFixture.offlineClient(clock: { HuaweiFixture.vectorDate })
        let query = [("offset", "0"), ("limit", "10"), ("begin_time", "20240101000000"), ("end_time", "20240102000000")]
        let request = try client.buildRequest("GET", "instances/\(Self.i)/backups", query: query)
        check(request, client: client, method: "GET", path: "/v2/\(Self.p)/instances/\(Self.i)/backups", query: query, date: HuaweiFixture.vectorDate)
        #expect(request.url == "https://dcs.ap-southeast-1.myhuaweicloud.com/v2/\(Self.p)/instances/\(Self.i)/backups"
            + "?begin_time=20240101000000&end_time=20240102000000&limit=10&offset=0")
        #expect(request.headers.first { $0.name == "Authorization" }?.value == "SDK-HMAC-SHA256 Access=EXAMPLEAK1234567890A, "
            + "SignedHeaders=content-type;host;x-project-id;x-sdk-date, "
            + "Signature=c1832f5adbfc54bbee6a7d8f1eaa90b55a7558ced5129e28f242fc06147e8a17")
    }

    @Test("TV3: restore on v1.0 encodes the vector's compact body and gives its signature")
    func restoreVector() throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(apiVersion: .v1_0), clock: { HuaweiFixture.vectorDate })
        let request = try client.buildRequest(
            "POST", "instances/\(Self.i)/restores",
            body: HuaweiAPI.RestoreBody(backup_id: "4631832a-14c6-45b0-a0b3-3abd8f591ad1", remark: "restore test")
        )
        let signature = check(
            request, client: client, method: "POST", path: "/v1.0/\(Self.p)/instances/\(Self.i)/restores",
            body: #"{"backup_id":"4631832a-14c6-45b0-a0b3-3abd8f591ad1","remark":"restore test"}"#, date: HuaweiFixture.vectorDate
        )
        #expect(signature.payloadHash == "9648857dfd45805fa68244fc8c44845048fd0976bc695695e9e53ca7c7e47223")
        #expect(signature.hashedCanonicalRequest == "81ba0cce4c12bc4f8ea49894bf7e855c324389500c2659c7bd9c1d95eefbb423")
        #expect(signature.signature == "0545ee193dd7f08411afa6f2e3c20c412292a076b5f388cf4ca4636b6a3227c4")
        #expect(request.url == "https://dcs.ap-southeast-1.myhuaweicloud.com/v1.0/\(Self.p)/instances/\(Self.i)/restores")
    }

    // MARK: Each call, pinned at 2026-01-01T00:00:00Z

    @Test("create backup v2: the canonical request written out, the signature computed independently")
    func createBackupCanonicalRequest() throws {
        let client = HuaweiFixture.offlineClient()
        let request = try client.buildRequest(
            "POST", "instances/\(Self.i)/backups",
            body: HuaweiAPI.CreateBackupBody(remark: "nightly \(Self.tag)", backup_format: "aof")
        )
        let body = #"{"backup_format":"aof","remark":"nightly [gw:op_abcdefghijklmnopqrstuvwxyz]"}"#
        let signature = check(request, client: client, method: "POST", path: "/v2/\(Self.p)/instances/\(Self.i)/backups", body: body)
        #expect(signature.canonicalRequest == """
            POST
            /v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups/

            content-type:application/json;charset=utf-8
            host:dcs.ap-southeast-1.myhuaweicloud.com
            x-project-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9
            x-sdk-date:20260101T000000Z

            content-type;host;x-project-id;x-sdk-date
            a48d10046af344a01f5d93b34c5b258ef1c97d5e2c38148874dfa6d2d0288714
            """)
        // Computed outside Swift (Python hashlib/hmac) from the canonical request above.
        #expect(signature.hashedCanonicalRequest == "e06016a395fb7ccf596f82cc6dfb710b997586c8b1952d6b3be0953378e466ce")
        #expect(signature.signature == "b5e5fce66324f4ef75552eccfe3bb2048d4ddcc1b9e1ef1519d7b43b9ca92566")
        #expect(request.headers.first { $0.name == "Content-Type" }?.value == "application/json;charset=utf-8")
        #expect(request.headers.first { $0.name == "X-Sdk-Date" }?.value == HuaweiFixture.pinnedSdkDate)
    }

    @Test("create backup v1.0: same shape under /v1.0/, no backup_format")
    func createBackupV1() throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(apiVersion: .v1_0))
        let request = try client.buildRequest(
            "POST", "instances/\(Self.i)/backups", body: HuaweiAPI.CreateBackupBody(remark: Self.tag, backup_format: nil)
        )
        check(
            request, client: client, method: "POST", path: "/v1.0/\(Self.p)/instances/\(Self.i)/backups",
            body: #"{"remark":"[gw:op_abcdefghijklmnopqrstuvwxyz]"}"#
        )
    }

    @Test("list backups v1.0 and list restores v2/v1.0: GET with the query sorted on the wire", arguments: [
        (HuaweiAccount.APIVersion.v1_0, "backups", [("start", "11"), ("limit", "10"), ("beginTime", "20251231000000"), ("endTime", "20260101000000")]),
        (.v2, "restores", [("offset", "0"), ("limit", "100"), ("begin_time", "20251231235000"), ("end_time", "20260101001000")]),
        (.v1_0, "restores", [("start", "1"), ("limit", "100"), ("beginTime", "20251231235000"), ("endTime", "20260101001000")]),
    ])
    func listCalls(version: HuaweiAccount.APIVersion, collection: String, query: [(String, String)]) throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(apiVersion: version))
        let request = try client.buildRequest("GET", "instances/\(Self.i)/\(collection)", query: query)
        check(request, client: client, method: "GET", path: "/\(version.rawValue)/\(Self.p)/instances/\(Self.i)/\(collection)", query: query)
        let sent = HuaweiFixture.decodeQuery(HuaweiFixture.rawQuery(request.url)).map(\.name)
        #expect(sent == sent.sorted())
        #expect(request.body.isEmpty)
    }

    @Test("show instance on both generations: GET, no query, no body, Content-Type application/json", arguments: HuaweiSimulatorHarness.versions)
    func showInstance(version: HuaweiAccount.APIVersion) throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(apiVersion: version))
        let request = try client.buildRequest("GET", "instances/\(Self.i)")
        check(request, client: client, method: "GET", path: "/\(version.rawValue)/\(Self.p)/instances/\(Self.i)")
        #expect(!request.url.contains("?"))
    }

    @Test("a session token is sent as X-Security-Token and signed, on POST and GET")
    func securityToken() throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(credentials: HuaweiFixture.stsCredentials))
        let post = try client.buildRequest("POST", "instances/\(Self.i)/restores", body: HuaweiAPI.RestoreBody(backup_id: "b-1", remark: nil))
        let signature = check(
            post, client: client, method: "POST", path: "/v2/\(Self.p)/instances/\(Self.i)/restores", body: #"{"backup_id":"b-1"}"#
        )
        #expect(signature.canonicalHeaders.contains("x-security-token:\(HuaweiFixture.securityToken)\n"))
        let get = try client.buildRequest("GET", "instances/\(Self.i)/backups", query: [("offset", "0"), ("limit", "1")])
        check(get, client: client, method: "GET", path: "/v2/\(Self.p)/instances/\(Self.i)/backups", query: [("offset", "0"), ("limit", "1")])
        // Without a token there is no such header at all.
        let plain = try HuaweiFixture.offlineClient().buildRequest("GET", "instances/\(Self.i)")
        #expect(!plain.headers.contains { $0.name.lowercased() == "x-security-token" })
    }

    @Test("each attempt is signed with the clock's current second")
    func freshDate() throws {
        let late = HuaweiFixture.pinnedNow.addingTimeInterval(3_723.9)
        let request = try HuaweiFixture.offlineClient(clock: { late }).buildRequest("GET", "instances/\(Self.i)")
        #expect(request.headers.first { $0.name == "X-Sdk-Date" }?.value == "20260101T010203Z")
    }

    // MARK: Endpoints and Host

    @Test("the default endpoint is https://dcs.{region}.myhuaweicloud.com", arguments: ["ap-southeast-1", "cn-north-4", "eu-west-101", "af-south-1"])
    func defaultEndpoint(region: String) throws {
        let account = HuaweiFixture.account(region: region)
        #expect(account.endpoint.absoluteString == "https://dcs.\(region).myhuaweicloud.com")
        let client = HuaweiFixture.offlineClient(account: account)
        #expect(client.hostHeader == "dcs.\(region).myhuaweicloud.com")
        let request = try client.buildRequest("GET", "instances/\(Self.i)")
        check(request, client: client, method: "GET", path: "/v2/\(Self.p)/instances/\(Self.i)")
        #expect(request.url == "https://dcs.\(region).myhuaweicloud.com/v2/\(Self.p)/instances/\(Self.i)")
    }

    @Test("Host carries :port only when the endpoint has one; a trailing / on the endpoint adds nothing", arguments: [
        ("https://dcs.eu-de.otc.t-systems.com", "dcs.eu-de.otc.t-systems.com", "https://dcs.eu-de.otc.t-systems.com"),
        ("https://dcs.eu-de.otc.t-systems.com/", "dcs.eu-de.otc.t-systems.com", "https://dcs.eu-de.otc.t-systems.com"),
        ("https://dcs.example.internal:8443", "dcs.example.internal:8443", "https://dcs.example.internal:8443"),
        ("http://127.0.0.1:18443", "127.0.0.1:18443", "http://127.0.0.1:18443"),
        ("http://127.0.0.1:18443/", "127.0.0.1:18443", "http://127.0.0.1:18443"),
    ])
    func hostHeader(endpoint: String, host: String, base: String) throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(endpoint: endpoint))
        #expect(client.hostHeader == host)
        let request = try client.buildRequest("GET", "instances/\(Self.i)/backups", query: [("offset", "0")])
        check(request, client: client, method: "GET", path: "/v2/\(Self.p)/instances/\(Self.i)/backups", query: [("offset", "0")])
        #expect(request.headers.first?.name == "Host")
        #expect(request.headers.first?.value == host)
        #expect(request.url == "\(base)/v2/\(Self.p)/instances/\(Self.i)/backups?offset=0")
    }

    // MARK: What the driver sends, on the wire (both clocks pinned)

    /// The Authorization the simulator must have seen, recomputed from what arrived.
    static func recomputedAuthorization(_ record: SimulatedRequestRecord, credentials: SigningCredentials) -> String? {
        guard let host = record.header("Host"), let date = record.header("X-Sdk-Date"),
              let contentType = record.header("Content-Type"), let project = record.header("X-Project-Id")
        else { return nil }
        return HuaweiAKSKSigner.sign(
            .init(
                method: record.method, host: host, path: record.path,
                query: HuaweiFixture.decodeQuery(record.query).map { ($0.name, $0.value) },
                headers: ["Content-Type": contentType, "X-Project-Id": project], body: record.body
            ),
            credentials: credentials, sdkDate: date
        ).authorization
    }

    /// Checks the headers of a request the simulator received from the driver.
    func checkWire(
        _ record: SimulatedRequestRecord, harness: HuaweiSimulatorHarness, method: String,
        credentials: SigningCredentials = HuaweiFixture.credentials, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(record.method == method, sourceLocation: sourceLocation)
        #expect(record.header("Host") == "127.0.0.1:\(harness.simulator.port)", sourceLocation: sourceLocation)
        #expect(record.header("X-Sdk-Date") == HuaweiFixture.pinnedSdkDate, sourceLocation: sourceLocation)
        #expect(record.header("Content-Type") == (method == "POST" ? "application/json;charset=utf-8" : "application/json"), sourceLocation: sourceLocation)
        #expect(record.header("X-Project-Id") == HuaweiFixture.projectId, sourceLocation: sourceLocation)
        #expect(record.header("X-Security-Token") == credentials.sessionToken, sourceLocation: sourceLocation)
        #expect(record.header("User-Agent") == HuaweiFixture.userAgent, sourceLocation: sourceLocation)
        #expect(record.header("Authorization") != nil, sourceLocation: sourceLocation)
        #expect(record.header("Authorization") == Self.recomputedAuthorization(record, credentials: credentials), sourceLocation: sourceLocation)
        #expect(!record.path.hasSuffix("/"), sourceLocation: sourceLocation)
        #expect(record.httpStatus < 300, "answered \(record.httpStatus) \(record.errorCode ?? "")", sourceLocation: sourceLocation)
    }

    static func pinnedRun(_ body: (HuaweiSimulatorHarness) async throws -> Void) async throws {
        try await HuaweiSimulatorHarness.run(simulatorClock: Fixture.pinnedClock, body)
    }

    @Test("startBackup: v2 sends {backup_format, remark+tag}; v1.0 only the remark, even when a format is asked", arguments: HuaweiSimulatorHarness.versions)
    func createBackupOnTheWire(version: HuaweiAccount.APIVersion) async throws {
        try await Self.pinnedRun { harness in
            let driver = harness.driver(version, clock: Fixture.pinnedClock)
            let started = try await driver.startBackup(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(remark: "nightly", format: .aof),
                operationId: Self.opId, context: HuaweiSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("CreateBackup").first)
            checkWire(sent, harness: harness, method: "POST")
            #expect(sent.path == "/\(version.rawValue)/\(Self.p)/instances/\(HuaweiSimulatorHarness.ha)/backups")
            #expect(sent.query == "")
            switch version {
            case .v2: #expect(sent.bodyString == #"{"backup_format":"aof","remark":"nightly [gw:op_abcdefghijklmnopqrstuvwxyz]"}"#)
            case .v1_0: #expect(sent.bodyString == #"{"remark":"nightly [gw:op_abcdefghijklmnopqrstuvwxyz]"}"#)
            }
            let made = try #require(await harness.simulator.backups(of: HuaweiSimulatorHarness.ha).first)
            #expect(made.remark == "nightly \(Self.tag)")
            #expect(made.format == (version == .v2 ? "aof" : "rdb"))
            #expect(started.update.providerTaskId == made.backupId)
        }
    }

    @Test("startBackup without remark or format sends just the tag")
    func createBackupMinimal() async throws {
        try await Self.pinnedRun { harness in
            _ = try await harness.driver(clock: Fixture.pinnedClock).startBackup(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(), operationId: Self.opId,
                context: HuaweiSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("CreateBackup").first)
            #expect(sent.bodyString == #"{"remark":"[gw:op_abcdefghijklmnopqrstuvwxyz]"}"#)
        }
    }

    @Test("a long caller remark is cut so the remark with its tag keeps to 128 characters", arguments: [
        String(repeating: "r", count: 300), String(repeating: "备份", count: 100), String(repeating: "x", count: 93),
        String(repeating: "y", count: 94),
    ])
    func longRemark(callerRemark: String) async throws {
        try await Self.pinnedRun { harness in
            let driver = harness.driver(clock: Fixture.pinnedClock)
            _ = try await driver.startBackup(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(remark: callerRemark),
                operationId: Self.opId, context: HuaweiSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("CreateBackup").first)
            let remark = try #require(HuaweiFixture.jsonObject(sent.body)?["remark"])
            #expect(remark.count <= 128)
            #expect(remark.count == min(128, callerRemark.count + 1 + Self.tag.count))
            #expect(remark.hasSuffix(" \(Self.tag)"))
            #expect(callerRemark.hasPrefix(String(remark.dropLast(Self.tag.count + 1))))
            #expect(HuaweiDriver.remarkLimit == 128)
            #expect(sent.httpStatus == 200, "DCS refuses remarks over 128 characters (DCS.4098)")
        }
    }

    @Test("startRestore sends {backup_id, remark+tag} on both generations", arguments: HuaweiSimulatorHarness.versions)
    func restoreOnTheWire(version: HuaweiAccount.APIVersion) async throws {
        try await Self.pinnedRun { harness in
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1, anchor: HuaweiFixture.pinnedNow).first)
            let started = try await harness.driver(version, clock: Fixture.pinnedClock).startRestore(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha),
                request: RestoreRequest(backupId: backupId, remark: "before upgrade", confirmOverwrite: true),
                operationId: Self.opId, context: HuaweiSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("Restore").first)
            checkWire(sent, harness: harness, method: "POST")
            #expect(sent.path == "/\(version.rawValue)/\(Self.p)/instances/\(HuaweiSimulatorHarness.ha)/restores")
            #expect(sent.bodyString == #"{"backup_id":"\#(backupId)","remark":"before upgrade [gw:op_abcdefghijklmnopqrstuvwxyz]"}"#)
            let made = await harness.simulator.restores(of: HuaweiSimulatorHarness.ha)
            #expect(made.count == 1)
            #expect(started.update.providerTaskId == made.first?.restoreId)
        }
    }

    @Test("listBackups: v2 offset/limit/begin_time/end_time, v1.0 start=offset+1/limit/beginTime/endTime, sorted", arguments: HuaweiSimulatorHarness.versions)
    func listBackupsOnTheWire(version: HuaweiAccount.APIVersion) async throws {
        try await Self.pinnedRun { harness in
            await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 12, anchor: HuaweiFixture.pinnedNow, spacing: 60)
            let driver = harness.driver(version, clock: Fixture.pinnedClock)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            let since = HuaweiFixture.pinnedNow.addingTimeInterval(-86_400)
            let first = try await driver.listBackups(
                ref, query: BackupListQuery(since: since, until: HuaweiFixture.pinnedNow, pageSize: 5), context: HuaweiSimulatorHarness.context()
            )
            _ = try await driver.listBackups(
                ref, query: BackupListQuery(since: since, until: HuaweiFixture.pinnedNow, pageSize: 5, pageToken: first.nextPageToken),
                context: HuaweiSimulatorHarness.context()
            )
            _ = try await driver.listBackups(ref, query: BackupListQuery(pageSize: 7), context: HuaweiSimulatorHarness.context())
            let calls = await harness.requests("ListBackups")
            #expect(calls.count == 3)
            guard calls.count == 3 else { return }
            for call in calls {
                checkWire(call, harness: harness, method: "GET")
                #expect(call.path == "/\(version.rawValue)/\(Self.p)/instances/\(HuaweiSimulatorHarness.ha)/backups")
                #expect(call.body.isEmpty)
            }
            switch version {
            case .v2:
                #expect(calls[0].query == "begin_time=20251231000000&end_time=20260101000000&limit=5&offset=0")
                #expect(calls[1].query == "begin_time=20251231000000&end_time=20260101000000&limit=5&offset=5")
                #expect(calls[2].query == "limit=7&offset=0")
            case .v1_0:
                #expect(calls[0].query == "beginTime=20251231000000&endTime=20260101000000&limit=5&start=1")
                #expect(calls[1].query == "beginTime=20251231000000&endTime=20260101000000&limit=5&start=6")
                #expect(calls[2].query == "limit=7&start=1")
            }
        }
    }

    @Test("refresh lists restores (and backups) in a window of createdAt − 10 min … now + 10 min, pages of 100", arguments: HuaweiSimulatorHarness.versions)
    func refreshListsOnTheWire(version: HuaweiAccount.APIVersion) async throws {
        try await Self.pinnedRun { harness in
            let driver = harness.driver(version, clock: Fixture.pinnedClock)
            var restore = HuaweiDriverSupport.record(.restore, createdAt: HuaweiFixture.pinnedNow, id: Self.opId)
            restore.state = .running
            restore.providerTaskId = "33333333-0000-4000-8000-000000000001"
            let update = try await driver.refresh(restore, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .running, "a known id not listed yet keeps waiting")
            var backup = HuaweiDriverSupport.record(.backup, createdAt: HuaweiFixture.pinnedNow, id: Self.opId)
            backup.state = .running
            backup.providerTaskId = "22222222-0000-4000-8000-000000000999"
            _ = try await driver.refresh(backup, context: HuaweiSimulatorHarness.context())

            let restores = try #require(await harness.requests("ListRestores").first)
            let backups = try #require(await harness.requests("ListBackups").first)
            checkWire(restores, harness: harness, method: "GET")
            checkWire(backups, harness: harness, method: "GET")
            #expect(restores.path == "/\(version.rawValue)/\(Self.p)/instances/\(HuaweiSimulatorHarness.ha)/restores")
            switch version {
            case .v2:
                #expect(restores.query == "begin_time=20251231235000&end_time=20260101001000&limit=100&offset=0")
                #expect(backups.query == "begin_time=20251231235000&end_time=20260101001000&limit=100&offset=0")
            case .v1_0:
                #expect(restores.query == "beginTime=20251231235000&endTime=20260101001000&limit=100&start=1")
                #expect(backups.query == "beginTime=20251231235000&endTime=20260101001000&limit=100&start=1")
            }
        }
    }

    @Test("describeInstance: GET …/instances/{id}, no query, no body", arguments: HuaweiSimulatorHarness.versions)
    func showInstanceOnTheWire(version: HuaweiAccount.APIVersion) async throws {
        try await Self.pinnedRun { harness in
            _ = try await harness.driver(version, clock: Fixture.pinnedClock).describeInstance(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.cluster), context: HuaweiSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("ShowInstance").first)
            checkWire(sent, harness: harness, method: "GET")
            #expect(sent.path == "/\(version.rawValue)/\(Self.p)/instances/\(HuaweiSimulatorHarness.cluster)")
            #expect(sent.query == "")
            #expect(sent.body.isEmpty)
        }
    }

    @Test("with temporary credentials every call carries the signed X-Security-Token")
    func securityTokenOnTheWire() async throws {
        let credential = HuaweiSimulatorCredential(
            accessKey: HuaweiFixture.accessKey, secretKey: HuaweiFixture.secretKey, securityToken: HuaweiFixture.securityToken
        )
        try await HuaweiSimulatorHarness.run(credential: credential, simulatorClock: Fixture.pinnedClock) { harness in
            let driver = harness.driver(credentials: HuaweiFixture.stsCredentials, clock: Fixture.pinnedClock)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            _ = try await driver.describeInstance(ref, context: HuaweiSimulatorHarness.context())
            _ = try await driver.startBackup(ref, request: BackupRequest(), operationId: Self.opId, context: HuaweiSimulatorHarness.context())
            _ = try await driver.listBackups(ref, query: BackupListQuery(), context: HuaweiSimulatorHarness.context())
            let calls = await harness.simulator.receivedRequests()
            #expect(calls.count == 3)
            for call in calls {
                checkWire(call, harness: harness, method: call.method, credentials: HuaweiFixture.stsCredentials)
                #expect(call.header("Authorization")?.contains("SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,") == true)
            }
        }
    }
}
