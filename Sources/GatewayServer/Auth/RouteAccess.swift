import Foundation
import GatewayConfiguration

/// What a route demands of the caller (DESIGN.md §2, issue #6): a scope (and, for
/// `/instances/{id}/…`, that the token's instance patterns cover the id), any valid token, or
/// the probe policy (`auth.probes`).
enum RouteAccess: Equatable {
    /// `/healthz`, `/readyz`, `/metrics`.
    case probe
    /// Anyone: `/openapi.yaml` (the contract is public).
    case open
    /// Any valid token: `/providers`, and paths with no route (so routes are
    /// not revealed to strangers).
    case authenticated
    /// The scope, and the instance named in the path when there is one.
    case scope(Scope, instanceId: String?)

    static func of(method: String, path: String) -> RouteAccess {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (method, segments.count, segments.first) {
        case (_, 1, "healthz"), (_, 1, "readyz"), (_, 1, "metrics"):
            return .probe
        case ("GET", 1, "openapi.yaml"):
            return .open
        case ("GET", 3, "instances") where segments[2] == "backups":
            return .scope(.backupsRead, instanceId: decoded(segments[1]))
        case ("POST", 3, "instances") where segments[2] == "backups":
            return .scope(.backupsWrite, instanceId: decoded(segments[1]))
        case ("POST", 3, "instances") where segments[2] == "restores":
            return .scope(.restoresWrite, instanceId: decoded(segments[1]))
        case ("GET", 2, "instances"):
            return .scope(.backupsRead, instanceId: decoded(segments[1]))
        case ("GET", 1, "operations"), ("GET", 2, "operations"):
            return .scope(.operationsRead, instanceId: nil)
        case ("GET", 1, "audit-events"):
            return .scope(.auditRead, instanceId: nil)
        default:
            return .authenticated
        }
    }

    private static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }
}
