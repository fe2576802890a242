/// A fault to inject into a simulator: it affects the next `times` requests that match
/// `action` and `instanceId` (nil matches anything).
///
/// Provider-neutral: every simulator interprets the effects in its own provider's terms
/// (`throttle` becomes the provider's own throttling error).
public struct SimulatedFault: Sendable, Equatable {
    /// Action (operation) name the fault applies to; nil = any action.
    public var action: String?
    /// Instance the fault applies to (the request's instance parameter, or the instance of the
    /// task a status call asks about); nil = any instance.
    public var instanceId: String?
    /// How many matching requests (or, for `failTask`, created tasks) it affects.
    public var times: Int
    /// What happens to an affected request.
    public var effect: Effect

    /// What an injected fault does.
    public enum Effect: Sendable, Equatable {
        /// Answer with the provider's error envelope carrying this code and message;
        /// the action is not performed.
        case error(code: String, message: String)
        /// Wait this long, then process and answer normally (a client with a shorter
        /// deadline times out while the action still happens).
        case delay(Duration)
        /// Answer with this HTTP status and body (infrastructure in front of the API);
        /// the action is not performed.
        case httpStatus(Int, body: String)
        /// Perform the action, then close the connection without a complete response.
        case dropConnection
        /// Perform the action, then answer 200 with a truncated, unparsable JSON body.
        case malformedBody
        /// Perform the action, then answer 200 with a body of `bytes` bytes, streamed without a
        /// `Content-Length`: one JSON object whose string member pads it to that size.
        case hugeBody(bytes: Int)
        /// Perform the action, then answer 200 with the head and the first half of the real body
        /// at once and the rest only after this long (a deadline passes while the body is read).
        case stalledBody(Duration)
        /// Answer with the provider's own throttling error; the action is not performed.
        case throttle
        /// The next task created by a matching action ends in failure with this message.
        case failTask(message: String)
    }

    public init(action: String? = nil, instanceId: String? = nil, times: Int = 1, effect: Effect) {
        self.action = action
        self.instanceId = instanceId
        self.times = times
        self.effect = effect
    }

    /// Whether the fault applies to a request for `action` on `instanceId`.
    func matches(action requestAction: String?, instanceId requestInstance: String?) -> Bool {
        guard times > 0 else { return false }
        if let action, action != requestAction { return false }
        if let instanceId, instanceId != requestInstance { return false }
        return true
    }
}

/// An ordered list of faults; matching consumes one use of the first matching fault.
struct FaultBook: Sendable {
    private(set) var faults: [SimulatedFault] = []

    mutating func add(_ fault: SimulatedFault) {
        if fault.times > 0 { faults.append(fault) }
    }

    mutating func removeAll() { faults.removeAll() }

    /// Consumes the first fault matching the request whose effect is a request-time effect
    /// (everything except `failTask`).
    mutating func consumeRequestFault(action: String?, instanceId: String?) -> SimulatedFault.Effect? {
        consume(action: action, instanceId: instanceId) { effect in
            if case .failTask = effect { return false }
            return true
        }
    }

    /// Consumes the first matching `failTask` fault; returns its message.
    mutating func consumeTaskFailure(action: String?, instanceId: String?) -> String? {
        let effect = consume(action: action, instanceId: instanceId) { effect in
            if case .failTask = effect { return true }
            return false
        }
        if case .failTask(let message) = effect { return message }
        return nil
    }

    private mutating func consume(
        action: String?,
        instanceId: String?,
        where accepts: (SimulatedFault.Effect) -> Bool
    ) -> SimulatedFault.Effect? {
        guard let index = faults.firstIndex(where: {
            $0.matches(action: action, instanceId: instanceId) && accepts($0.effect)
        }) else { return nil }
        let effect = faults[index].effect
        faults[index].times -= 1
        if faults[index].times <= 0 { faults.remove(at: index) }
        return effect
    }
}
