import Hummingbird

/// What the shared control endpoints need from a simulator's state.
protocol SimulatorControlState: Actor {
    func inject(_ fault: SimulatedFault)
    func clearFaults()
    func faults() -> [SimulatedFault]
    func receivedRequests() -> [SimulatedRequestRecord]
    func clearReceivedRequests()
}

/// Test-only endpoints (not a provider's), for curl and out-of-process tests:
/// `POST /_simulator/faults` (one fault as JSON), `GET|DELETE /_simulator/faults`,
/// `GET|DELETE /_simulator/requests` (signatures and tokens redacted). Shared by every simulator.
struct SimulatorControlEndpoints<State: SimulatorControlState>: Sendable {
    let state: State

    func handle(_ request: Request) async -> Response {
        switch (request.method, request.uri.path) {
        case (.post, "/_simulator/faults"):
            var request = request
            guard let body = try? await request.collectBody(upTo: 1 << 20),
                  let json = SimulatorJSON.parse(Array(body.readableBytesView))
            else {
                return SimulatorResponses.json(["error": "the body must be a JSON fault"], status: .badRequest)
            }
            do {
                await state.inject(try SimulatedFault(controlJSON: json))
            } catch {
                return SimulatorResponses.json(["error": .string("\(error)")], status: .badRequest)
            }
            return await faultList()
        case (.get, "/_simulator/faults"):
            return await faultList()
        case (.delete, "/_simulator/faults"):
            await state.clearFaults()
            return await faultList()
        case (.get, "/_simulator/requests"):
            let records = await state.receivedRequests()
            return SimulatorResponses.json(.array(records.map(\.redactedJSON)))
        case (.delete, "/_simulator/requests"):
            await state.clearReceivedRequests()
            return SimulatorResponses.json(.array([]))
        default:
            return SimulatorResponses.json(["error": "no such control endpoint"], status: .notFound)
        }
    }

    private func faultList() async -> Response {
        SimulatorResponses.json(["faults": .array(await state.faults().map(\.controlJSON))])
    }
}
