import Foundation

/// An in-process fake of Tencent Cloud Redis API 3.0 (`redis`, version 2018-04-12) on loopback:
/// verifies TC3-HMAC-SHA256 like Tencent, keeps instances, backups and tasks, answers with
/// Tencent's envelopes and codes, and injects faults. Call `stop()` when done.
public final class TencentSimulator: Sendable {
    public let configuration: TencentSimulatorConfiguration
    /// The simulated account.
    public let state: TencentSimulatorState
    private let server: SimulatorServer

    public convenience init(configuration: TencentSimulatorConfiguration) {
        self.init(configuration: configuration, instances: [], backups: [])
    }

    init(configuration: TencentSimulatorConfiguration, instances: [TencentSimulatedInstance], backups: [TencentSimulatedBackup]) {
        self.configuration = configuration
        let state = TencentSimulatorState(configuration: configuration, instances: instances, backups: backups)
        self.state = state
        let handler = TencentRequestHandler(configuration: configuration, state: state)
        self.server = SimulatorServer(label: "TencentSimulator") { request in
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

    public func addInstance(_ instance: TencentSimulatedInstance) async { await state.addInstance(instance) }

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

    /// Every API request received (control endpoints excluded), oldest first.
    public func receivedRequests() async -> [SimulatedRequestRecord] { await state.receivedRequests() }
}
