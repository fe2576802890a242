import Hummingbird

/// Counts and times every request: `gateway_http_requests_total{method,route,status}` and
/// `gateway_http_request_duration_seconds{method,route}`. Sits outside `GatewayMiddleware`, so
/// it sees the final status of problems and authentication refusals. `route` is the matched
/// route template (`/instances/{instanceId}/backups`), never the raw path; requests no route
/// matched count as `unmatched`, and methods outside the standard set as `OTHER`.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: GatewayMetrics

    static var unmatchedRoute: String { "unmatched" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let method = Self.label(request.method)
        do {
            let response = try await next(request, context)
            record(method: method, context: context, status: Int(response.status.code), started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(method: method, context: context, status: Int(status), started: started)
            throw error
        }
    }

    private static func label(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options, .trace, .connect: method.rawValue
        default: "OTHER"
        }
    }

    private func record(method: String, context: Context, status: Int, started: ContinuousClock.Instant) {
        // The router stores the matched template in the context (a shared box), "NotFound" or
        // nothing when no route matched.
        let route = context.endpointPath.flatMap { $0 == "NotFound" || !$0.hasPrefix("/") ? nil : $0 } ?? Self.unmatchedRoute
        metrics.httpRequest(method: method, route: route, status: status, duration: started.duration(to: .now))
    }
}
