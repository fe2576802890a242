import Foundation

/// An in-process fake of Huawei Cloud DCS (Redis) behind API Gateway on loopback: verifies
/// SDK-HMAC-SHA256 like API Gateway (±15-minute window, STS tokens, the five-failure AK
/// lockout), serves the v2 and v1.0 backup, restore and show-instance calls with DCS's shapes,
/// codes and HTTP statuses, and injects faults. Call `stop()` when done.
///
/// Choices where huawei.md leaves room:
/// * Order of checks: body size (12 MB, `APIGW.0201`/413) → route (`APIGW.0101`/404, also for a
///   trailing `/` or another method) → AK/SK (`APIGW.0301`/401) → project → faults → rate
///   limits → DCS rules. Faults therefore never hide an authentication failure.
/// * Project: a path project that is not 32 hex digits → 400 `DCS.4002` (`111400002` on
///   v1.0); a well-formed one (path or `X-Project-Id`) other than the configured project →
///   403 `APIGW.0310`.
/// * Empty v2 lists answer 204 with no body (configurable: `emptyListStatus: 200`); a page
///   past the end of a non-empty list is 200 with an empty array; v1.0 lists always 200.
/// * Both POSTs need a JSON object body (`{}` is fine): empty → `DCS.4004`, not an object →
///   `DCS.4005`; unknown members (and `backup_format` on v1.0) → `DCS.4800`.
/// * Busy checks come before the status check, so a running backup answers `DCS.4096` and a
///   running restore — or any instance whose status is `RESTORING` — `DCS.4097` (not
///   `DCS.4049`); other statuses than `RUNNING` answer `DCS.4049`.
/// * A restore of an unknown backup, another instance's backup, or one not `succeed` →
///   `DCS.4087`.
/// * v1.0 `start` is a 1-based record index (`start = offset + 1`); each generation ignores the
///   other's parameter names.
/// * Query strings are decoded `%XX` only (`+` stays a plus, as the SDK never sends `+`).
/// * STS: a temporary credential needs `X-Security-Token` present and signed ("verify aksk
///   signature fail" otherwise) and equal ("decrypt token fail"); a token sent with a
///   permanent AK is refused ("decrypt token fail").
/// * AK lockout: only failures of a known AK count (date, token, signature); the fifth locks
///   it for five minutes of the injected clock; requests while locked do not extend it.
/// * A `failTask` fault's message is used as `error_code` when it reads `dcs.08.NNNN`,
///   `dcs.08.0001` otherwise.
public final class HuaweiSimulator: Sendable {
    public let configuration: HuaweiSimulatorConfiguration
    let state: HuaweiSimulatorState
    private let server: SimulatorServer

    public convenience init(configuration: HuaweiSimulatorConfiguration) {
        self.init(configuration: configuration, instances: [], backups: [])
    }

    init(
        configuration: HuaweiSimulatorConfiguration,
        instances: [HuaweiSimulatedInstance],
        backups: [HuaweiSimulatedBackup]
    ) {
        self.configuration = configuration
        let state = HuaweiSimulatorState(configuration: configuration, instances: instances, backups: backups)
        self.state = state
        let handler = HuaweiRequestHandler(configuration: configuration, state: state)
        self.server = SimulatorServer(label: "HuaweiSimulator") { request in
            await handler.handle(request)
        }
    }

    /// Binds `host:port` (0 = any free port) and returns once listening.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        try await server.start(host: host, port: port)
    }

    /// The bound port after `start`.
    public var port: Int { server.port }

    /// `http://<host>:<port>`.
    public var endpoint: String { "http://\(server.host):\(server.port)" }

    public func stop() async {
        await server.stop()
    }

    // MARK: State

    /// Adds an instance, replacing one with the same id.
    public func addInstance(_ instance: HuaweiSimulatedInstance) async { await state.addInstance(instance) }

    /// Adds a backup record, replacing one with the same id. A `waiting`/`backuping` record
    /// advances like one the API created.
    public func addBackup(_ backup: HuaweiSimulatedBackup) async { await state.addBackup(backup) }

    /// Adds a restore record, replacing one with the same id (the instance status is left as
    /// given).
    public func addRestore(_ restore: HuaweiSimulatedRestore) async { await state.addRestore(restore) }

    /// The instance as it is now (timed records brought up to the clock).
    public func instance(_ id: String) async -> HuaweiSimulatedInstance? { await state.instance(id) }

    /// The instance's backup records (every status), newest first.
    public func backups(of instanceId: String) async -> [HuaweiSimulatedBackup] { await state.backups(of: instanceId) }

    /// The instance's restore records, newest first.
    public func restores(of instanceId: String) async -> [HuaweiSimulatedRestore] { await state.restores(of: instanceId) }

    // MARK: Faults and inspection

    public func inject(_ fault: SimulatedFault) async { await state.inject(fault) }

    public func clearFaults() async { await state.clearFaults() }

    /// Faults still armed, with their remaining `times`.
    public func faults() async -> [SimulatedFault] { await state.faults() }

    /// Every API request received (control endpoints excluded), oldest first.
    public func receivedRequests() async -> [SimulatedRequestRecord] { await state.receivedRequests() }
}
