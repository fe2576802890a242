import Testing
import GatewayCore

@Suite("Error taxonomy")
struct ErrorCodeTests {
    @Test("every code has the status and retryability of DESIGN.md §4", arguments: [
        ("invalid_argument", 400, false), ("unauthenticated", 401, false), ("permission_denied", 403, false),
        ("not_found", 404, false), ("conflict", 409, true), ("failed_precondition", 422, false),
        ("unsupported", 422, false), ("rate_limited", 429, true), ("provider_auth_failed", 502, false),
        ("provider_error", 502, true), ("provider_unavailable", 503, true), ("provider_timeout", 504, true),
        ("internal", 500, false),
    ])
    func table(raw: String, status: Int, retryable: Bool) throws {
        let code = try #require(ErrorCode(rawValue: raw))
        #expect(code.httpStatus == status)
        #expect(code.retryable == retryable)
        #expect(code.rawValue == raw)
    }

    @Test("the set is closed")
    func closed() {
        #expect(ErrorCode.allCases.count == 13)
        #expect(ErrorCode(rawValue: "teapot") == nil)
    }

    @Test("restore requests are refused before any provider call when they contradict themselves")
    func restoreValidation() {
        #expect(throws: GatewayError.self) { try RestoreRequest(backupId: "b", confirmOverwrite: false).validate() }
        #expect(throws: GatewayError.self) { try RestoreRequest(confirmOverwrite: true).validate() }
        #expect(throws: GatewayError.self) { try RestoreRequest(backupId: "b", pointInTime: .now, confirmOverwrite: true).validate() }
        #expect(throws: GatewayError.self) { try RestoreRequest(backupId: "b", keyPatterns: ["("], confirmOverwrite: true).validate() }
        #expect(throws: Never.self) { try RestoreRequest(backupId: "b", confirmOverwrite: true).validate() }
    }

    @Test("secrets print as redacted")
    func secretDescription() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let request = RestoreRequest(backupId: "b", instancePassword: secret, confirmOverwrite: true)
        #expect(!String(describing: request).contains("hunter2"))
    }
}
