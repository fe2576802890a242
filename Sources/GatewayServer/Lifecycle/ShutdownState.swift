import Synchronization

/// Whether the process is shutting down: set by `DrainGate` on SIGTERM, read by `/readyz`
/// (which then answers 503 so load balancers stop sending new requests).
public final class ShutdownState: Sendable {
    private let draining = Mutex(false)

    public init() {}

    /// True from the moment shutdown began.
    public var isDraining: Bool {
        draining.withLock { $0 }
    }

    func beginDraining() {
        draining.withLock { $0 = true }
    }
}
