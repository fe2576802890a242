import Foundation

/// One HTTP header exactly as a simulator received it (name in its received case).
public struct SimulatedHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One request a simulator received, with what it answered.
public struct SimulatedRequestRecord: Sendable {
    /// Arrival order, starting at 1.
    public var sequence: Int
    /// Arrival time by the simulator's (injectable) clock.
    public var time: Date
    /// The provider action, when the request named one.
    public var action: String?
    public var method: String
    public var path: String
    /// The raw query string after `?` (empty when there is none).
    public var query: String
    /// Every header as received, in order; the `Host` header comes first.
    public var headers: [SimulatedHeader]
    /// The exact body bytes.
    public var body: [UInt8]
    /// The parsed action parameters (a JSON object), when the body or query could be parsed.
    public var parameters: SimulatorJSON?
    /// The HTTP status answered (Tencent answers 200 even for its errors; Alibaba uses 4xx/5xx).
    public var httpStatus: Int
    /// The provider error code answered, if any.
    public var errorCode: String?
    /// The request id answered, if any.
    public var requestId: String?
    /// The injected fault effect applied to this request, described, if any.
    public var fault: String?

    public init(
        sequence: Int,
        time: Date,
        action: String?,
        method: String,
        path: String,
        query: String,
        headers: [SimulatedHeader],
        body: [UInt8],
        parameters: SimulatorJSON?,
        httpStatus: Int,
        errorCode: String?,
        requestId: String?,
        fault: String?
    ) {
        self.sequence = sequence
        self.time = time
        self.action = action
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.parameters = parameters
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.requestId = requestId
        self.fault = fault
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var bodyString: String { String(decoding: body, as: UTF8.self) }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// A JSON view for the control endpoint; `Authorization` values, `x-acs-security-token` and
    /// `X-Security-Token` headers and `Signature`/`SecurityToken` parameters (query, form body, parsed) are redacted.
    var redactedJSON: SimulatorJSON {
        let headerList: [SimulatorJSON] = headers.map { header in
            let value: String
            switch header.name.lowercased() {
            case "authorization": value = Self.redact(header.value)
            case "x-acs-security-token", "x-security-token": value = "<redacted>"
            default: value = header.value
            }
            return .object(["name": .string(header.name), "value": .string(value)])
        }
        let isForm = header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        var object: [String: SimulatorJSON] = [
            "sequence": .int(Int64(sequence)),
            "time": .string(time.formatted(.iso8601)),
            "method": .string(method),
            "path": .string(path),
            "query": .string(Self.redactParameters(query)),
            "headers": .array(headerList),
            "body": .string(isForm ? Self.redactParameters(bodyString) : bodyString),
            "httpStatus": .int(Int64(httpStatus)),
        ]
        object["action"] = action.map { .string($0) } ?? .null
        object["parameters"] = parameters.map(Self.redactParameters) ?? .null
        object["errorCode"] = errorCode.map { .string($0) } ?? .null
        object["requestId"] = requestId.map { .string($0) } ?? .null
        object["fault"] = fault.map { .string($0) } ?? .null
        return .object(object)
    }

    /// Names of query/form parameters whose values the control endpoint hides.
    static let secretParameters: Set<String> = ["Signature", "SecurityToken", "Token"]

    /// `a=1&Signature=xyz` → `a=1&Signature=<redacted>`; other parameters are kept as sent.
    static func redactParameters(_ text: String) -> String {
        guard secretParameters.contains(where: { text.contains($0) }) else { return text }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return secretParameters.contains(name) ? "\(name)=<redacted>" : String(pair)
        }.joined(separator: "&")
    }

    /// The same for parsed parameters (a JSON object).
    static func redactParameters(_ parameters: SimulatorJSON) -> SimulatorJSON {
        guard case .object(var members) = parameters else { return parameters }
        for name in secretParameters where members[name] != nil { members[name] = "<redacted>" }
        return .object(members)
    }

    /// Keeps the scheme and credential id but hides the signature.
    static func redact(_ authorization: String) -> String {
        guard let signatureRange = authorization.range(of: "Signature=") else { return "<redacted>" }
        return authorization[..<signatureRange.upperBound] + "<redacted>"
    }
}

extension SimulatedFault.Effect {
    /// A short description for request records.
    var summary: String {
        switch self {
        case .error(let code, _): "error(\(code))"
        case .delay(let duration): "delay(\(duration))"
        case .httpStatus(let status, _): "httpStatus(\(status))"
        case .dropConnection: "dropConnection"
        case .malformedBody: "malformedBody"
        case .hugeBody(let bytes): "hugeBody(\(bytes))"
        case .stalledBody(let pause): "stalledBody(\(pause))"
        case .throttle: "throttle"
        case .failTask: "failTask"
        }
    }
}
