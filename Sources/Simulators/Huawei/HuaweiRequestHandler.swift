import Foundation
import Hummingbird

/// Serves one HTTP request: the control endpoints under `/_simulator/`, or a DCS call through
/// API Gateway's checks in order (body size, route, AK/SK with the lockout, project, faults,
/// rate limits), then DCS's own rules.
struct HuaweiRequestHandler: Sendable {
    /// AK/SK-signed bodies may be at most 12 MB.
    static let maxBody = 12 * 1024 * 1024

    let configuration: HuaweiSimulatorConfiguration
    let state: HuaweiSimulatorState

    /// What the API answered, for the response and the request log.
    private struct Outcome {
        var response: Response
        var status = 200
        var action: String?
        var parameters: SimulatorJSON?
        var errorCode: String?
        var requestId: String
        var fault: String?
        var generation: HuaweiRoute.Generation?
    }

    func handle(_ request: Request) async -> Response {
        if request.uri.path.hasPrefix("/_simulator/") {
            return await SimulatorControlEndpoints(state: state).handle(request)
        }
        let requestId = HuaweiResponses.newRequestId()
        let received: ReceivedHTTPRequest
        do {
            received = try await ReceivedHTTPRequest(request, maxBody: Self.maxBody)
        } catch {
            return HuaweiResponses.stamped(
                HuaweiResponses.error(.entityTooLarge, generation: nil, requestId: requestId), requestId: requestId
            )
        }
        let arrival = configuration.clock()
        let outcome = await process(received, arrival: arrival, requestId: requestId)
        await state.record { sequence in
            SimulatedRequestRecord(
                sequence: sequence,
                time: arrival,
                action: outcome.action,
                method: received.method,
                path: received.path,
                query: received.query,
                headers: received.headers,
                body: received.body,
                parameters: outcome.parameters,
                httpStatus: outcome.status,
                errorCode: outcome.errorCode,
                requestId: outcome.requestId,
                fault: outcome.fault
            )
        }
        return HuaweiResponses.stamped(outcome.response, requestId: requestId)
    }

    private func process(_ request: ReceivedHTTPRequest, arrival: Date, requestId: String) async -> Outcome {
        var outcome = Outcome(response: Response(status: .ok), requestId: requestId)
        guard let route = HuaweiRoute(method: request.method, path: request.path) else {
            return fail(outcome, .apiNotFound)
        }
        outcome.action = route.action
        outcome.generation = route.generation
        outcome.parameters = Self.parameters(request)

        let accessKey: String
        switch await state.authenticate(request, now: arrival) {
        case .failure(let error): return fail(outcome, error)
        case .success(let value): accessKey = value
        }
        if let error = projectError(route, request) { return fail(outcome, error) }

        var after: SimulatedFault.Effect?
        if let effect = await state.consumeFault(action: route.action, instanceId: route.instanceId) {
            outcome.fault = effect.summary
            switch effect {
            case .error(let code, let message):
                return fail(outcome, HuaweiAPIError(code, message))
            case .httpStatus(let status, let body):
                outcome.response = SimulatorResponses.raw(status: status, body: body)
                outcome.status = status
                return outcome
            case .throttle:
                return fail(outcome, .throttled(limit: await state.quotedLimit(route.action)))
            case .delay(let duration):
                try? await Task.sleep(for: duration)
            case .dropConnection, .malformedBody, .hugeBody, .stalledBody:
                after = effect
            case .failTask:
                break
            }
        }
        if let limited = await state.admit(accessKey: accessKey, action: route.action) {
            return fail(outcome, limited)
        }
        let answer: HuaweiDCSResult
        switch await state.perform(route, body: request.body, query: request.query) {
        case .failure(let error): return fail(outcome, error)
        case .success(let value): answer = value
        }
        switch answer {
        case .emptyList where route.generation == .v2 && configuration.emptyListStatus != 200:
            outcome.response = HuaweiResponses.noContent()
            outcome.status = 204
        default:
            outcome.response = SimulatorResponses.json(answer.json)
        }
        switch after {
        case .dropConnection?:
            outcome.response = SimulatorResponses.dropConnection()
            outcome.status = 200
        case .stalledBody(let pause)?:
            outcome.response = SimulatorResponses.stalled(answer.json.bytes, pause: pause)
            outcome.status = 200
        case .hugeBody(let bytes)?:
            outcome.response = SimulatorResponses.huge(bytes: bytes)
            outcome.status = 200
        case .malformedBody?:
            outcome.response = SimulatorResponses.malformed(answer.json)
            outcome.status = 200
        default:
            break
        }
        return outcome
    }

    /// A project id that is not 32 hex digits → 400 `DCS.4002`; a well-formed one other than
    /// the configured project (in the path or in `X-Project-Id`) → 403 `APIGW.0310`.
    private func projectError(_ route: HuaweiRoute, _ request: ReceivedHTTPRequest) -> HuaweiAPIError? {
        let isHex32 = route.projectId.utf8.count == 32 && route.projectId.allSatisfy(\.isHexDigit)
        guard isHex32 else { return .invalidProjectId }
        guard route.projectId == configuration.projectId else { return .projectUnavailable }
        if let header = request.header("X-Project-Id"), header != configuration.projectId {
            return .projectUnavailable
        }
        return nil
    }

    private func fail(_ outcome: Outcome, _ error: HuaweiAPIError) -> Outcome {
        var outcome = outcome
        outcome.errorCode = HuaweiResponses.answeredCode(error, generation: outcome.generation)
        outcome.status = error.httpStatus
        outcome.response = HuaweiResponses.error(error, generation: outcome.generation, requestId: outcome.requestId)
        return outcome
    }

    /// What the request log shows: the JSON body of a POST, the decoded query of a GET.
    private static func parameters(_ request: ReceivedHTTPRequest) -> SimulatorJSON? {
        if !request.body.isEmpty { return SimulatorJSON.parse(request.body) }
        var members: [String: SimulatorJSON] = [:]
        for (key, value) in HuaweiPercentEncoding.parseQuery(request.query) {
            members[String(decoding: key, as: UTF8.self)] = .string(String(decoding: value, as: UTF8.self))
        }
        return .object(members)
    }
}
