import HTTPTypes
import Hummingbird

/// CORS for browser dashboards (`server.corsOrigins`): the listed origins (or `*`) may call
/// the API and read `Location`, `Retry-After`, `X-Request-Id` and `Idempotent-Replayed`.
/// Preflight requests are answered here. Without configured origins nothing is added.
struct CORSPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>

    private var allowsAny: Bool { allowedOrigins.contains("*") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allowsAny || allowedOrigins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            apply(to: &response.headers, origin: origin)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Content-Type, Authorization, Idempotency-Key, X-Request-Id"
            response.headers[.accessControlMaxAge] = "600"
            return response
        }
        var response = try await next(request, context)
        apply(to: &response.headers, origin: origin)
        response.headers[.accessControlExposeHeaders] = "Location, Retry-After, X-Request-Id, Idempotent-Replayed"
        return response
    }

    private func apply(to headers: inout HTTPFields, origin: String) {
        headers[.accessControlAllowOrigin] = allowsAny ? "*" : origin
        if !allowsAny { headers[.vary] = "Origin" }
    }
}
