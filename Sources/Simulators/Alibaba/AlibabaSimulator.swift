import Foundation

/// An in-process fake of Alibaba Cloud Tair / R-KVStore (API 2015-01-01, RPC style) on
/// loopback: verifies signature v1 (HMAC-SHA1) and ACS3-HMAC-SHA256 like Alibaba's gateway,
/// keeps instances, backup sets, cluster sets, backup jobs and restores, answers with
/// Alibaba's shapes, codes and HTTP statuses (JSON or XML), and injects faults. Call `stop()`
/// when done.
public final class AlibabaSimulator: Sendable {
    public let configuration: AlibabaSimulatorConfiguration
    let state: AlibabaSimulatorState
    private let server: SimulatorServer

    public convenience init(configuration: AlibabaSimulatorConfiguration) {
        self.init(configuration: configuration, instances: [], backups: [], clusterBackups: [])
    }

    init(
        configuration: AlibabaSimulatorConfiguration,
        instances: [AlibabaSimulatedInstance],
        backups: [AlibabaSimulatedBackup],
        clusterBackups: [AlibabaSimulatedClusterBackup]
    ) {
        self.configuration = configuration
        let state = AlibabaSimulatorState(
            configuration: configuration, instances: instances, backups: backups, clusterBackups: clusterBackups
        )
        self.state = state
        let handler = AlibabaRequestHandler(configuration: configuration, state: state)
        self.server = SimulatorServer(label: "AlibabaSimulator") { request in
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
    public func addInstance(_ instance: AlibabaSimulatedInstance) async { await state.addInstance(instance) }

    /// Adds a backup set, replacing one with the same id.
    public func addBackup(_ backup: AlibabaSimulatedBackup) async { await state.addBackup(backup) }

    /// Adds a cloud-native cluster backup set, replacing one with the same id.
    public func addClusterBackup(_ backup: AlibabaSimulatedClusterBackup) async { await state.addClusterBackup(backup) }

    /// The instance as it is now (jobs and restores brought up to the clock).
    public func instance(_ id: String) async -> AlibabaSimulatedInstance? { await state.instance(id) }

    /// The instance's backup sets (every node, failed ones included), newest first.
    public func backups(of instanceId: String) async -> [AlibabaSimulatedBackup] { await state.backups(of: instanceId) }

    /// The instance's cluster backup sets, newest first.
    public func clusterBackups(of instanceId: String) async -> [AlibabaSimulatedClusterBackup] {
        await state.clusterBackups(of: instanceId)
    }

    // MARK: Faults and inspection

    public func inject(_ fault: SimulatedFault) async { await state.inject(fault) }

    public func clearFaults() async { await state.clearFaults() }

    /// Faults still armed, with their remaining `times`.
    public func faults() async -> [SimulatedFault] { await state.faults() }

    /// Every API request received (control endpoints excluded), oldest first.
    public func receivedRequests() async -> [SimulatedRequestRecord] { await state.receivedRequests() }
}
