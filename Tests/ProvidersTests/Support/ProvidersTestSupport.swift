import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators

/// Fixed inputs shared by the Providers tests.
enum Fixture {
    /// 2026-01-01T00:00:00Z (2026-01-01 08:00:00 in UTC+8).
    static let pinnedNow = Date(timeIntervalSince1970: 1_767_225_600)
    static let pinnedClock: @Sendable () -> Date = { pinnedNow }

    static let secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
    static let secretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
    static let region = "ap-guangzhou"
    static let userAgent = "redis-backup-gateway-tests"

    static let credentials = SigningCredentials(accessKeyId: secretId, secret: secretKey)

    /// A valid operation id (`op_` + 26 base32 characters).
    static let operationId = "op_abcdefghijklmnopqrstuvwxyz"

    static func account(
        endpoint: String? = "https://redis.tencentcloudapi.com",
        region: String = region,
        credentials: SigningCredentials = credentials
    ) -> TencentAccount {
        TencentAccount(name: "test", region: region, endpoint: endpoint.flatMap { URL(string: $0) }, credentials: credentials)
    }

    /// A client that is only used to build and decode (it never sends), so it shares one idle
    /// transport that never opens a connection and lives for the whole test process.
    static func offlineClient(
        account: TencentAccount = account(), redactor: Redactor = Redactor(), clock: @escaping @Sendable () -> Date = pinnedClock
    ) -> TencentClient {
        TencentClient(account: account, transport: idleTransport, redactor: redactor, clock: clock, userAgent: userAgent)
    }

    /// Never used to send; kept alive (never deinitialized) so it needs no shutdown.
    static let idleTransport = ProviderTransport()
}

/// A Tencent simulator on loopback plus a `ProviderTransport`, torn down after `body`
/// whether it throws or not.
struct SimulatorHarness {
    static let password = "instance-Pa55word!"

    let simulator: TencentSimulator
    let transport: ProviderTransport

    var ref: InstanceRef { Self.ref("crs-test01") }

    static func ref(_ id: String) -> InstanceRef {
        InstanceRef(instanceId: id, provider: .tencent, account: "test", region: Fixture.region)
    }

    static func context(seconds: TimeInterval = 20) -> CallContext {
        CallContext(requestId: "req-test", deadline: Date().addingTimeInterval(seconds))
    }

    /// A driver against this simulator, with these credentials and clock.
    func driver(
        credentials: SigningCredentials = Fixture.credentials,
        clock: @escaping @Sendable () -> Date = { Date() },
        requestTimeout: Duration = .seconds(15)
    ) -> TencentDriver {
        let account = TencentAccount(
            name: "test", region: Fixture.region, endpoint: URL(string: simulator.endpoint)!,
            credentials: credentials, requestTimeout: requestTimeout
        )
        return TencentDriver(
            account: account, transport: transport,
            redactor: Redactor(knownSecrets: [credentials.secret] + (credentials.sessionToken.map { [$0] } ?? [])),
            userAgent: Fixture.userAgent, clock: clock
        )
    }

    /// The requests the simulator received for `action`, oldest first.
    func requests(_ action: String) async -> [SimulatedRequestRecord] {
        await simulator.receivedRequests().filter { $0.action == action }
    }

    static func run(
        credential: TencentSimulatorCredential = TencentSimulatorCredential(secretId: Fixture.secretId, secretKey: Fixture.secretKey),
        progression: TencentTaskProgression = .perPoll(steps: 3),
        simulatorClock: @escaping @Sendable () -> Date = { Date() },
        transport configuration: ProviderTransport.Configuration = .init(),
        _ body: (SimulatorHarness) async throws -> Void
    ) async throws {
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [credential],
            regions: [Fixture.region],
            taskProgression: progression,
            enforceRateLimits: false,
            clock: simulatorClock
        ))
        try await simulator.start()
        let transport = ProviderTransport(configuration: configuration)
        let harness = SimulatorHarness(simulator: simulator, transport: transport)
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

    /// `crs-test01` running with a password; `crs-test02` password-free cluster.
    func seed() async {
        await simulator.addInstance(.init(id: "crs-test01", name: "orders", password: Self.password))
        await simulator.addInstance(.init(id: "crs-test02", name: "sessions", noAuth: true, productType: "cluster"))
    }

    /// Adds `count` usable backups of `instanceId`, the i-th started i hours ago; returns their ids newest first.
    @discardableResult
    func seedBackups(of instanceId: String, count: Int, remark: String? = nil) async -> [String] {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        var ids: [String] = []
        for index in 1...count {
            let digits = String(index)
            let id = "9" + String(repeating: "0", count: 23 - digits.count) + digits
            let start = now.addingTimeInterval(-Double(index) * 3600)
            await simulator.addBackup(TencentSimulatedBackup(
                backupId: id, instanceId: instanceId, instanceName: "orders", startTime: start,
                endTime: start.addingTimeInterval(60), backupType: "0", status: 2, remark: remark,
                backupSize: 1024, expireTime: start.addingTimeInterval(7 * 86_400)
            ))
            ids.append(id)
        }
        return ids
    }
}

/// Helpers of the driver tests.
enum DriverSupport {
    /// Refreshes `record` until it is terminal (at most `limit` times); returns how many refreshes it took.
    @discardableResult
    static func refreshUntilDone(_ record: inout OperationRecord, driver: TencentDriver, limit: Int = 8) async throws -> Int {
        for attempt in 1...limit {
            let update = try await driver.refresh(record, context: SimulatorHarness.context())
            record.apply(update, at: Date())
            if record.done { return attempt }
        }
        return limit
    }

    static func record(_ kind: OperationKind, instanceId: String = "crs-test01", remark: String? = nil) -> OperationRecord {
        OperationRecord(
            id: OperationID.make(), kind: kind, instanceId: instanceId, provider: .tencent, account: "test",
            region: Fixture.region, remark: remark, createdAt: Date()
        )
    }
}
