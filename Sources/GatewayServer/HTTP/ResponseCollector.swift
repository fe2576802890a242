import Hummingbird
import NIOCore
import Synchronization

/// Reads a response body to the end (the generated server streams its JSON), so it can be
/// stored for an idempotent replay and sent on unchanged.
enum ResponseCollector {
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let sink = Sink()
        try await body.write(CollectingWriter(sink: sink))
        return sink.buffer.withLock { $0 }
    }

    private final class Sink: Sendable {
        let buffer = Mutex(ByteBuffer())
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let sink: Sink

        mutating func write(_ buffer: ByteBuffer) async throws {
            sink.buffer.withLock { stored in
                var copy = buffer
                stored.writeBuffer(&copy)
            }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
