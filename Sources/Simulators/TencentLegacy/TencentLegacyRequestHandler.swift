import Foundation
import Hummingbird

/// Serves one HTTP request: the control endpoints under `/_simulator/`, or an API 2.0 call on
/// `/v2/index.php` through the common checks, faults and the action.
struct TencentLegacyRequestHandler: Sendable {
    static let maxBody = 1024 * 1024
    static let path = "/v2/index.php"

    let configuration: TencentLegacySimulatorConfiguration
    let state: TencentLegacySimulatorState

    private struct Outcome {
        var response: Response
        var json: SimulatorJSON?
        var status = 200
        var action: String?
        var parameters: SimulatorJSON?
        var errorCode: String?
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
            return SimulatorResponses.json(
                TencentLegacyAPIError.invalidParameter("the request body exceeds \(Self.maxBody) bytes or could not be read")
                    .envelope(shape: configuration.moduleErrorShape)
            )
        }
        let arrival = configuration.clock()
        let outcome = await process(received, arrival: arrival)
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
                requestId: nil,
                fault: outcome.fault
            )
        }
        return outcome.response
    }

    /// Every parameter received: the query, and for POST also the form body.
    static func parameters(of request: ReceivedHTTPRequest) throws(TencentLegacyFormDecoding.Malformed) -> [(name: String, value: String)] {
        var pairs = try TencentLegacyFormDecoding.decode(request.query)
        if request.method.uppercased() == "POST" {
            let contentType = request.header("Content-Type")?.lowercased() ?? "application/x-www-form-urlencoded"
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                pairs += try TencentLegacyFormDecoding.decode(String(decoding: request.body, as: UTF8.self))
            }
        }
        return pairs
    }

    private func process(_ request: ReceivedHTTPRequest, arrival: Date) async -> Outcome {
        guard request.path == Self.path else {
            return Outcome(response: SimulatorResponses.text("404 Not Found", status: .notFound), status: 404)
        }
        let method = request.method.uppercased()
        guard method == "GET" || method == "POST" else {
            return Outcome(response: SimulatorResponses.text("405 Method Not Allowed", status: .methodNotAllowed), status: 405)
        }
        var outcome = Outcome(response: Response(status: .ok))
        let pairs: [(name: String, value: String)]
        do {
            pairs = try Self.parameters(of: request)
        } catch {
            return fail(outcome, .invalidParameter("the query string or form body is not valid form encoding"))
        }
        var parameters: [String: String] = [:]
        for pair in pairs where parameters[pair.name] == nil { parameters[pair.name] = pair.value }
        outcome.parameters = .object(parameters.mapValues { .string($0) })
        outcome.action = parameters["Action"]

        // Common checks.
        for name in ["Action", "SecretId", "Timestamp", "Nonce", "Signature"] where (parameters[name] ?? "").isEmpty {
            return fail(outcome, .missingParameter(name))
        }
        let action = parameters["Action"]!
        let secretId = parameters["SecretId"]!
        guard let timestamp = Int(parameters["Timestamp"]!) else {
            return fail(outcome, .invalidParameter("Timestamp must be UNIX seconds"))
        }
        guard let nonce = parameters["Nonce"], let nonceValue = UInt64(nonce), nonceValue > 0 else {
            return fail(outcome, .invalidParameter("Nonce must be a positive integer"))
        }
        guard let credential = configuration.credential(secretId: secretId) else {
            return fail(outcome, .secretIdNotFound)
        }
        let skew = abs(arrival.timeIntervalSince1970 - TimeInterval(timestamp))
        if skew > configuration.timestampWindow {
            return fail(outcome, .expired("Timestamp \(timestamp) is more than \(Int(configuration.timestampWindow)) seconds from the server time"))
        }
        let host = request.header("Host") ?? ""
        guard TencentLegacySignature.verify(
            method: method, host: host, path: request.path, parameters: pairs, secretKey: credential.secretKey
        ) else {
            return fail(outcome, .signatureFailure)
        }
        if credential.token != parameters["Token"] {
            return fail(outcome, .tokenFailure)
        }
        guard await state.acceptNonce(secretId: secretId, nonce: nonce, at: arrival) else {
            return fail(outcome, .expired("Nonce \(nonce) was already used"))
        }
        guard let known = TencentLegacyAction(rawValue: action) else {
            return fail(outcome, .unknownAction(action))
        }
        guard let region = parameters["Region"], !region.isEmpty else {
            return fail(outcome, .missingParameter("Region"))
        }
        guard configuration.regions.contains(region) else {
            return fail(outcome, .unsupportedRegion(region))
        }

        // Faults.
        var after: SimulatedFault.Effect?
        if let effect = await state.consumeFault(action: action, parameters: parameters) {
            outcome.fault = effect.summary
            switch effect {
            case .error(let code, let message):
                return fail(outcome, .injected(code: code, message: message))
            case .httpStatus(let status, let body):
                outcome.response = SimulatorResponses.raw(status: status, body: body)
                outcome.status = status
                return outcome
            case .throttle:
                return fail(outcome, .requestLimitExceeded("request limit exceeded for \(action)"))
            case .delay(let duration):
                try? await Task.sleep(for: duration)
            case .dropConnection, .malformedBody, .hugeBody, .stalledBody:
                after = effect
            case .failTask:
                break
            }
        }

        let call = TencentLegacyCall(action: known, region: region, secretId: secretId, parameters: parameters)
        switch await state.perform(call) {
        case .failure(let error):
            outcome = fail(outcome, error)
        case .success(var fields):
            fields["code"] = 0
            fields["message"] = ""
            fields["codeDesc"] = "Success"
            let json = SimulatorJSON.object(fields)
            outcome.json = json
            outcome.response = SimulatorResponses.json(json)
        }
        switch after {
        case .dropConnection?:
            outcome.response = SimulatorResponses.dropConnection()
        case .stalledBody(let pause)?:
            outcome.response = SimulatorResponses.stalled((outcome.json ?? ["code": 0]).bytes, pause: pause)
        case .hugeBody(let bytes)?:
            outcome.response = SimulatorResponses.huge(bytes: bytes)
        case .malformedBody?:
            outcome.response = SimulatorResponses.malformed(outcome.json ?? ["code": 0])
        default:
            break
        }
        return outcome
    }

    private func fail(_ outcome: Outcome, _ error: TencentLegacyAPIError) -> Outcome {
        var outcome = outcome
        outcome.errorCode = error.recordedCode
        let json = error.envelope(shape: configuration.moduleErrorShape)
        outcome.json = json
        outcome.response = SimulatorResponses.json(json)
        return outcome
    }
}
