import Foundation
import GatewayConfiguration
import GatewayCore
import HTTPTypes
import Hummingbird

/// Bearer-token authentication and per-route authorization (DESIGN.md §2, §5). Binds the
/// caller to the request's task (`CallerPrincipal.current`) for handlers, idempotency keys
/// and the audit trail. Without a verifier (authentication off) every caller is `anonymous`.
/// Tokens never reach a log line: only the caller's configured name does.
struct AuthenticationMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let verifier: TokenVerifier?
    let probes: ProbeAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let verifier else {
            AuditNotes.current?.update { $0.caller = CallerPrincipal.anonymous.name }
            RequestLogContext.note(.caller, CallerPrincipal.anonymous.name)
            return try await CallerPrincipal.$current.withValue(.anonymous) { try await next(request, context) }
        }
        let access = RouteAccess.of(method: request.method.rawValue, path: request.uri.path)
        if access == .open { return try await next(request, context) }
        if access == .probe {
            switch probes {
            case .open:
                return try await next(request, context)
            case .privateNetwork where PrivateNetwork.contains(context.remoteAddress):
                return try await next(request, context)
            case .privateNetwork, .token:
                break
            }
        }
        let principal = try authenticate(request.headers[.authorization], verifier: verifier)
        AuditNotes.current?.update { $0.caller = principal.name }
        RequestLogContext.note(.caller, principal.name)
        if case let .scope(scope, instanceId) = access {
            guard principal.has(scope) else {
                throw GatewayError(.permissionDenied, reason: "SCOPE_MISSING", detail: "The token of caller \(principal.name) does not grant the scope \(scope.rawValue).")
            }
            if let instanceId, !principal.mayAccess(instance: instanceId) {
                throw GatewayError(
                    .permissionDenied, reason: "INSTANCE_NOT_ALLOWED",
                    detail: "Caller \(principal.name) may not act on instance \(instanceId) (see auth.tokens[].instances)."
                )
            }
        }
        return try await CallerPrincipal.$current.withValue(principal) { try await next(request, context) }
    }

    private func authenticate(_ header: String?, verifier: TokenVerifier) throws(GatewayError) -> CallerPrincipal {
        guard let header, !header.isEmpty else {
            throw GatewayError(.unauthenticated, reason: "TOKEN_MISSING", detail: "Send Authorization: Bearer <token>.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw GatewayError(.unauthenticated, reason: "TOKEN_MALFORMED", detail: "The Authorization header must read Bearer <token>.")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let principal = verifier.principal(for: token) else {
            throw GatewayError(.unauthenticated, reason: "TOKEN_INVALID", detail: "The bearer token is not valid.")
        }
        return principal
    }
}
