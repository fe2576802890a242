/// The five DCS calls the simulator serves, in both API generations (huawei.md §2):
/// `/{v2|v1.0}/{project_id}/instances/{instance_id}` (`GET` → ShowInstance) and
/// `…/backups` (`POST` → CreateBackup, `GET` → ListBackups), `…/restores` (`POST` → Restore,
/// `GET` → ListRestores). Anything else — another path, method, or a trailing `/` — is not
/// an API (`APIGW.0101`).
struct HuaweiRoute: Sendable, Equatable {
    enum Generation: Sendable, Equatable {
        /// `/v2/…`: `{error_code, error_msg}`, `offset`, `begin_time`, `backup_format`.
        case v2
        /// `/v1.0/…`: `{"error": {code, message}}` with 9-digit codes, `start`, `beginTime`.
        case v1
    }

    var generation: Generation
    var projectId: String
    var instanceId: String
    /// `CreateBackup`, `ListBackups`, `Restore`, `ListRestores` or `ShowInstance`.
    var action: String

    init?(method: String, path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map {
            HuaweiPercentEncoding.decodeString(String($0))
        }
        guard segments.count == 5 || segments.count == 6, segments[0].isEmpty, segments[3] == "instances",
              !segments[2].isEmpty, !segments[4].isEmpty
        else { return nil }
        switch segments[1] {
        case "v2": generation = .v2
        case "v1.0": generation = .v1
        default: return nil
        }
        projectId = segments[2]
        instanceId = segments[4]
        switch (method.uppercased(), segments.count == 6 ? segments[5] : nil) {
        case ("GET", nil): action = "ShowInstance"
        case ("POST", "backups"?): action = "CreateBackup"
        case ("GET", "backups"?): action = "ListBackups"
        case ("POST", "restores"?): action = "Restore"
        case ("GET", "restores"?): action = "ListRestores"
        default: return nil
        }
    }
}
