import Foundation
import GatewayCore
import Logging
import OperationStore

/// Refreshes non-terminal operations from their provider with a freshness window and
/// single-flight: however many callers poll one operation (HTTP pollers and the
/// `BackgroundReconciler` alike), the provider is asked at most once per refresh interval, and
/// concurrent polls share that one call.
///
/// Across replicas the store arbitrates (`claimRefresh`, a lease on the operation row), so two
/// gateway processes on one database do not both ask the provider about the same operation
/// within the window either.
///
/// When a refresh moves an operation into a terminal state and the operation has a
/// `callbackUrl`, its webhook is enqueued (idempotent per operation; `WebhookDispatcher`
/// delivers it).
///
/// This is where operations reach a terminal state after acceptance: each such transition
/// counts once in `gateway_operations_total{kind,state}`.
final class OperationRefresher: Sendable {
    private let directory: AccountDirectory
    private let store: any GatewayStore
    private let refreshInterval: Duration
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let metrics: GatewayMetrics?
    private let inFlight = InFlightRefreshes()

    init(
        directory: AccountDirectory, store: any GatewayStore, refreshInterval: Duration, clock: @escaping @Sendable () -> Date, logger: Logger,
        metrics: GatewayMetrics? = nil
    ) {
        self.directory = directory
        self.store = store
        self.refreshInterval = refreshInterval
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
    }

    var pollAfterSeconds: Int { max(1, Int(refreshInterval.timeInterval.rounded(.up))) }

    /// `operation` as fresh as the window requires. Never throws: when the provider cannot be
    /// asked, the stored state is answered (and the error logged).
    func fresh(_ operation: OperationRecord, requestId: String) async -> OperationRecord {
        guard !operation.done else { return operation }
        if let refreshed = operation.refreshedAt, clock().timeIntervalSince(refreshed) < refreshInterval.timeInterval {
            return operation
        }
        return await inFlight.run(operation.id) {
            await self.refresh(operation, requestId: requestId)
        }
    }

    private func refresh(_ operation: OperationRecord, requestId: String) async -> OperationRecord {
        var current = operation
        // Another poller (or replica) may have refreshed it meanwhile.
        if let stored = try? await store.get(operation.id) {
            current = stored
            if stored.done {
                // Finished by another poller or replica; make sure its webhook is queued.
                await enqueueWebhookIfFinished(stored)
                return stored
            }
            if let refreshed = stored.refreshedAt, clock().timeIntervalSince(refreshed) < refreshInterval.timeInterval { return stored }
        }
        guard let account = directory.account(named: current.account) else {
            return current
        }
        // `pending` with a young record: the start call is still in flight in some request
        // (this process or another replica). Refreshing now would race its update; after the
        // grace period a pending operation is one whose starter vanished, and is reconciled.
        let startGrace = (account.settings.requestTimeout + account.settings.rateLimitWait + .seconds(10)).timeInterval
        if current.state == .pending, clock().timeIntervalSince(current.createdAt) < startGrace {
            return current
        }
        // Across replicas: only the one that claims the refresh asks the provider; the others
        // answer the stored state (it was refreshed within the window, or is being refreshed).
        let now = clock()
        let claimed = try? await store.claimRefresh(
            id: current.id, now: now, freshSince: now.addingTimeInterval(-refreshInterval.timeInterval),
            leaseUntil: now.addingTimeInterval(account.settings.requestTimeout.timeInterval + 5)
        )
        guard claimed == true else { return current }
        var log = logger
        log[metadataKey: "operationId"] = "\(current.id)"
        log[metadataKey: "requestId"] = "\(requestId)"
        log[metadataKey: "instanceId"] = "\(current.instanceId)"
        log[metadataKey: "provider"] = "\(current.provider.rawValue)"
        log[metadataKey: "account"] = "\(current.account)"
        let context = CallContext(
            requestId: requestId, deadline: Date().addingTimeInterval(account.settings.requestTimeout.timeInterval), operationId: current.id
        )
        do {
            let update = try await account.driver.refresh(current, context: context)
            current.apply(update, at: clock())
            current.providerContext["lastRefreshError"] = nil
        } catch {
            log.warning("refresh failed; answering the stored state", metadata: [
                "code": "\(error.code)", "reason": "\(error.reason)", "providerRequestId": "\(error.provider?.requestId ?? "-")",
            ])
            current.providerContext["lastRefreshError"] = error.reason
        }
        if !current.done, clock().timeIntervalSince(current.createdAt) > account.settings.operationTimeout.timeInterval {
            current.apply(
                OperationUpdate(
                    state: .failed,
                    failure: OperationFailure(
                        code: ErrorCode.providerTimeout.rawValue, reason: "DEADLINE_EXCEEDED",
                        detail: "The operation did not finish within \(account.settings.operationTimeout) (timeouts.operation of account \(account.settings.name))."
                    )
                ),
                at: clock()
            )
        }
        current.refreshedAt = clock()
        let stored: OperationRecord
        do {
            stored = try await store.update(current)
        } catch {
            log.error("could not store the refreshed operation", metadata: ["reason": "\(error.reason)"])
            return current
        }
        // This refresh finished it: the store kept our terminal state, not an earlier one
        // (stored times may be rounded, hence the tolerance).
        if current.done, stored.state == current.state, abs(stored.updatedAt.timeIntervalSince(current.updatedAt)) < 0.01 {
            metrics?.operation(kind: stored.kind, state: stored.state)
            log.info("\(stored.kind.rawValue) \(stored.state.rawValue)")
        }
        // `current` was not terminal when read; if the store now holds a terminal record (this
        // refresh, or another replica's a moment earlier), the webhook is due. Enqueueing is
        // idempotent, so a second replica doing the same is harmless.
        await enqueueWebhookIfFinished(stored, logger: log)
        return stored
    }

    /// Enqueues the webhook of `operation` when it is terminal and has a `callbackUrl`. Never
    /// throws: a store failure is logged (the operation itself is already stored).
    func enqueueWebhookIfFinished(_ operation: OperationRecord, logger: Logger? = nil) async {
        guard operation.done, let url = operation.callbackUrl else { return }
        do {
            try await store.enqueueWebhook(operationId: operation.id, url: url, now: clock())
        } catch {
            var log = logger ?? self.logger
            log[metadataKey: "operationId"] = "\(operation.id)"
            log.error("could not enqueue the operation's webhook", metadata: ["code": "\(error.code)", "reason": "\(error.reason)"])
        }
    }
}

/// The refreshes running now, keyed by operation id: joiners await the same task.
private actor InFlightRefreshes {
    private var tasks: [String: Task<OperationRecord, Never>] = [:]

    func run(_ id: String, _ work: @escaping @Sendable () async -> OperationRecord) async -> OperationRecord {
        if let running = tasks[id] { return await running.value }
        let task = Task { await work() }
        tasks[id] = task
        let result = await task.value
        tasks[id] = nil
        return result
    }
}
