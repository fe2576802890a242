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
}
