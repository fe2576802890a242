import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators

/// Fixed inputs shared by the Alibaba tests of the Providers target (the key pair of the
/// vectors in `alibaba.md` §6).
enum AlibabaFixture {
    static let accessKeyId = "LTAI5tExampleAccessKeyId"
    static let secret = "ExampleAccessKeySecret0123456789"
    static let region = "cn-hangzhou"
    static let nonce = "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f"
    /// A token with `+`, `/` and `=`: all three must be percent-encoded on the wire.
    static let securityToken = "CAIS.example+sts/token=="
    static let userAgent = "redis-backup-gateway-tests"
    static let centralEndpoint = "https://r-kvstore.aliyuncs.com"

    static let credentials = SigningCredentials(accessKeyId: accessKeyId, secret: secret)
    static let stsCredentials = SigningCredentials(accessKeyId: accessKeyId, secret: secret, sessionToken: securityToken)

    /// 2026-01-01T00:00:00Z.
    static var pinnedNow: Date { Fixture.pinnedNow }

    static func account(
        endpoint: String? = centralEndpoint, region: String = region, credentials: SigningCredentials = credentials,
        signatureVersion: AlibabaAccount.SignatureVersion = .acs3
    ) -> AlibabaAccount {
        AlibabaAccount(
            name: "test", region: region, endpoint: endpoint.flatMap { URL(string: $0) }, credentials: credentials,
            signatureVersion: signatureVersion
        )
    }

    /// A client that only builds and decodes (never sends), with a pinned clock and nonce.
    static func offlineClient(
        account: AlibabaAccount = account(), redactor: Redactor = Redactor(),
        clock: @escaping @Sendable () -> Date = Fixture.pinnedClock, nonce: String = nonce
    ) -> AlibabaClient {
        AlibabaClient(
            account: account, transport: Fixture.idleTransport, redactor: redactor, clock: clock, nonce: { nonce },
            userAgent: userAgent
        )
    }

    /// Decodes a response model from JSON text written in the test.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// `name=value&…` of a URL query, percent-decoded the way Alibaba's gateway form-decodes it
    /// (`+` means a space), in wire order.
    static func decodeQuery(_ query: String) -> [(name: String, value: String)] {
        guard !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<undecodable>"
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The query of `url` (after `?`), raw.
    static func rawQuery(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return "" }
        return String(url[url.index(after: mark)...])
    }

    /// A whole-second "now" (Alibaba's times have no fractions).
    static func wholeSecondNow() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}

/// An Alibaba simulator on loopback plus a `ProviderTransport`, torn down after `body`
/// whether it throws or not.
struct AlibabaSimulatorHarness {
    /// Classic Tair memory-optimized with data flashback: restorable in place.
    static let tair = "r-tair01"
    /// Classic Redis: no in-place restore.
    static let redis = "r-redis01"
    /// A classic cluster created before 2023-12-05: one backup job per shard.
    static let legacyCluster = "r-legacy01"
    /// A cloud-native cluster: cluster backup sets (`cb-…`).
    static let cloudNativeCluster = "r-cn01"
    static let unknown = "r-nothere99"

    let simulator: AlibabaSimulator
    let transport: ProviderTransport
    /// When data flashback was enabled on `tair` (a whole second, two days ago).
    let flashbackSince: Date

    static func ref(_ id: String) -> InstanceRef {
        InstanceRef(instanceId: id, provider: .alibaba, account: "test", region: AlibabaFixture.region)
    }

    static func context(seconds: TimeInterval = 10) -> CallContext {
        CallContext(requestId: "req-test", deadline: Date().addingTimeInterval(seconds))
    }

