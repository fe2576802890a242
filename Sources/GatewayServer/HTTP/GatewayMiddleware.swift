import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import Logging

/// The outermost layer of every request: assigns the request id (honoured or generated),
/// turns every failure into `application/problem+json`, sets `X-Request-Id` on every answer
/// and writes one access-log line, with what the inner layers learnt (`RequestLogContext`:
/// caller, instance, provider, account, operation, provider request id). Never logs headers
/// or bodies. `Accept` is disregarded (RFC 9110 §12.1): every answer has one representation
/// (JSON, a problem document, YAML or Prometheus text), so an `Accept` that excludes it gets it
/// anyway rather than an undocumented 400/406.
struct GatewayMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIdField: HTTPField.Name { HTTPField.Name("X-Request-Id")! }
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestId = RequestIdentity.accept(request.headers[Self.requestIdField]) ?? RequestIdentity.generate()
        let started = ContinuousClock.now
        let method = request.method.rawValue
        let path = request.uri.path
        var response: Response
        var failure: GatewayError?
        let logContext = RequestLogContext(requestId: requestId)
        var request = request
        if request.headers[.accept] != nil {
            var head = request.head
            head.headerFields[.accept] = nil
            request = Request(head: head, body: request.body)
        }
        do {
            response = try await RequestLogContext.$current.withValue(logContext) {
                try await RequestIdentity.$current.withValue(requestId) {
                    try await next(request, context)
                }
            }
        } catch {
            let translated = ErrorTranslation.translate(error, method: method, path: path)
            failure = translated.error
            if translated.error.code == .internal {
                logger.error("unhandled error", metadata: ["requestId": "\(requestId)", "error": "\(String(reflecting: type(of: error)))"])
            }
            response = Self.problemResponse(translated, path: path, requestId: requestId)
        }
        response.headers[Self.requestIdField] = requestId
        // The generated server percent-encodes header values; a Location is a path, sent as is.
        if let location = response.headers[.location], location.contains("%"), let decoded = location.removingPercentEncoding {
            response.headers[.location] = decoded
        }
        let elapsed = started.duration(to: .now)
        var metadata = logContext.metadata
        metadata.merge([
            "requestId": "\(requestId)", "method": "\(method)", "path": "\(path)",
            "status": "\(response.status.code)", "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ]) { _, new in new }
        if let failure {
            metadata["code"] = "\(failure.code)"
            metadata["reason"] = "\(failure.reason)"
        }
        logger.info("request", metadata: metadata)
        return response
    }

    static func problemResponse(_ translated: ErrorTranslation.Translated, path: String, requestId: String) -> Response {
        let document = ProblemDocument(translated.error, instance: path, requestId: requestId, status: translated.status)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter = translated.error.retryAfterSeconds {
            headers[.retryAfter] = String(retryAfter)
        }
        for (name, value) in translated.headers {
            headers[name] = value
        }
        return Response(
            status: .init(code: translated.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: document.encoded()))
        )
    }
}
