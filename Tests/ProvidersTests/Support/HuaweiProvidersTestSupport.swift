import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators

/// Fixed inputs shared by the Huawei tests of the Providers target: the key pair, project and
/// instance of the vectors in `huawei.md` §4.
enum HuaweiFixture {
    static let accessKey = "EXAMPLEAK1234567890A"
    static let secretKey = "ExampleSecretKey0123456789abcdefghijklmn"
    static let projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let instanceId = "5560df16-cebf-4473-95c4-d1b573c16e79"
    static let region = "ap-southeast-1"
    static let host = "dcs.ap-southeast-1.myhuaweicloud.com"
    /// The security token of vector TV4.
    static let securityToken = "gQpjbi1ub3J0aC00Example"
    static let userAgent = "redis-backup-gateway-tests"
    static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static let credentials = SigningCredentials(accessKeyId: accessKey, secret: secretKey)
    static let stsCredentials = SigningCredentials(accessKeyId: accessKey, secret: secretKey, sessionToken: securityToken)

    /// 2026-01-01T00:00:00Z.
    static var pinnedNow: Date { Fixture.pinnedNow }
    /// `X-Sdk-Date` of `pinnedNow`.
    static let pinnedSdkDate = "20260101T000000Z"
    /// 2024-01-01T00:00:00Z, the `X-Sdk-Date` of the vectors (`20240101T000000Z`).
    static let vectorDate = Date(timeIntervalSince1970: 1_704_067_200)

    static func account(
        endpoint: String? = nil, region: String = region, credentials: SigningCredentials = credentials,
        apiVersion: HuaweiAccount.APIVersion = .v2
    ) -> HuaweiAccount {
        HuaweiAccount(
            name: "test", region: region, projectId: projectId, endpoint: endpoint.flatMap { URL(string: $0) },
            credentials: credentials, apiVersion: apiVersion
        )
    }

    /// A client that only builds and decodes (never sends), with a pinned clock.
    static func offlineClient(
        account: HuaweiAccount = account(), redactor: Redactor = Redactor(),
        clock: @escaping @Sendable () -> Date = Fixture.pinnedClock
    ) -> HuaweiClient {
        HuaweiClient(account: account, transport: Fixture.idleTransport, redactor: redactor, clock: clock, userAgent: userAgent)
    }

    /// A DCS answer written in the test.
    static func response(_ status: Int, _ body: String, requestId: String? = nil) -> ProviderHTTPResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Server", "api-gateway")]
        if let requestId { headers.append(("X-Request-Id", requestId)) }
        return ProviderHTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// Decodes a response model from JSON text written in the test.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// The query of `url` (after `?`), raw.
    static func rawQuery(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return "" }
        return String(url[url.index(after: mark)...])
    }

    /// `name=value&…` percent-decoded (`+` stays a plus, as API Gateway reads it), in wire order.
    static func decodeQuery(_ query: String) -> [(name: String, value: String)] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String { String(text).removingPercentEncoding ?? "<undecodable>" }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The body of a request or record parsed as a JSON object with string values.
    static func jsonObject(_ bytes: [UInt8]) -> [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return object.compactMapValues { $0 as? String }
    }

    /// A whole-second "now" (DCS's query times have no fractions).
    static func wholeSecondNow() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A Huawei simulator on loopback plus a `ProviderTransport`, torn down after `body` whether it
/// throws or not.
struct HuaweiSimulatorHarness {
    /// Master/standby, RUNNING.
    static let ha = "11111111-0000-4000-8000-000000000001"
    /// Redis Cluster, RUNNING.
    static let cluster = "11111111-0000-4000-8000-000000000002"
    /// Single-node: no backups, no restores.
    static let single = "11111111-0000-4000-8000-000000000003"
    /// Master/standby, RESTORING.
    static let restoring = "11111111-0000-4000-8000-000000000004"
    /// Master/standby, RUNNING, never backed up (empty lists).
    static let empty = "11111111-0000-4000-8000-000000000005"
    static let unknown = "11111111-0000-4000-8000-000000000099"

    static let versions: [HuaweiAccount.APIVersion] = [.v2, .v1_0]

    let simulator: HuaweiSimulator
    let transport: ProviderTransport

    static func ref(_ id: String) -> InstanceRef {
        InstanceRef(instanceId: id, provider: .huawei, account: "test", region: HuaweiFixture.region)
    }

    static func context(seconds: TimeInterval = 20) -> CallContext {
        CallContext(requestId: "req-test", deadline: Date().addingTimeInterval(seconds))
    }

    /// The redactor the gateway builds for an account: its secret, access key and token.
    static func redactor(_ credentials: SigningCredentials) -> Redactor {
        Redactor(knownSecrets: [credentials.secret, credentials.accessKeyId] + (credentials.sessionToken.map { [$0] } ?? []))
    }

