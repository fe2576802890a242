import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Runs one Hummingbird server on loopback for a simulator: start (returns once listening),
/// the bound port, stop.
final class SimulatorServer: Sendable {
    typealias Handler = @Sendable (Request) async -> Response

    struct AlreadyStopped: Error {}

    private struct Running {
        var port = 0
        var host = "127.0.0.1"
        var task: Task<Void, Never>?
        var group: ServiceGroup?
    }

    private let handler: Handler
    private let label: String
    private let running = Mutex(Running())

    init(label: String, handler: @escaping Handler) {
        self.label = label
        self.handler = handler
    }

    var port: Int { running.withLock { $0.port } }
    var host: String { running.withLock { $0.host } }

    /// Binds `host:port` (port 0 picks a free one) and returns once the server listens.
    /// Calling it again while running does nothing.
    func start(host: String, port: Int) async throws {
        if running.withLock({ $0.task != nil }) { return }
        let handler = self.handler
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await handler(request)
        }
        var logger = Logger(label: label)
        // Stopping cancels the server, which HummingbirdCore reports at error level; start errors are thrown.
        logger.logLevel = .critical
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                continuation.yield(.success(channel.localAddress?.port ?? port))
            },
            logger: logger
        )
        // Run in a service group of its own so that `stop()` can shut it down gracefully.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
                continuation.yield(.failure(AlreadyStopped()))
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        for await event in events {
            switch event {
            case .success(let boundPort):
                running.withLock {
                    $0.port = boundPort
                    $0.host = host
                    $0.task = task
                    $0.group = group
                }
                return
            case .failure(let error):
                throw error
            }
        }
        throw AlreadyStopped()
    }

    /// Stops the server and waits until it has shut down: gracefully first (the listener
    /// closes and every connection already accepted is served or closed), then, after
    /// `gracePeriod`, by cancelling what still runs (a stalled or delayed answer, a client's
    /// idle keep-alive connection). Cancelling at once could drop a connection accepted but not
    /// yet handed to the server, which NIO traps on (apple/swift-nio#2813).
    func stop(gracePeriod: Duration = .milliseconds(500)) async {
        let (task, group) = running.withLock { running -> (Task<Void, Never>?, ServiceGroup?) in
            defer {
                running.task = nil
                running.group = nil
            }
            return (running.task, running.group)
        }
        guard let task else { return }
        await group?.triggerGracefulShutdown()
        let deadline = Task {
            try? await Task.sleep(for: gracePeriod)
            if !Task.isCancelled { task.cancel() }
        }
        await task.value
        deadline.cancel()
    }
}
