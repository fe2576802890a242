import Foundation
import Simulators
import Testing

/// What a kill -9 run must show once the last gateway process runs: every answer was a 202 or
/// none (the kill), every accepted operation is stored, at most one operation and at most one
/// provider write per instance, no provider write without a stored operation, and every
/// operation ends (polled, and reconciled in the background) where the provider's own record of
/// its backup or restore ended — one whose write never reached the provider stays in doubt.
struct KillNineVerdict {
    var problems: [String] = []
    var summary = ""

    static func check(
        attempts: [KillLoad.Attempt], providers: [ResilienceProvider], client: GatewayClient, timeout: Duration
    ) async throws -> KillNineVerdict {
        var verdict = KillNineVerdict()
        let attemptOf = Dictionary(attempts.map { ($0.instanceId, $0) }) { first, _ in first }
        for attempt in attempts {
            if case .answered(let status, let body) = attempt.outcome {
                verdict.problems.append("\(attempt.instanceId): answered \(status) instead of 202: \(body.prefix(400))")
            }
        }

        var operations: [String: [String: Any]] = [:]
        for operation in try await listOperations(client) {
            let instance = operation["instanceId"] as? String ?? "?"
            if attemptOf[instance] == nil { verdict.problems.append("operation on an instance no caller asked about: \(operation)") }
            if let other = operations[instance] {
                verdict.problems.append("two operations on \(instance): \(other["id"] ?? "?") and \(operation["id"] ?? "?")")
            }
            operations[instance] = operation
        }
        for attempt in attempts {
            if case .accepted(let id) = attempt.outcome, operations[attempt.instanceId]?["id"] as? String != id {
                verdict.problems.append("operation \(id) on \(attempt.instanceId) was accepted (202) but is not stored")
            }
        }

        // Poll every operation until it agrees with the provider (the background reconciler
        // works on the ones whose answer the kill lost).
        let deadline = ContinuousClock.now + timeout
        var open = Set(operations.keys)
        while !open.isEmpty, ContinuousClock.now < deadline {
            let records = await requests(providers)
            for instance in open.sorted() {
                guard let attempt = attemptOf[instance], let id = operations[instance]?["id"] as? String else { open.remove(instance); continue }
                let reply = try await client.get("/operations/\(id)")
                guard reply.status == 200 else { continue }
                operations[instance] = reply.json
                let provider = providers[attempt.provider]
                let writes = provider.writes(to: instance, in: records[attempt.provider]).count
                let truth = await provider.truth(attempt.kind, instance)
                if agrees(reply.json, with: truth, writes: writes) { open.remove(instance) }
            }
            if !open.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }

        let records = await requests(providers)
        var inDoubt = 0, unsent = 0
        for attempt in attempts {
            let provider = providers[attempt.provider]
            let writes = provider.writes(to: attempt.instanceId, in: records[attempt.provider]).count
            if writes > 1 { verdict.problems.append("\(writes) provider writes for one request on \(attempt.instanceId)") }
            guard let operation = operations[attempt.instanceId] else {
                if writes > 0 {
                    verdict.problems.append("a provider write on \(attempt.instanceId) without a stored operation (\(attempt.kind), \(attempt.outcome))")
                }
                continue
            }
            if case .lost = attempt.outcome { inDoubt += 1 }
            if writes == 0 { unsent += 1 }
            let truth = await provider.truth(attempt.kind, attempt.instanceId)
            if !agrees(operation, with: truth, writes: writes) {
                verdict.problems.append(
                    "\(provider.name) \(attempt.kind) \(operation["id"] ?? "?") on \(attempt.instanceId) is \(operation["state"] ?? "?")"
                        + " (backupId \(operation["backupId"] ?? "-")); the provider says \(truth) after \(writes) write(s); \(attempt.outcome)"
                )
            }
        }
        let accepted = attempts.filter { if case .accepted = $0.outcome { true } else { false } }.count
        verdict.summary = "\(accepted) accepted, \(operations.count) stored, \(inDoubt) stored with the answer lost, \(unsent) never sent"
        return verdict
    }

    /// Whether the gateway's operation says what the provider says: a terminal state equal to
    /// the provider's (and the same backup), or — when no write reached the provider — still
    /// in doubt.
    static func agrees(_ operation: [String: Any], with truth: ResilienceProvider.Truth, writes: Int) -> Bool {
        let state = operation["state"] as? String
        if writes == 0 { return truth == .notStarted && (state == "pending" || state == "unknown") }
        guard let expected = truth.state, state == expected else { return false }
        if case .succeeded(let backupId?) = truth { return operation["backupId"] as? String == backupId }
        return true
    }

    static func requests(_ providers: [ResilienceProvider]) async -> [[SimulatedRequestRecord]] {
        var all: [[SimulatedRequestRecord]] = []
        for provider in providers { all.append(await provider.requests()) }
        return all
    }

    /// Every stored operation, through `GET /operations` page by page.
    static func listOperations(_ client: GatewayClient) async throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        var token: String?
        repeat {
            let page = try await client.get("/operations?pageSize=100" + (token.map { "&pageToken=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""))
            try #require(page.status == 200, "GET /operations: \(page.status) \(page.body)")
            all += page.json["operations"] as? [[String: Any]] ?? []
            token = page.json["nextPageToken"] as? String
        } while token != nil
        return all
    }
}
