import Foundation
import Hummingbird

/// Serves one HTTP request: the control endpoints under `/_simulator/`, or an R-kvstore RPC
/// call through Alibaba's checks in order (signature and common parameters, HTTP method,
/// faults, rate limits, the action).
struct AlibabaRequestHandler: Sendable {
    static let maxBody = 10 * 1024 * 1024

    let configuration: AlibabaSimulatorConfiguration
    let state: AlibabaSimulatorState
    let nonces = AlibabaNonceCache()

    /// What the API answered, for the response and the request log.
    private struct Outcome {
        var response: Response
        var status = 200
        var action: String?
        var parameters: SimulatorJSON?
        var errorCode: String?
        var requestId: String
        var fault: String?
    }

    func handle(_ request: Request) async -> Response {
        if request.uri.path.hasPrefix("/_simulator/") {
            return await SimulatorControlEndpoints(state: state).handle(request)
        }
        let requestId = Self.newRequestId()
        let received: ReceivedHTTPRequest
        do {
            received = try await ReceivedHTTPRequest(request, maxBody: Self.maxBody)
        } catch {
            let failure = AlibabaAPIError(
                "InvalidParameter", "The request body exceeds \(Self.maxBody) bytes or could not be read.", status: 413
            )
            return AlibabaResponseFormat.json.response(AlibabaResponseFormat.json.error(failure, requestId: requestId), status: 413)
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
        return outcome.response
    }

    private func process(_ request: ReceivedHTTPRequest, arrival: Date, requestId: String) async -> Outcome {
        let parameters = AlibabaParameters(request)
        let format = AlibabaResponseFormat(request: request, parameters: parameters)
        var outcome = Outcome(
            response: Response(status: .ok),
            action: parameters.value("Action") ?? request.header("x-acs-action"),
            parameters: parameters.recordJSON,
            requestId: requestId
        )
        guard request.path == "/" else {
            outcome.status = 404
            outcome.response = SimulatorResponses.text("404 page not found", status: .notFound)
            return outcome
        }
        let method = request.method.uppercased()
        guard method == "GET" || method == "POST" else { return fail(outcome, .unsupportedMethod(method), format) }

        let call: AlibabaCall
        switch AlibabaAuthenticator(configuration: configuration, nonces: nonces)
            .authenticate(request, parameters: parameters, now: arrival)
        {
        case .failure(let error): return fail(outcome, error, format)
        case .success(let value): call = value
        }
        outcome.action = call.action
        if let allowed = AlibabaSimulatorState.allowedMethods[call.action], !allowed.contains(method) {
            return fail(outcome, .unsupportedMethod(method), format)
        }

        var after: SimulatedFault.Effect?
        if let effect = await state.consumeFault(action: call.action, instanceId: Self.faultInstance(parameters)) {
            outcome.fault = effect.summary
            switch effect {
            case .error(let code, let message):
                return fail(outcome, AlibabaAPIError(code, message), format)
            case .httpStatus(let status, let body):
                outcome.response = SimulatorResponses.raw(status: status, body: body)
                outcome.status = status
                return outcome
            case .throttle:
                return fail(outcome, .throttlingUser, format)
            case .delay(let duration):
                try? await Task.sleep(for: duration)
            case .dropConnection, .malformedBody, .hugeBody, .stalledBody:
                after = effect
            case .failTask:
                break
            }
        }
        if let limited = await state.admit(accessKeyId: call.accessKeyId, action: call.action) {
            return fail(outcome, limited, format)
        }
        var rendered: (body: [UInt8], contentType: String)
        switch await state.perform(action: call.action, parameters) {
        case .failure(let error):
            outcome = fail(outcome, error, format)
            rendered = format.error(error, requestId: requestId)
        case .success(var fields):
            fields["RequestId"] = .string(requestId)
            rendered = format.success(action: call.action, fields: fields)
            outcome.response = format.response(rendered, status: 200)
        }
        switch after {
        case .dropConnection?:
            outcome.response = SimulatorResponses.dropConnection()
        case .stalledBody(let pause)?:
            outcome.response = SimulatorResponses.stalled(rendered.body, contentType: rendered.contentType, pause: pause)
        case .hugeBody(let bytes)?:
            outcome.response = SimulatorResponses.huge(bytes: bytes)
        case .malformedBody?:
            outcome.response = format.malformed(rendered)
        default:
            break
        }
        return outcome
    }

    private func fail(_ outcome: Outcome, _ error: AlibabaAPIError, _ format: AlibabaResponseFormat) -> Outcome {
        var outcome = outcome
        outcome.errorCode = error.code
        outcome.status = error.httpStatus
        outcome.response = format.response(format.error(error, requestId: outcome.requestId), status: error.httpStatus)
        return outcome
    }

    /// The instance a request concerns: `InstanceId`, else the first of `InstanceIds`.
    private static func faultInstance(_ parameters: AlibabaParameters) -> String? {
        parameters.value("InstanceId")
            ?? parameters.value("InstanceIds")?.split(separator: ",").first.map(String.init)
    }

    /// Alibaba-style upper-case UUID.
    static func newRequestId() -> String { UUID().uuidString.uppercased() }
}
