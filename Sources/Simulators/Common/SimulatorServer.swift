import Hummingbird
import Logging
import NIOCore
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
        let task = Task {
            do {
                try await app.run()
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
                }
                return
            case .failure(let error):
                throw error
            }
        }
        throw AlreadyStopped()
    }

    /// Stops the server and waits until it has shut down.
    func stop() async {
        let task = running.withLock { running -> Task<Void, Never>? in
            let task = running.task
            running.task = nil
            return task
        }
        guard let task else { return }
        task.cancel()
        await task.value
    }
}
