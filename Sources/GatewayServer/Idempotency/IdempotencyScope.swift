import OperationStore
import Synchronization

/// The idempotency key the request at hand holds (bound by `IdempotencyMiddleware`): the
/// operation it creates is linked to the key in the same store transaction, and a request that
/// takes over an abandoned key answers with the operation already linked to it instead of
/// calling the provider again.
struct IdempotencyScope: Sendable {
    let key: IdempotencyKeyRef
    /// The operation an earlier holder of this key created before it vanished.
    let resumeOperationId: String?
    /// Set once this request recorded an operation under the key.
    let linkedOperation = LinkedOperation()

    @TaskLocal static var current: IdempotencyScope?
}

/// The operation a request recorded under its idempotency key, if any.
final class LinkedOperation: Sendable {
    private let id = Mutex<String?>(nil)

    func set(_ value: String) { id.withLock { $0 = value } }

    var value: String? { id.withLock { $0 } }
}
