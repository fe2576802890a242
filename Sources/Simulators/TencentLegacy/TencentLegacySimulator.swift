import Foundation

/// An in-process fake of the legacy Tencent Cloud CRS API 2.0
/// (`https://redis.api.qcloud.com/v2/index.php`) on loopback: verifies the HmacSHA1 /
/// HmacSHA256 parameter signature like Tencent, keeps instances, backups and tasks, answers
/// with the `{code, message, codeDesc, …}` envelope and Tencent's numeric codes, and injects
/// faults. The gateway posts to `endpoint + "/v2/index.php"`. Call `stop()` when done.
///
/// Choices where tencent.md leaves room:
/// * Transport: `GET` (query) or `POST` (query + `application/x-www-form-urlencoded` body;
///   `+` is a space). Plain HTTP is accepted (loopback; Tencent answers 4600). Another path
///   → 404, another method → 405 (plain text). Every API answer is HTTP 200 JSON.
/// * Order of checks: missing `Action`/`SecretId`/`Timestamp`/`Nonce`/`Signature` → 4000
///   `MissingParameter`; non-numeric Timestamp or Nonce → 4000 `InvalidParameter`; unknown
///   SecretId → 4104; Timestamp more than `timestampWindow` (300 s) off → 4500; signature
///   mismatch → 4100 "authentication failed"; `Token` not equal to the credential's token (or
///   sent with a permanent key) → 4105; a Nonce the same SecretId used within the window →
///   4500 (only correctly signed requests consume a nonce); unknown Action → 6100
///   `InvalidAction`; `Region` missing → 4000 `MissingParameter`, not served → 4000
///   `InvalidRegion`; then faults; then the action's rules.
/// * Module errors (10701, 10702, 10707, 10710, 10711, 10712, 11201, 11213) use the configured
///   `moduleErrorShape`: (a) `code` 4000 (for 11201) or 5100 + `"(NNNNN)…"` message, or (b)
///   the module number in `code`. `codeDesc` is the business name in both.
///   Request records carry the module number as `errorCode` for module errors.
/// * Instances are looked up in the call's region (`gz` = `ap-guangzhou`, `sh` =
///   `ap-shanghai`, …): an instance of another region is 10701.
/// * ManualBackupInstance / RestoreInstance: 10701 → 10707 (a task runs on it) → 10702 (status ≠
///   2); restore then 11213 (unknown or another instance's backup) → 10710 (locked, or status 1)
///   → 10711 (status ≠ 2) → 10712 (wrong password; a `noAuth` instance accepts any). Missing
///   business parameters → 11201. A restore locks its backup (`locked` 1) until the task ends.
/// * GetRedisBackupList needs limit (1…100), offset and redisId (unknown → 10701), shows the
///   last 7 days of the clock, newest first, `beginTime`/`endTime` on the start time (UTC+8).
///   DescribeTaskInfo of an unknown task → 11201. DescribeRedis filters by `redisId`/`redisName`.
/// * Faults: `error(code:message:)` — a numeric code is answered as is (a module number in the
///   configured shape, a common code with its codeDesc), other text becomes the codeDesc of a
///   5100 answer; `throttle` → 4400; `httpStatus`, `delay`, `dropConnection`, `malformedBody`,
///   `hugeBody`, `stalledBody` and `failTask` (the task ends with status 3) as in the other simulators. Faults match
///   `redisId`, or the instance of the task `requestId` names.
public final class TencentLegacySimulator: Sendable {
    public let configuration: TencentLegacySimulatorConfiguration
    let state: TencentLegacySimulatorState
    private let server: SimulatorServer

    public convenience init(configuration: TencentLegacySimulatorConfiguration) {
        self.init(configuration: configuration, instances: [], backups: [])
    }

    init(
        configuration: TencentLegacySimulatorConfiguration,
        instances: [TencentSimulatedInstance],
        backups: [TencentSimulatedBackup]
    ) {
        self.configuration = configuration
        let state = TencentLegacySimulatorState(configuration: configuration, instances: instances, backups: backups)
        self.state = state
        let handler = TencentLegacyRequestHandler(configuration: configuration, state: state)
        self.server = SimulatorServer(label: "TencentLegacySimulator") { request in
            await handler.handle(request)
        }
    }

