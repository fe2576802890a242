import Synchronization

/// What the layers below the audit middleware learn about a mutating request — who the caller
/// turned out to be, which account and operation — collected for its audit event. Bound to
/// the request's task by `AuditMiddleware`; nil outside one.
final class AuditNotes: Sendable {
    struct Facts: Sendable {
        var caller: String?
        var provider: String?
        var account: String?
        var operationId: String?
        var providerRequestId: String?
    }

    private let facts = Mutex(Facts())

    @TaskLocal static var current: AuditNotes?

    func update(_ change: (inout Facts) -> Void) {
        facts.withLock { change(&$0) }
    }

    var snapshot: Facts { facts.withLock { $0 } }
}