    /// A driver against this simulator, with these credentials, API generation and clock.
    func driver(
        _ apiVersion: HuaweiAccount.APIVersion = .v2,
        credentials: SigningCredentials = HuaweiFixture.credentials,
        projectId: String = HuaweiFixture.projectId,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> HuaweiDriver {
        let account = HuaweiAccount(
            name: "test", region: HuaweiFixture.region, projectId: projectId, endpoint: URL(string: simulator.endpoint)!,
            credentials: credentials, apiVersion: apiVersion, requestTimeout: .seconds(15)
        )
        return HuaweiDriver(
            account: account, transport: transport, redactor: Self.redactor(credentials), userAgent: HuaweiFixture.userAgent,
            clock: clock
        )
    }

    /// The requests the simulator received for `action`, oldest first.
    func requests(_ action: String) async -> [SimulatedRequestRecord] {
        await simulator.receivedRequests().filter { $0.action == action }
    }

    /// The decoded query parameters of a recorded request, by name.
    static func query(_ record: SimulatedRequestRecord) -> [String: String] {
        var byName: [String: String] = [:]
        for pair in HuaweiFixture.decodeQuery(record.query) { byName[pair.name] = pair.value }
        return byName
    }

    static func run(
        credential: HuaweiSimulatorCredential = HuaweiSimulatorCredential(
            accessKey: HuaweiFixture.accessKey, secretKey: HuaweiFixture.secretKey
        ),
        progression: HuaweiTaskProgression = .perPoll(steps: 3),
        emptyListStatus: Int = 204,
        enforceRateLimits: Bool = false,
        rateLimits: [String: Int] = HuaweiSimulatorConfiguration.defaultRateLimits,
        simulatorClock: @escaping @Sendable () -> Date = { Date() },
        _ body: (HuaweiSimulatorHarness) async throws -> Void
    ) async throws {
        let simulator = HuaweiSimulator(configuration: HuaweiSimulatorConfiguration(
            credentials: [credential], projectId: HuaweiFixture.projectId, region: HuaweiFixture.region,
            progression: progression, enforceRateLimits: enforceRateLimits, rateLimits: rateLimits,
            emptyListStatus: emptyListStatus, clock: simulatorClock
        ))
        try await simulator.start()
        let transport = ProviderTransport()
        let harness = HuaweiSimulatorHarness(simulator: simulator, transport: transport)
        await harness.seed()
        var failure: (any Error)?
        do {
            try await body(harness)
        } catch {
            failure = error
        }
        try await transport.shutdown()
        await simulator.stop()
        if let failure { throw failure }
    }

    func seed() async {
        await simulator.addInstance(.init(instanceId: Self.ha, name: "orders-ha"))
        await simulator.addInstance(.init(instanceId: Self.cluster, name: "sessions-cluster", cacheMode: "cluster", capacity: 8, shardingCount: 3))
        await simulator.addInstance(.init(instanceId: Self.single, name: "cache-single", cacheMode: "single", replicaCount: 1))
        await simulator.addInstance(.init(instanceId: Self.restoring, name: "busy-ha", status: "RESTORING"))
        await simulator.addInstance(.init(instanceId: Self.empty, name: "fresh-ha"))
    }

    /// Adds `count` backups of `instanceId` in `status`, the i-th created `spacing × i` seconds
    /// before `anchor`; returns their ids newest first.
    @discardableResult
    func seedBackups(
        of instanceId: String, count: Int, status: String = "succeed", backupType: String = "auto",
        anchor: Date = HuaweiFixture.wholeSecondNow(), spacing: TimeInterval = 3600, idPrefix: String = "22222222"
    ) async -> [String] {
        guard count > 0 else { return [] }
        var ids: [String] = []
        for index in 1...count {
            let id = "\(idPrefix)-0000-4000-8000-" + String(format: "%012d", index)
            await simulator.addBackup(HuaweiSimulatedBackup(
                backupId: id, instanceId: instanceId, remark: "seed \(index)", backupType: backupType, status: status,
                size: 4096, createdAt: anchor.addingTimeInterval(-Double(index) * spacing),
                errorCode: status == "failed" ? "dcs.08.0002" : nil
            ))
            ids.append(id)
        }
        return ids
    }
}

/// Helpers of the Huawei driver tests.
enum HuaweiDriverSupport {
    /// Refreshes `record` until it is terminal (at most `limit` times); returns how many refreshes it took.
    @discardableResult
    static func refreshUntilDone(_ record: inout OperationRecord, driver: HuaweiDriver, limit: Int = 10) async throws -> Int {
        for attempt in 1...limit {
            let update = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            record.apply(update, at: Date())
            if record.done { return attempt }
        }
        return limit
    }

    static func record(
        _ kind: OperationKind, instanceId: String = HuaweiSimulatorHarness.ha, createdAt: Date = Date(), id: String = OperationID.make()
    ) -> OperationRecord {
        OperationRecord(
            id: id, kind: kind, instanceId: instanceId, provider: .huawei, account: "test", region: HuaweiFixture.region,
            createdAt: createdAt
        )
    }
}
