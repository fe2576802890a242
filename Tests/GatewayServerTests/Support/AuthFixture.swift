import Crypto
import Foundation
import GatewayConfiguration

/// Callers for the authentication, idempotency and audit tests.
enum AuthFixture {
    static let dashboardToken = "dash-token-7f3a9c1e5b2d4f6a8c0e"
    static let scriptToken = "script-token-2b4d6f8a0c1e3a5c7e9b"
    static let readerToken = "reader-token-9e8d7c6b5a4f3e2d1c0b"
    static let auditorToken = "auditor-token-1a2b3c4d5e6f7a8b9c0d"

    static var environment: [String: String] {
        ["DASH_TOKEN": dashboardToken, "SCRIPT_TOKEN": scriptToken]
    }

    /// dashboard: everything on crs-test*; script: backups only, on crs-test01/02 (tokenEnv);
    /// reader: read scopes on every instance (tokenSha256); auditor: audit:read only.
    static var settings: AuthSettings {
        AuthSettings(tokens: [
            CallerTokenSettings(
                name: "dashboard", credential: .source(.environment("DASH_TOKEN")),
                scopes: [.backupsRead, .backupsWrite, .restoresWrite, .operationsRead], instances: ["crs-test*"]
            ),
            CallerTokenSettings(
                name: "script", credential: .source(.environment("SCRIPT_TOKEN")),
                scopes: [.backupsWrite, .operationsRead], instances: ["crs-test01", "crs-test02"]
            ),
            CallerTokenSettings(
                name: "reader", credential: .sha256(sha256(readerToken)), scopes: [.backupsRead, .operationsRead]
            ),
            CallerTokenSettings(name: "auditor", credential: .sha256(sha256(auditorToken)), scopes: [.auditRead]),
        ])
    }

    static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
