import Foundation
import GatewayCore
import Logging
import OperationStore
import ServiceLifecycle

/// Brings unfinished operations up to date without anyone polling: every `interval` it loads
/// the oldest unfinished operations and refreshes each through the `OperationRefresher`, so the
/// freshness window and single-flight hold against concurrent HTTP pollers too (an operation a
/// caller refreshed a moment ago is not asked about again). Finishing an operation this way
/// also enqueues its webhook (see `OperationRefresher`).
///
/// At most `concurrency` provider refreshes run at once. A store failure is logged and the
/// next tick tries again. On graceful shutdown it stops waiting and starts no new refresh;
/// refreshes already running end within their provider call's deadline.
///
/// Each pass sets `gateway_operations_unfinished` to the size of its batch (so the gauge is
/// capped at `batchSize`).
///
/// Every replica runs one: the refresher claims each refresh in the store first
/// (`claimRefresh`), so replicas never both ask the provider about one operation within the
/// interval; each skips what another replica refreshed or is refreshing.
struct BackgroundReconciler: Service {
    static let defaultBatchSize = 500
    static let defaultConcurrency = 8

    let store: any OperationStore
    let refresher: OperationRefresher
    let interval: Duration
    let batchSize: Int
    let concurrency: Int
    let logger: Logger
    let metrics: GatewayMetrics?

    init(
        store: any OperationStore, refresher: OperationRefresher, interval: Duration,
        batchSize: Int = Self.defaultBatchSize, concurrency: Int = Self.defaultConcurrency, logger: Logger,
        metrics: GatewayMetrics? = nil
    ) {
        self.store = store
        self.refresher = refresher
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.metrics = metrics
    }

    func run() async {
        await cancelWhenGracefulShutdown {
            var tick = 0
            while !Task.isCancelled {
                tick += 1
                await self.reconcileOnce(tick: tick)
                do {
                    try await Task.sleep(for: self.interval)
                } catch {
                    break
                }
            }
        }
        logger.debug("reconciler stopped")
    }

    /// One pass over the unfinished operations; never throws.
    func reconcileOnce(tick: Int = 0) async {
        let batch: [OperationRecord]
        do {
            batch = try await store.unfinished(limit: batchSize)
        } catch {
            // Stopping mid-query is not a store failure.
            guard !Task.isCancelled else { return }
            logger.warning("reconciler could not list unfinished operations; trying again next tick", metadata: [
                "code": "\(error.code)", "reason": "\(error.reason)",
            ])
            return
        }
        metrics?.unfinishedOperations(batch.count)
        guard !batch.isEmpty else { return }
        let requestId = "reconciler-\(tick)"
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func startNext() {
                guard next < batch.count, !Task.isCancelled else { return }
                let operation = batch[next]
                next += 1
                group.addTask { _ = await self.refresher.fresh(operation, requestId: requestId) }
            }
            for _ in 0..<min(concurrency, batch.count) { startNext() }
            while await group.next() != nil { startNext() }
        }
    }
}
