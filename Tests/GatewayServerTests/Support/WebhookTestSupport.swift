import Foundation
import GatewayConfiguration
import GatewayCore
@testable import GatewayServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OperationStore
import Synchronization

/// Polls `condition` every 20 ms until it holds or `timeout` passes (generous: CI is a loaded
/// 2-core machine); whether it held.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A webhook receiver on 127.0.0.1 (Hummingbird, ephemeral port): records every request and
/// answers with the status `respond(deliveryId, attemptNumber)` picks (attempts count from 1).
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var headers: [String: String]
        var body: [UInt8]
        var receivedAt: Date

        var deliveryId: String { headers["x-gateway-delivery"] ?? "" }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    private let received = Mutex<[Received]>([])
    let respond: @Sendable (String, Int) async -> Int

    init(respond: @escaping @Sendable (String, Int) async -> Int = { _, _ in 200 }) {
        self.respond = respond
    }

    var requests: [Received] { received.withLock { $0 } }

    func requests(for deliveryId: String) -> [Received] {
        requests.filter { $0.deliveryId == deliveryId }
    }

    /// Runs `body` with the receiver listening; its argument is the base URL (`http://127.0.0.1:<port>`).
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let attempt = self.received.withLock { list in
                list.append(Received(headers: headers, body: Array(buffer: bytes), receivedAt: Date()))
                return list.filter { $0.deliveryId == headers["x-gateway-delivery"] ?? "" }.count
            }
            let status = await self.respond(headers["x-gateway-delivery"] ?? "", attempt)
            return Response(status: HTTPResponse.Status(code: status))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}

/// A finished (or running) operation as the service would record it.
func sampleOperation(state: OperationState = .succeeded, callbackUrl: String? = nil, createdAt: Date = Date()) -> OperationRecord {
    var record = OperationRecord(
        id: OperationID.make(), kind: .backup, state: state, instanceId: "crs-test01", provider: .tencent,
        account: "fake", region: "ap-guangzhou", progress: state == .succeeded ? 100 : 40, backupId: "b-1",
        providerTaskId: "task-1", providerRequestId: "req-1", remark: "nightly", createdAt: createdAt,
        refreshedAt: createdAt, providerContext: ["requestId": "r-test"], callbackUrl: callbackUrl
    )
    if state == .failed {
        record.failure = OperationFailure(code: "provider_error", reason: "BACKUP_FAILED", detail: "The provider reported a failure.")
    }
    return record
}

/// Runs `dispatchers` (and `services`) while `body` runs, then cancels them and waits.
func whileRunning(
    _ dispatchers: [WebhookDispatcher], _ body: @Sendable () async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for dispatcher in dispatchers {
            group.addTask { await dispatcher.run() }
        }
        try await body()
        group.cancelAll()
        try await group.waitForAll()
    }
}

/// A driver whose provider "finishes" an operation after `finishAfter` refreshes (`failed` for
/// instance `crs-fail`), taking `delay` per call; counts calls and their peak concurrency.
final class ScriptedDriver: ProviderDriver {
    struct Counters {
        var calls: [String: Int] = [:]
        var running = 0
        var peak = 0
    }

    let kind = ProviderKind.tencent
    let capabilities = Capabilities(
        manualBackup: true, backupRetention: false, backupFormats: [.rdb], listBackups: true, restoreFromBackup: true,
        inPlaceRestore: true, pointInTimeRestore: false, keyFilterRestore: false, timeShift: false
    )
    let finishAfter: Int
    let delay: Duration
    private let counters = Mutex(Counters())

    init(finishAfter: Int, delay: Duration = .milliseconds(30)) {
        self.finishAfter = finishAfter
        self.delay = delay
    }

    var snapshot: Counters { counters.withLock { $0 } }

    func calls(_ operationId: String) -> Int { snapshot.calls[operationId] ?? 0 }

    func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let call = counters.withLock { counters in
            counters.running += 1
            counters.peak = max(counters.peak, counters.running)
            counters.calls[operation.id, default: 0] += 1
            return counters.calls[operation.id]!
        }
        try? await Task.sleep(for: delay)
        counters.withLock { $0.running -= 1 }
        guard call >= finishAfter else { return OperationUpdate(state: .running, progress: 10 * call) }
        if operation.instanceId == "crs-fail" {
            return OperationUpdate(state: .failed, failure: OperationFailure(code: "provider_error", reason: "BACKUP_FAILED", detail: "failed"))
        }
        return OperationUpdate(state: .succeeded, backupId: "b-\(operation.id)")
    }

    func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo {
        throw GatewayError.unsupported("FAKE", "not scripted")
    }

    func startBackup(_ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext) async throws(GatewayError) -> StartedTask {
        throw GatewayError.unsupported("FAKE", "not scripted")
    }

    func startRestore(_ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext) async throws(GatewayError) -> StartedTask {
        throw GatewayError.unsupported("FAKE", "not scripted")
    }

    func previewBackup(_ instance: InstanceRef, request: BackupRequest, operationId: String) throws(GatewayError) -> ProviderRequestPreview {
        throw GatewayError.unsupported("FAKE", "not scripted")
    }

    func previewRestore(_ instance: InstanceRef, request: RestoreRequest, operationId: String) throws(GatewayError) -> ProviderRequestPreview {
        throw GatewayError.unsupported("FAKE", "not scripted")
    }

    func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        BackupPage(backups: [])
    }

    /// An account named `fake` served by `self`.
    func directory() -> AccountDirectory {
        AccountDirectory(accounts: [RoutedAccount(
            settings: AccountSettings(
                name: "fake", provider: .tencent, region: "ap-guangzhou",
                credentials: CredentialReferences(id: .environment("FAKE_ID"), secret: .environment("FAKE_KEY")), instances: ["*"]
            ),
            driver: self
        )])
    }
}

/// An `OperationStore` over another whose `unfinished` fails while `failing` is positive.
final class FlakyOperationStore: OperationStore {
    let base: any OperationStore
    private let failuresLeft: Mutex<Int>

    init(base: any OperationStore, failures: Int) {
        self.base = base
        self.failuresLeft = Mutex(failures)
    }

    func insert(_ operation: OperationRecord, idempotencyKey: IdempotencyKeyRef?) async throws(GatewayError) {
        try await base.insert(operation, idempotencyKey: idempotencyKey)
    }

    func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord { try await base.update(operation) }

    func get(_ id: String) async throws(GatewayError) -> OperationRecord? { try await base.get(id) }

    func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage {
        try await base.list(filter, pageSize: pageSize, pageToken: pageToken)
    }

    func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord] {
        let fail = failuresLeft.withLock { left in
            defer { left -= 1 }
            return left > 0
        }
        if fail { throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "injected failure") }
        return try await base.unfinished(limit: limit)
    }

    func claimRefresh(id: String, now: Date, freshSince: Date, leaseUntil: Date) async throws(GatewayError) -> Bool {
        try await base.claimRefresh(id: id, now: now, freshSince: freshSince, leaseUntil: leaseUntil)
    }

    func ping() async -> Bool { await base.ping() }
}
