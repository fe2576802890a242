import Foundation
import GatewayCore
import Simulators
import Synchronization

/// The load: workers POST a backup or a restore, each on a fresh instance, to whichever gateway
/// process serves now (none while it restarts), and keep what they got.
final class KillLoad: Sendable {
    struct Attempt: Sendable {
        let provider: Int
        let kind: OperationKind
        let instanceId: String
        let outcome: Outcome
    }

    enum Outcome: Sendable {
        case accepted(operationId: String)
        case answered(status: Int, body: String)
        /// No answer: the process was killed with the request in flight (or already gone).
        case lost(String)
    }

    private struct State {
        var client: GatewayClient?
        var clients: [GatewayClient] = []
        var attempts: [Attempt] = []
        var accepted = 0
        var next = 0
        var stopped = false
    }

    let providers: [ResilienceProvider]
    private let state = Mutex(State())

    init(providers: [ResilienceProvider]) { self.providers = providers }

    var attempts: [Attempt] { state.withLock { $0.attempts } }

    /// The gateway new requests go to; nil holds them back.
    func serve(_ client: GatewayClient?) {
        state.withLock { state in
            state.client = client
            if let client { state.clients.append(client) }
        }
    }

    /// Shuts down every client `serve` was given.
    func shutdownClients() {
        for client in state.withLock({ $0.clients }) { client.shutdown() }
    }

    func stop() { state.withLock { $0.stopped = true } }

    /// Waits until `more` requests beyond the current count were accepted (false on timeout).
    func waitForAccepted(more: Int, timeout: Duration) async -> Bool {
        let target = state.withLock { $0.accepted } + more
        let deadline = ContinuousClock.now + timeout
        while state.withLock({ $0.accepted }) < target {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    func run(workers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers { group.addTask { await self.work() } }
        }
    }

    private func work() async {
        while true {
            let (client, n, stopped) = state.withLock { (state: inout State) -> (GatewayClient?, Int, Bool) in
                guard !state.stopped, state.client != nil else { return (nil, 0, state.stopped) }
                state.next += 1
                return (state.client, state.next, false)
            }
            if stopped { return }
            guard let client else {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            let index = n % providers.count
            let provider = providers[index]
            let kind: OperationKind = (n / providers.count) % 2 == 0 ? .backup : .restore
            let (instanceId, restoreBody) = await provider.addInstance(n)
            // The provider answers writes slowly: kills land while they are in flight.
            let write = kind == .backup ? provider.backupAction : provider.restoreAction
            await provider.inject(SimulatedFault(action: write, instanceId: instanceId, effect: .delay(.milliseconds(250))))
            if kind == .restore, n % 3 == 0 {
                await provider.inject(SimulatedFault(action: write, instanceId: instanceId, effect: .failTask(message: "dcs.08.0001")))
            }
            let outcome: Outcome
            do {
                let reply = try await client.post(
                    "/instances/\(instanceId)/\(kind == .backup ? "backups" : "restores")", json: kind == .backup ? provider.backupBody : restoreBody
                )
                if reply.status == 202, let id = reply.json["id"] as? String {
                    outcome = .accepted(operationId: id)
                } else {
                    outcome = .answered(status: reply.status, body: reply.body)
                }
            } catch {
                outcome = .lost("\(error)")
            }
            state.withLock { state in
                state.attempts.append(Attempt(provider: index, kind: kind, instanceId: instanceId, outcome: outcome))
                if case .accepted = outcome { state.accepted += 1 }
            }
        }
    }
}