    /// Binds `host:port` (0 = any free port) and returns once listening.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        try await server.start(host: host, port: port)
    }

    /// The bound port after `start`.
    public var port: Int { server.port }

    /// `http://<host>:<port>`; the API lives at `endpoint + "/v2/index.php"`.
    public var endpoint: String { "http://\(server.host):\(server.port)" }

    public func stop() async {
        await server.stop()
    }

    // MARK: State

    /// Adds an instance, replacing one with the same id.
    public func addInstance(_ instance: TencentSimulatedInstance) async { await state.addInstance(instance) }

    /// Adds a backup, replacing one with the same id.
    public func addBackup(_ backup: TencentSimulatedBackup) async { await state.addBackup(backup) }

    public func instance(_ id: String) async -> TencentSimulatedInstance? { await state.instance(id) }

    /// The instance's backups, newest first.
    public func backups(of instanceId: String) async -> [TencentSimulatedBackup] { await state.backups(of: instanceId) }

    public func task(_ id: Int) async -> TencentSimulatedTask? { await state.task(id) }

    /// Every task, oldest first.
    public func tasks() async -> [TencentSimulatedTask] { await state.tasks() }

    // MARK: Faults and inspection

    public func inject(_ fault: SimulatedFault) async { await state.inject(fault) }

    public func clearFaults() async { await state.clearFaults() }

    /// Faults still armed, with their remaining `times`.
    public func faults() async -> [SimulatedFault] { await state.faults() }

    /// Every API request received (control endpoints excluded), oldest first;
    /// `action` is the `Action` parameter.
    public func receivedRequests() async -> [SimulatedRequestRecord] { await state.receivedRequests() }
}

/// The sample account behind `TencentLegacySimulator.sandbox` (region `gz` = `ap-guangzhou`):
/// * `crs-legacy01` "legacy-orders": running, 1024 MB, password `legacy-password`. Backups:
///   `manualBackupId` manual with remark "before-upgrade", ~2 days old; `automaticBackupId`
///   automatic, ~1 day old; `expiredBackupId` automatic, expired (status -1), ~6 days old.
/// * `crs-legacy02` "legacy-isolated": isolated (status -2).
public enum TencentLegacySandboxSeed {
    public static let region = "ap-guangzhou"
    public static let regions: Set<String> = ["gz", "ap-guangzhou"]
    public static let password = "legacy-password"

    public static let manualBackupId = "e824aecc-ef5e-11e6-a2c7-525400082493"
    public static let automaticBackupId = "f1a2b3c4-0d1e-11e7-9b2a-525400082493"
    public static let expiredBackupId = "0b7c5d6e-f0a1-11e6-8c3d-525400082493"

    public static func instances() -> [TencentSimulatedInstance] {
        [
            TencentSimulatedInstance(
                id: "crs-legacy01", name: "legacy-orders", region: region, status: 2, noAuth: false,
                password: password, memSizeMB: 1024
            ),
            TencentSimulatedInstance(
                id: "crs-legacy02", name: "legacy-isolated", region: region, status: -2, noAuth: false,
                password: password, memSizeMB: 512
            ),
        ]
    }

    /// The sample backups, their times relative to `now`.
    public static func backups(now: Date) -> [TencentSimulatedBackup] {
        let base = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        func ago(days: Double) -> Date { base.addingTimeInterval(-days * 86_400) }
        let mib: Int64 = 1024 * 1024
        return [
            TencentSimulatedBackup(
                backupId: manualBackupId, instanceId: "crs-legacy01", instanceName: "legacy-orders", region: region,
                startTime: ago(days: 2), endTime: ago(days: 2).addingTimeInterval(90), backupType: "0", status: 2,
                remark: "before-upgrade", backupSize: 24 * mib, expireTime: ago(days: 2).addingTimeInterval(7 * 86_400)
            ),
            TencentSimulatedBackup(
                backupId: automaticBackupId, instanceId: "crs-legacy01", instanceName: "legacy-orders", region: region,
                startTime: ago(days: 1), endTime: ago(days: 1).addingTimeInterval(85), backupType: "1", status: 2,
                remark: nil, backupSize: 23 * mib, expireTime: ago(days: 1).addingTimeInterval(7 * 86_400)
            ),
            TencentSimulatedBackup(
                backupId: expiredBackupId, instanceId: "crs-legacy01", instanceName: "legacy-orders", region: region,
                startTime: ago(days: 6), endTime: ago(days: 6).addingTimeInterval(80), backupType: "1", status: -1,
                remark: nil, backupSize: 20 * mib, expireTime: ago(days: 1)
            ),
        ]
    }
}

extension TencentLegacySimulator {
    /// A simulator seeded with `TencentLegacySandboxSeed` (regions `gz` and `ap-guangzhou`),
    /// accepting one permanent key; tasks take 1 s pending and 3 s running.
    public static func sandbox(secretId: String, secretKey: String) -> TencentLegacySimulator {
        let configuration = TencentLegacySimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)],
            regions: TencentLegacySandboxSeed.regions,
            taskProgression: .timed(preparing: .seconds(1), running: .seconds(3)),
            // Operations recorded by an earlier sandbox run must never meet a new task with their id.
            firstTaskId: Int(Date().timeIntervalSince1970 * 1000)
        )
        return TencentLegacySimulator(
            configuration: configuration,
            instances: TencentLegacySandboxSeed.instances(),
            backups: TencentLegacySandboxSeed.backups(now: configuration.clock())
        )
    }
}
