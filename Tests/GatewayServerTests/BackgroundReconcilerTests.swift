import Foundation
import GatewayCore
@testable import GatewayServer
import Logging
import OperationStore
import ServiceLifecycle
import Synchronization
import Testing

/// `BackgroundReconciler`: operations finish without anyone polling, through the refresher
/// (freshness, single-flight), with bounded concurrency; webhooks are enqueued on the way.
@Suite("Background reconciler")
struct BackgroundReconcilerTests {
    static func refresher(_ driver: ScriptedDriver, store: any GatewayStore, interval: Duration, logs: LogCapture) -> OperationRefresher {
        OperationRefresher(directory: driver.directory(), store: store, refreshInterval: interval, clock: { Date() }, logger: logs.logger())
    }

    /// Runs `services` in a ServiceGroup while `body` runs, then shuts them down gracefully and
    /// returns how long the shutdown took.
    @discardableResult
    static func whileServing(_ services: [any Service], _ body: @Sendable () async throws -> Void) async throws -> Duration {
        let group = ServiceGroup(services: services, logger: Logger(label: "test-services"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            let start = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return ContinuousClock.now - start
        }
    }

    @Test("running operations reach their final state without polling; webhooks are enqueued for those with a callbackUrl")
    func reconcilesWithoutPolling() async throws {
        let store = try SQLiteOperationStore()
        let driver = ScriptedDriver(finishAfter: 3, delay: .milliseconds(40))
        let logs = LogCapture()
        let refresher = Self.refresher(driver, store: store, interval: .milliseconds(50), logs: logs)
        var operations: [OperationRecord] = []
        for index in 0..<24 {
            var operation = sampleOperation(state: index.isMultiple(of: 4) ? .unknown : .running,
                                            callbackUrl: index.isMultiple(of: 2) ? "https://hooks.example.com/\(index)" : nil)
            if index == 5 { operation.instanceId = "crs-fail" }
            try await store.insert(operation)
            operations.append(operation)
        }
        let ids = operations.map(\.id)
        let reconciler = BackgroundReconciler(store: store, refresher: refresher, interval: .milliseconds(50), logger: logs.logger())
        let shutdown = try await Self.whileServing([reconciler]) {
            let finished = try await eventually {
                for id in ids where try await store.get(id)?.done != true { return false }
                return true
            }
            #expect(finished)
        }
        #expect(shutdown < .seconds(5))

        for (index, operation) in operations.enumerated() {
            let stored = try #require(try await store.get(operation.id))
            #expect(stored.state == (index == 5 ? .failed : .succeeded))
            // Exactly `finishAfter` provider calls each: nothing refreshed twice within the window.
            #expect(driver.calls(operation.id) == 3)
            let delivery = try await store.webhookDelivery(operationId: operation.id)
            if let url = operation.callbackUrl {
                #expect(delivery?.url == url)
                #expect(delivery?.state == .pending)
                #expect(delivery?.attempts == 0)
            } else {
                #expect(delivery == nil)
            }
        }
        #expect(driver.snapshot.peak <= BackgroundReconciler.defaultConcurrency)
        #expect(driver.snapshot.peak > 1)
    }

    @Test("a store failure is logged and the next tick tries again")
    func survivesStoreFailures() async throws {
        let store = try SQLiteOperationStore()
        let driver = ScriptedDriver(finishAfter: 1, delay: .milliseconds(1))
        let logs = LogCapture()
        let refresher = Self.refresher(driver, store: store, interval: .milliseconds(50), logs: logs)
        let operation = sampleOperation(state: .running, callbackUrl: "https://hooks.example.com/x", createdAt: Date().addingTimeInterval(-60))
        try await store.insert(operation)
        let flaky = FlakyOperationStore(base: store, failures: 3)
        let reconciler = BackgroundReconciler(store: flaky, refresher: refresher, interval: .milliseconds(50), logger: logs.logger())
        try await Self.whileServing([reconciler]) {
            let finished = try await eventually { try await store.get(operation.id)?.state == .succeeded }
            #expect(finished)
        }
        #expect(logs.all.filter { $0.contains("reconciler could not list unfinished operations") }.count == 3)
        #expect(try await store.webhookDelivery(operationId: operation.id) != nil)
    }

    @Test("pollers and the reconciler share the freshness window: at most one provider call per interval")
    func sharesTheWindowWithPollers() async throws {
        let store = try SQLiteOperationStore()
        let driver = ScriptedDriver(finishAfter: .max, delay: .milliseconds(50))
        let logs = LogCapture()
        let interval = Duration.milliseconds(400)
        let refresher = Self.refresher(driver, store: store, interval: interval, logs: logs)
        let operation = sampleOperation(state: .running, createdAt: Date().addingTimeInterval(-60))
        try await store.insert(operation)
        let reconciler = BackgroundReconciler(store: store, refresher: refresher, interval: .milliseconds(20), logger: logs.logger())
        let start = ContinuousClock.now
        try await Self.whileServing([reconciler]) {
            await withTaskGroup(of: Void.self) { pollers in
                for poller in 0..<16 {
                    pollers.addTask {
                        let until = ContinuousClock.now + .milliseconds(1600)
                        while ContinuousClock.now < until {
                            if let stored = try? await store.get(operation.id) {
                                _ = await refresher.fresh(stored, requestId: "poller-\(poller)")
                            }
                            try? await Task.sleep(for: .milliseconds(10))
                        }
                    }
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        let calls = driver.calls(operation.id)
        // One call per started window, plus the first one.
        let allowed = Int((elapsed / interval).rounded(.up)) + 1
        #expect(calls >= 2)
        #expect(calls <= allowed, "\(calls) provider calls in \(elapsed)")
        #expect(driver.snapshot.peak == 1)
    }

    @Test("graceful shutdown ends the reconciler at once, even in a long pause")
    func stopsPromptly() async throws {
        let store = try SQLiteOperationStore()
        let driver = ScriptedDriver(finishAfter: .max, delay: .milliseconds(1))
        let logs = LogCapture()
        let refresher = Self.refresher(driver, store: store, interval: .milliseconds(100), logs: logs)
        let operation = sampleOperation(state: .running, createdAt: Date().addingTimeInterval(-60))
        try await store.insert(operation)
        let reconciler = BackgroundReconciler(store: store, refresher: refresher, interval: .seconds(3600), logger: logs.logger())
        let shutdown = try await Self.whileServing([reconciler]) {
            let ticked = await eventually { driver.calls(operation.id) == 1 }
            #expect(ticked)
        }
        // The pause is an hour; anything this short proves the pause was cut (a loaded CI box
        // can take seconds to schedule the shutdown).
        #expect(shutdown < .seconds(20))
        #expect(driver.calls(operation.id) == 1)
    }
}
