import Hummingbird
import NIOCore

/// Responses shared by the simulators, including the broken ones faults ask for.
enum SimulatorResponses {
    struct DroppedConnection: Error {}

    static func json(_ value: SimulatorJSON, status: HTTPResponse.Status = .ok) -> Response {
        bytes(value.bytes, contentType: "application/json", status: status)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8", status: status)
    }

    /// An arbitrary status and body (JSON content type when the body is JSON).
    static func raw(status: Int, body: String) -> Response {
        let isJSON = SimulatorJSON.parse(Array(body.utf8)) != nil
        return bytes(
            Array(body.utf8),
            contentType: isJSON ? "application/json" : "text/plain; charset=utf-8",
            status: HTTPResponse.Status(code: status)
        )
    }

    /// 200, `application/json`, and the first part of the real answer: not parsable.
    static func malformed(_ value: SimulatorJSON) -> Response {
        let full = value.bytes
        let cut = max(1, min(full.count - 1, full.count / 2))
        return bytes(Array(full.prefix(cut)), contentType: "application/json", status: .ok)
    }

    /// Promises a body, sends part of it, then fails the write so the server closes the
    /// connection: the client sees an incomplete response.
    static func dropConnection() -> Response {
        let partial = ByteBuffer(string: "{\"Response\":{")
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(contentLength: 4096) { writer in
                try await writer.write(partial)
                throw DroppedConnection()
            }
        )
    }

    /// The sizes a `hugeBody` fault may ask for (at least the JSON object around the padding).
    static let hugeBodySizes = 16...(1 << 30)

    /// 200, `application/json`, `bytes` bytes streamed in 64 KiB chunks without a
    /// `Content-Length`: `{"Padding":"xxx…"}`, valid JSON once read to the end.
    static func huge(bytes total: Int) -> Response {
        let head = Array(#"{"Padding":""#.utf8), tail = Array(#""}"#.utf8)
        let padding = max(0, total - head.count - tail.count)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: head))
                let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
                var left = padding
                while left > 0 {
                    let size = min(left, chunk.readableBytes)
                    try await writer.write(chunk.getSlice(at: chunk.readerIndex, length: size)!)
                    left -= size
                }
                try await writer.write(ByteBuffer(bytes: tail))
                try await writer.finish(nil)
            }
        )
    }

    /// 200 with `bytes` (the real answer) promised in `Content-Length`: the head and the first
    /// half at once, the rest after `pause`.
    static func stalled(_ bytes: [UInt8], contentType: String = "application/json", pause: Duration) -> Response {
        let cut = bytes.count / 2
        return Response(
            status: .ok,
            headers: [.contentType: contentType],
            body: ResponseBody(contentLength: bytes.count) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(cut)))
                try await Task.sleep(for: pause)
                try await writer.write(ByteBuffer(bytes: bytes.dropFirst(cut)))
                try await writer.finish(nil)
            }
        )
    }
}
