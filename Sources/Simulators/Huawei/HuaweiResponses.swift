import Hummingbird

/// Huawei's answers: the three error envelopes (huawei.md §5) and the headers API Gateway puts
/// on every response (`X-Request-Id`, `Server: api-gateway`).
enum HuaweiResponses {
    /// The body of an error: the gateway's `{error_msg, error_code, request_id}` whatever the
    /// route; DCS v2 `{error_code, error_msg}`; DCS v1.0 `{"error": {code, message}}` with the
    /// 9-digit code.
    static func errorJSON(_ error: HuaweiAPIError, generation: HuaweiRoute.Generation?, requestId: String) -> SimulatorJSON {
        switch (error.layer, generation) {
        case (.gateway, _):
            ["error_msg": .string(error.message), "error_code": .string(error.code), "request_id": .string(requestId)]
        case (.dcs, .v1?):
            ["error": ["code": .string(error.legacyCode), "message": .string(error.message)]]
        case (.dcs, _):
            ["error_code": .string(error.code), "error_msg": .string(error.message)]
        }
    }

    /// The code as answered on this route (the 9-digit one for DCS errors on v1.0).
    static func answeredCode(_ error: HuaweiAPIError, generation: HuaweiRoute.Generation?) -> String {
        error.layer == .dcs && generation == .v1 ? error.legacyCode : error.code
    }

    static func error(_ error: HuaweiAPIError, generation: HuaweiRoute.Generation?, requestId: String) -> Response {
        SimulatorResponses.json(
            errorJSON(error, generation: generation, requestId: requestId),
            status: HTTPResponse.Status(code: error.httpStatus)
        )
    }

    /// 204 with no body.
    static func noContent() -> Response {
        Response(status: .noContent)
    }

    /// Adds the gateway's headers.
    static func stamped(_ response: Response, requestId: String) -> Response {
        var response = response
        response.headers[.init("X-Request-Id")!] = requestId
        response.headers[.init("Server")!] = "api-gateway"
        return response
    }

    /// 32 lower-case hex digits, like API Gateway's request ids.
    static func newRequestId() -> String {
        (0..<2).map { _ in
            let value = UInt64.random(in: 0...UInt64.max)
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
