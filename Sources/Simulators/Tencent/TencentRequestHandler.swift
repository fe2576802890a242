import Foundation
import Hummingbird

/// Serves one HTTP request: the control endpoints under `/_simulator/`, or a Tencent API call
/// through the checks in Tencent's order (common checks, faults, rate limits, the action).
struct TencentRequestHandler: Sendable {
    static let maxBody = 10 * 1024 * 1024

    let configuration: TencentSimulatorConfiguration
    let state: TencentSimulatorState

    /// What the API answered, for the response and the request log.
    private struct Outcome {
        var response: Response
        /// The JSON answer, when the answer is a Tencent envelope.
        var json: SimulatorJSON?
        var status = 200
        var action: String?
        var parameters: SimulatorJSON?
        var errorCode: String?
        var requestId: String?
        var fault: String?
    }

    func handle(_ request: Request) async -> Response {
        if request.uri.path.hasPrefix("/_simulator/") {
            return await SimulatorControlEndpoints(state: state).handle(request)
        }
        let received: ReceivedHTTPRequest
        do {
            received = try await ReceivedHTTPRequest(request, maxBody: Self.maxBody)
        } catch {
            return SimulatorResponses.json([
                "Response": [
                    "Error": [
                        "Code": "RequestSizeLimitExceeded",
                        "Message": .string("The request body exceeds \(Self.maxBody) bytes or could not be read."),
                    ],
                    "RequestId": .string(UUID().uuidString.lowercased()),
                ],
            ])
        }
        let arrival = configuration.clock()
        let outcome = await process(received, arrival: arrival)
        await state.record { sequence in
            SimulatedRequestRecord(
                sequence: sequence,
                time: arrival,
                action: outcome.action ?? received.header("X-TC-Action"),
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
        return outcome.response
    }

    private func process(_ request: ReceivedHTTPRequest, arrival: Date) async -> Outcome {
        guard request.path == "/" else {
            return Outcome(response: SimulatorResponses.text("404 page not found", status: .notFound), status: 404)
        }
        guard ["GET", "POST"].contains(request.method.uppercased()) else {
            return Outcome(response: SimulatorResponses.text("method not allowed", status: .methodNotAllowed), status: 405)
        }
        let requestId = UUID().uuidString.lowercased()
        var outcome = Outcome(response: Response(status: .ok), requestId: requestId)
        let parsed = TencentParameters.parse(request)
        if case .success(let parameters) = parsed { outcome.parameters = parameters.json }

        let call: TencentCall
        switch TencentAuthenticator(configuration: configuration).authenticate(request, now: arrival) {
        case .failure(let error): return fail(outcome, error)
        case .success(let value): call = value
        }
        outcome.action = call.action

        var after: SimulatedFault.Effect?
        if let effect = await state.consumeFault(action: call.action, parameters: try? parsed.get(), region: call.region) {
            outcome.fault = effect.summary
            switch effect {
            case .error(let code, let message):
                return fail(outcome, TencentAPIError(code, message))
            case .httpStatus(let status, let body):
                outcome.response = SimulatorResponses.raw(status: status, body: body)
                outcome.status = status
                return outcome
            case .throttle:
                let limit = configuration.rateLimits[call.action] ?? 20
                return fail(outcome, .requestLimitExceeded(count: limit + 1, limit: limit))
            case .delay(let duration):
                try? await Task.sleep(for: duration)
            case .dropConnection, .malformedBody, .hugeBody, .stalledBody:
                after = effect
            case .failTask:
                break
            }
        }
        if let limited = await state.admit(secretId: call.secretId, action: call.action) {
            return fail(outcome, limited)
        }
        let parameters: TencentParameters
        switch parsed {
        case .failure(let error): return fail(outcome, error)
        case .success(let value): parameters = value
        }
        switch await state.perform(call, parameters) {
        case .failure(let error):
            outcome = fail(outcome, error)
        case .success(var fields):
            fields["RequestId"] = .string(requestId)
            let json: SimulatorJSON = ["Response": .object(fields)]
            outcome.json = json
            outcome.response = SimulatorResponses.json(json)
        }
        switch after {
        case .dropConnection?:
            outcome.response = SimulatorResponses.dropConnection()
        case .stalledBody(let pause)?:
            outcome.response = SimulatorResponses.stalled((outcome.json ?? envelope(outcome)).bytes, pause: pause)
        case .hugeBody(let bytes)?:
            outcome.response = SimulatorResponses.huge(bytes: bytes)
        case .malformedBody?:
            outcome.response = SimulatorResponses.malformed(outcome.json ?? envelope(outcome))
        default:
            break
        }
        return outcome
    }

    private func fail(_ outcome: Outcome, _ error: TencentAPIError) -> Outcome {
        var outcome = outcome
        outcome.errorCode = error.code
        let json = envelope(outcome, error: error)
        outcome.json = json
        outcome.response = SimulatorResponses.json(json)
        return outcome
    }

    private func envelope(_ outcome: Outcome, error: TencentAPIError? = nil) -> SimulatorJSON {
        var fields: [String: SimulatorJSON] = ["RequestId": .string(outcome.requestId ?? "")]
        if let error {
            fields["Error"] = ["Code": .string(error.code), "Message": .string(error.message)]
        }
        return ["Response": .object(fields)]
    }
}
