import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import Logging
import OperationStore

/// `Idempotency-Key` on `POST /instances/{id}/backups` and `…/restores` (IETF httpapi draft,
/// DESIGN.md §3). Per caller, for `retention` (24 h):
/// - first use: the request runs; its answer is stored when it is final (2xx, a problem that
///   retrying cannot change, or any problem after an operation was recorded); a retryable
///   problem before anything was recorded (409, 429, 5xx) frees the key again;
/// - same key, same method/path/body: the stored answer is replayed with
///   `Idempotent-Replayed: true` and nothing is called;
/// - same key, another body: 422 `failed_precondition` IDEMPOTENCY_KEY_REUSED;
/// - while the first is still running: 409 `conflict` IDEMPOTENCY_KEY_IN_FLIGHT + Retry-After.
/// Dry runs (`validateOnly=true`) change nothing and ignore the key, once it is well formed: a
/// malformed header is refused (400 IDEMPOTENCY_KEY_INVALID) on every POST alike.
struct IdempotencyMiddleware<Context: RequestContext>: RouterMiddleware {
    static var keyField: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }
    static var replayedField: HTTPField.Name { HTTPField.Name("Idempotent-Replayed")! }
    static var maxBodyBytes: Int { 1 << 20 }

    let store: any IdempotencyStore
    let clock: @Sendable () -> Date
    let lease: Duration
    let retention: Duration
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let header = request.headers[Self.keyField],
              MutatingRoute.of(method: request.method.rawValue, path: request.uri.path) != nil
        else {
            return try await next(request, context)
        }
        let key = try Self.parseKey(header)
        if MutatingRoute.isValidateOnly(query: request.uri.query) {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        let ref = IdempotencyKeyRef(caller: CallerPrincipal.current.name, key: key)
        let fingerprint = RequestFingerprint.make(method: request.method.rawValue, path: request.uri.path, body: body)
        let claim = try await store.claim(
            caller: ref.caller, key: key, fingerprint: fingerprint, now: clock(), lease: lease, retention: retention
        )
        switch claim {
        case .mismatch:
            throw GatewayError(
                .failedPrecondition, reason: "IDEMPOTENCY_KEY_REUSED",
                detail: "Idempotency-Key \(key) was already used with another request; use a new key for a new request."
            )
        case .inFlight:
            throw GatewayError.conflict(
                "IDEMPOTENCY_KEY_IN_FLIGHT", "A request with Idempotency-Key \(key) is still being processed; retry shortly.",
                retryAfterSeconds: 1
            )
        case .completed(let stored):
            return Self.replay(stored)
        case .claimed(let previousOperationId):
            return try await run(request, context: context, next: next, ref: ref, resume: previousOperationId)
        }
    }

    private func run(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response,
        ref: IdempotencyKeyRef, resume: String?
    ) async throws -> Response {
        let scope = IdempotencyScope(key: ref, resumeOperationId: resume)
        do {
            var response = try await IdempotencyScope.$current.withValue(scope) { try await next(request, context) }
            let body = try await ResponseCollector.collect(response.body)
            if (200..<300).contains(response.status.code) {
                await complete(ref, StoredResponse(status: response.status.code, headers: Self.storedHeaders(response.headers), body: Array(body.readableBytesView)))
            } else {
                await release(ref)
            }
            response.body = .init(byteBuffer: body)
            return response
        } catch {
            let translated = ErrorTranslation.translate(error, method: request.method.rawValue, path: request.uri.path)
            // Nothing was recorded and retrying may succeed: free the key. Once an operation was
            // recorded under the key (and failed), the answer is final for this key.
            if (translated.error.code.retryable || translated.error.code == .internal), scope.linkedOperation.value == nil {
                await release(ref)
            } else {
                let problem = GatewayMiddleware<Context>.problemResponse(translated, path: request.uri.path, requestId: RequestIdentity.current)
                let body = try? await ResponseCollector.collect(problem.body)
                await complete(ref, StoredResponse(
                    status: translated.status, headers: Self.storedHeaders(problem.headers), body: body.map { Array($0.readableBytesView) } ?? []
                ))
            }
            throw error
        }
    }

    private func complete(_ ref: IdempotencyKeyRef, _ response: StoredResponse) async {
        do {
            try await store.complete(caller: ref.caller, key: ref.key, response: response, now: clock())
        } catch {
            // The key stays in flight until its lease ends; a later holder resumes the linked operation.
            logger.error("could not store the idempotent response", metadata: ["caller": "\(ref.caller)", "reason": "\(error.reason)"])
        }
    }

    private func release(_ ref: IdempotencyKeyRef) async {
        do {
            try await store.release(caller: ref.caller, key: ref.key)
        } catch {
            logger.error("could not release the idempotency key", metadata: ["caller": "\(ref.caller)", "reason": "\(error.reason)"])
        }
    }

    /// The key as sent: a bare token or an RFC 8941 string (`"…"`); 1–255 visible ASCII characters.
    static func parseKey(_ header: String) throws(GatewayError) -> String {
        var key = header.trimmingCharacters(in: .whitespaces)
        if key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x22 }) else {
            throw GatewayError.invalidArgument(
                "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1-255 visible ASCII characters (a UUID is a good choice)."
            )
        }
        return key
    }

    private static var keptHeaders: [HTTPField.Name] { [.contentType, .location, .retryAfter] }

    private static func storedHeaders(_ headers: HTTPFields) -> [String: String] {
        var kept: [String: String] = [:]
        for name in keptHeaders {
            if let value = headers[name] { kept[name.canonicalName] = value }
        }
        return kept
    }

    private static func replay(_ stored: StoredResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in stored.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        headers[replayedField] = "true"
        return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
    }
}
