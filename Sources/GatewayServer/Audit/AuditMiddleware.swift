import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import Logging
import OperationStore

/// Writes one audit event per mutating call (`POST …/backups`, `POST …/restores`): caller,
/// instance, action, a summary of the request without secrets, the outcome (`accepted`,
/// `validated`, `replayed`, `refused`, `denied`), the problem code, the operation and provider
/// request ids, the gateway request id and the time. Sits outside authentication so refusals
/// of authenticated callers (403) are recorded; unauthenticated calls (401) are not (they are
/// in the access log), so strangers cannot flood the trail.
struct AuditMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: any AuditLog
    let clock: @Sendable () -> Date
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (route, instanceId) = MutatingRoute.of(method: request.method.rawValue, path: request.uri.path) else {
            return try await next(request, context)
        }
        var request = request
        let validateOnly = MutatingRoute.isValidateOnly(query: request.uri.query)
        // A body over the limit is refused here (413 BODY_TOO_LARGE, before authentication, so
        // not audited): its stream is partly read and cannot be handed on to the handler.
        let body = try await request.collectBody(upTo: IdempotencyMiddleware<Context>.maxBodyBytes)
        let summary = RequestSummary.make(body: body, validateOnly: validateOnly)
        let notes = AuditNotes()
        do {
            let response = try await AuditNotes.$current.withValue(notes) { try await next(request, context) }
            let outcome = response.headers[IdempotencyMiddleware<Context>.replayedField] != nil
                ? "replayed" : validateOnly ? "validated" : "accepted"
            await record(route, instanceId, notes, summary, outcome: outcome, status: response.status.code, error: nil, location: response.headers[.location])
            return response
        } catch {
            let translated = ErrorTranslation.translate(error, method: request.method.rawValue, path: request.uri.path)
            if translated.error.code != .unauthenticated {
                let outcome = translated.error.code == .permissionDenied && notes.snapshot.operationId == nil && translated.error.provider == nil
                    ? "denied" : "refused"
                await record(route, instanceId, notes, summary, outcome: outcome, status: translated.status, error: translated.error, location: nil)
            }
            throw error
        }
    }

    private func record(
        _ route: MutatingRoute, _ instanceId: String, _ notes: AuditNotes, _ summary: [String: String],
        outcome: String, status: Int, error: GatewayError?, location: String?
    ) async {
        let facts = notes.snapshot
        let operationId = facts.operationId ?? location.flatMap { $0.hasPrefix("/operations/") ? String($0.dropFirst(12)) : nil }
        let event = AuditEvent(
            id: AuditEvent.makeId(), at: clock(), caller: facts.caller ?? CallerPrincipal.current.name,
            action: route.rawValue, instanceId: instanceId, provider: facts.provider, account: facts.account,
            operationId: operationId, outcome: outcome, httpStatus: status, code: error?.code.rawValue, reason: error?.reason,
            summary: summary, providerRequestId: facts.providerRequestId ?? error?.provider?.requestId,
            requestId: RequestIdentity.current
        )
        do {
            try await log.append(event)
        } catch {
            logger.error("could not write the audit event", metadata: [
                "requestId": "\(event.requestId)", "action": "\(event.action)", "instance": "\(instanceId)", "reason": "\(error.reason)",
            ])
        }
    }
}
