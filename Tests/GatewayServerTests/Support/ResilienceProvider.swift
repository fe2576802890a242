import Foundation
import GatewayConfiguration
import GatewayCore
import Simulators

/// A provider simulator as the resilience tests (kill -9, provider chaos) drive it: the account
/// routed to it, fresh instances on demand — one operation per instance, so provider writes and
/// operations pair up by instance —, the request bodies, and the provider's own account of what
/// happened on an instance.
struct ResilienceProvider: Sendable {
    /// What the provider says about the backup or restore started on a fresh instance.
    enum Truth: Sendable, Equatable {
        case notStarted
        case running
        case succeeded(backupId: String?)
        case failed

        /// The operation state the gateway must end in.
        var state: String? {
            switch self {
            case .notStarted, .running: nil
            case .succeeded: "succeeded"
            case .failed: "failed"
            }
        }
    }

    let name: String
    let account: AccountSettings
    let environment: [String: String]
    let backupAction: String
    let restoreAction: String
    let backupBody: String
    /// Adds running instance number `n` with one restorable backup: its id and the body restoring
    /// it from that backup.
    let addInstance: @Sendable (_ n: Int) async -> (instanceId: String, restoreBody: String)
    let inject: @Sendable (SimulatedFault) async -> Void
    let requests: @Sendable () async -> [SimulatedRequestRecord]
    /// The backup (other than the seeded one) or the restore on the instance.
    let truth: @Sendable (OperationKind, _ instanceId: String) async -> Truth
    let stop: @Sendable () async -> Void

    /// The backup and restore calls among `records` that concern `instanceId`.
    func writes(to instanceId: String, in records: [SimulatedRequestRecord]) -> [SimulatedRequestRecord] {
        records.filter { record in
            (record.action == backupAction || record.action == restoreAction)
                && (record.path.contains(instanceId) || record.parameters?["InstanceId"]?.stringValue == instanceId)
        }
    }

    /// Tencent API 3.0; instances `crs-res<n>` (password-protected).
    static func tencent(progression: TencentTaskProgression) async throws -> ResilienceProvider {
        let secretId = "AKIDresilience0123456789ABCDEF", secretKey = "resilienceSecret-0a1b2c3d4e5f"
        let password = "resilience-Pa55!"
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: secretId, secretKey: secretKey)], taskProgression: progression, enforceRateLimits: false
        ))
        try await simulator.start()
        let seeded: @Sendable (Int) -> String = { "9" + padded($0, 23) }
        return ResilienceProvider(
            name: "tencent",
            account: AccountSettings(
                name: "tencent-resilience", provider: .tencent, region: "ap-guangzhou", endpoint: URL(string: simulator.endpoint),
                credentials: CredentialReferences(id: .environment("RES_TC_ID"), secret: .environment("RES_TC_KEY")), instances: ["crs-res*"]
            ),
            environment: ["RES_TC_ID": secretId, "RES_TC_KEY": secretKey],
            backupAction: "ManualBackupInstance",
            restoreAction: "RestoreInstance",
            backupBody: #"{"remark":"resilience"}"#,
            addInstance: { n in
                let id = "crs-res\(n)", now = Date()
                await simulator.addInstance(.init(id: id, name: "res-\(n)", password: password))
                await simulator.addBackup(.init(
                    backupId: seeded(n), instanceId: id, instanceName: "res-\(n)", startTime: now.addingTimeInterval(-7200),
                    endTime: now.addingTimeInterval(-7100), backupSize: 1024, expireTime: now.addingTimeInterval(86_400)
                ))
                return (id, #"{"backupId":"\#(seeded(n))","instancePassword":"\#(password)","confirmOverwrite":true}"#)
            },
            inject: { await simulator.inject($0) },
            requests: { await simulator.receivedRequests() },
            truth: { kind, id in
                if kind == .backup {
                    guard let backup = await simulator.backups(of: id).first(where: { !$0.backupId.hasPrefix("9") }) else { return .notStarted }
                    switch backup.status {
                    case 1: return .running
                    case 2, 3, 4: return .succeeded(backupId: backup.backupId)
                    default: return .failed
                    }
                }
                guard let task = await simulator.tasks().first(where: { $0.instanceId == id && $0.type == "RestoreInstance" }) else {
                    return .notStarted
                }
                switch task.status {
                case .succeed: return .succeeded(backupId: nil)
                case .failed, .error: return .failed
                case .preparing, .running: return .running
                }
            },
            stop: { await simulator.stop() }
        )
    }

    /// Huawei DCS v2; instances `11111111-0000-4000-8000-<n>`.
    static func huawei(progression: HuaweiTaskProgression) async throws -> ResilienceProvider {
        let accessKey = "HWRESILIENCE01234567", secretKey = "resilienceHuaweiSecretKey0123456789abcd"
        let projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        let simulator = HuaweiSimulator(configuration: HuaweiSimulatorConfiguration(
            credentials: [HuaweiSimulatorCredential(accessKey: accessKey, secretKey: secretKey)], projectId: projectId, progression: progression
        ))
        try await simulator.start()
        let seeded: @Sendable (Int) -> String = { "22222222-0000-4000-8000-" + padded($0, 12) }
        return ResilienceProvider(
            name: "huawei",
            account: AccountSettings(
                name: "huawei-resilience", provider: .huawei, region: "ap-southeast-1", endpoint: URL(string: simulator.endpoint),
                projectId: projectId, apiVersion: "v2",
                credentials: CredentialReferences(id: .environment("RES_HW_AK"), secret: .environment("RES_HW_SK")), instances: ["11111111-*"]
            ),
            environment: ["RES_HW_AK": accessKey, "RES_HW_SK": secretKey],
            backupAction: "CreateBackup",
            restoreAction: "Restore",
            backupBody: #"{"remark":"resilience","format":"rdb"}"#,
            addInstance: { n in
                let id = "11111111-0000-4000-8000-" + padded(n, 12), now = Date()
                await simulator.addInstance(.init(instanceId: id, name: "res-\(n)"))
                await simulator.addBackup(.init(
                    backupId: seeded(n), instanceId: id, remark: "seed", createdAt: now.addingTimeInterval(-7200), supportRestore: true
                ))
                return (id, #"{"backupId":"\#(seeded(n))","confirmOverwrite":true}"#)
            },
            inject: { await simulator.inject($0) },
            requests: { await simulator.receivedRequests() },
            truth: { kind, id in
                var status: String?, backupId: String?
                if kind == .backup {
                    let backup = await simulator.backups(of: id).first(where: { !$0.backupId.hasPrefix("22222222-") })
                    (status, backupId) = (backup?.status, backup?.backupId)
                } else {
                    status = await simulator.restores(of: id).first?.status
                }
                switch status {
                case nil: return .notStarted
                case "succeed": return .succeeded(backupId: backupId)
                case "failed", "expired": return .failed
                default: return .running
                }
            },
            stop: { await simulator.stop() }
        )
    }

    /// `n` in decimal, left-padded with zeros to `width` digits.
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
