import Foundation
import Hummingbird

/// The two routes that change something at a provider: `POST /instances/{id}/backups` and
/// `POST /instances/{id}/restores`. Idempotency keys and the audit trail apply to them.
enum MutatingRoute: String, Sendable {
    case createBackup = "backups.create"
    case createRestore = "restores.create"

    static func of(method: String, path: String) -> (route: MutatingRoute, instanceId: String)? {
        guard method == "POST" else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 3, segments[0] == "instances" else { return nil }
        let instanceId = String(segments[1]).removingPercentEncoding ?? String(segments[1])
        switch segments[2] {
        case "backups": return (.createBackup, instanceId)
        case "restores": return (.createRestore, instanceId)
        default: return nil
        }
    }

    /// `?validateOnly=true` (a dry run).
    static func isValidateOnly(query: String?) -> Bool {
        guard let query else { return false }
        return query.split(separator: "&").contains { $0 == "validateOnly=true" }
    }
}