    /// A driver against this simulator, with these credentials, scheme and clock.
    func driver(
        _ signatureVersion: AlibabaAccount.SignatureVersion = .acs3,
        credentials: SigningCredentials = AlibabaFixture.credentials,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> AlibabaDriver {
        let account = AlibabaAccount(
            name: "test", region: AlibabaFixture.region, endpoint: URL(string: simulator.endpoint)!,
            credentials: credentials, signatureVersion: signatureVersion, requestTimeout: .seconds(5)
        )
        return AlibabaDriver(
            account: account, transport: transport,
            redactor: Redactor(knownSecrets: [credentials.secret] + (credentials.sessionToken.map { [$0] } ?? [])),
            userAgent: AlibabaFixture.userAgent, clock: clock
        )
    }

    /// The requests the simulator received for `action`, oldest first.
    func requests(_ action: String) async -> [SimulatedRequestRecord] {
        await simulator.receivedRequests().filter { $0.action == action }
    }

    /// The decoded parameters of a recorded request (query and form, without `Signature`).
    static func parameters(_ record: SimulatedRequestRecord) -> [String: String] {
        guard case .object(let members)? = record.parameters else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    static func run(
        credential: AlibabaSimulatorCredential = AlibabaSimulatorCredential(
            accessKeyId: AlibabaFixture.accessKeyId, secret: AlibabaFixture.secret
        ),
        progression: AlibabaJobProgression = .perPoll(steps: 3),
        _ body: (AlibabaSimulatorHarness) async throws -> Void
    ) async throws {
        let simulator = AlibabaSimulator(configuration: AlibabaSimulatorConfiguration(
            credentials: [credential], regionId: AlibabaFixture.region, progression: progression
        ))
        try await simulator.start()
        let transport = ProviderTransport()
        let harness = AlibabaSimulatorHarness(
            simulator: simulator, transport: transport,
            flashbackSince: AlibabaFixture.wholeSecondNow().addingTimeInterval(-2 * 86_400)
        )
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
        await simulator.addInstance(.init(
            instanceId: Self.tair, instanceName: "orders-tair", instanceType: "Tair", instanceClass: "tair.rdb.2g",
            nodeType: "double", enableBackupLog: true, backupLogStartTime: flashbackSince
        ))
        await simulator.addInstance(.init(instanceId: Self.redis, instanceName: "sessions-redis"))
        await simulator.addInstance(.init(
            instanceId: Self.legacyCluster, instanceName: "legacy-cluster", architectureType: "cluster",
            nodeType: "double", shardCount: 2, legacyShardJobs: true
        ))
        await simulator.addInstance(.init(
            instanceId: Self.cloudNativeCluster, instanceName: "cn-cluster", architectureType: "cluster",
            instanceType: "Tair", instanceClass: "tair.rdb.with.proxy.1g", nodeType: "MASTER_SLAVE", shardCount: 2
        ))
    }

    /// Adds `count` successful automated backups of `instanceId`, the i-th started i hours ago;
    /// returns their ids newest first.
    @discardableResult
    func seedBackups(of instanceId: String, count: Int, firstId: Int64 = 1_700_000_001) async -> [String] {
        let now = AlibabaFixture.wholeSecondNow()
        var ids: [String] = []
        for index in 0..<count {
            let id = firstId + Int64(index)
            await simulator.addBackup(AlibabaSimulatedBackup(
                backupId: id, instanceId: instanceId, startTime: now.addingTimeInterval(-Double(index + 1) * 3600),
                sizeBytes: 4096
            ))
            ids.append(String(id))
        }
        return ids
    }
}

/// Helpers of the Alibaba driver tests.
enum AlibabaDriverSupport {
    /// Refreshes `record` until it is terminal (at most `limit` times); returns how many refreshes it took.
    @discardableResult
    static func refreshUntilDone(_ record: inout OperationRecord, driver: AlibabaDriver, limit: Int = 10) async throws -> Int {
        for attempt in 1...limit {
            let update = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            record.apply(update, at: Date())
            if record.done { return attempt }
        }
        return limit
    }

    static func record(_ kind: OperationKind, instanceId: String, createdAt: Date = Date()) -> OperationRecord {
        OperationRecord(
            id: OperationID.make(), kind: kind, instanceId: instanceId, provider: .alibaba, account: "test",
            region: AlibabaFixture.region, createdAt: createdAt
        )
    }
}
