import Foundation
import GatewayCore
import OperationStore

/// Portable model ↔ the types generated from openapi.yaml.
enum APIConversions {
    static func operation(_ record: OperationRecord) -> Components.Schemas.Operation {
        Components.Schemas.Operation(
            id: record.id,
            kind: record.kind == .backup ? .backup : .restore,
            state: Components.Schemas.OperationState(rawValue: record.state.rawValue) ?? .unknown,
            done: record.done,
            instanceId: record.instanceId,
            provider: providerKind(record.provider),
            account: record.account,
            region: record.region,
            progress: record.progress.map { Int32($0) },
            backupId: record.backupId,
            providerTaskId: record.providerTaskId,
            providerRequestId: record.providerRequestId,
            remark: record.remark,
            createdAt: record.createdAt,
            updatedAt: record.updatedAt,
            error: record.failure.map { problem($0, operationId: record.id, requestId: record.providerContext["requestId"] ?? "-") }
        )
    }

    static func problem(_ failure: OperationFailure, operationId: String, requestId: String) -> Components.Schemas.Problem {
        let code = ErrorCode(rawValue: failure.code) ?? .internal
        return Components.Schemas.Problem(
            _type: ProblemDocument.typeURI(code.rawValue),
            title: code.title,
            status: Int32(code.httpStatus),
            detail: failure.detail,
            instance: "/operations/\(operationId)",
            code: Components.Schemas.ErrorCode(rawValue: code.rawValue) ?? ._internal,
            reason: failure.reason,
            retryable: code.retryable,
            requestId: requestId,
            provider: failure.provider.map {
                Components.Schemas.ProviderErrorDetail(
                    name: $0.name, code: $0.code, message: $0.message, requestId: $0.requestId, httpStatus: $0.httpStatus.map { Int32($0) }
                )
            }
        )
    }

    static func backup(_ backup: Backup) -> Components.Schemas.Backup {
        Components.Schemas.Backup(
            id: backup.id,
            instanceId: backup.instanceId,
            state: Components.Schemas.BackupState(rawValue: backup.state.rawValue) ?? .failed,
            kind: backup.kind == .manual ? .manual : .automatic,
            startedAt: backup.startedAt,
            finishedAt: backup.finishedAt,
            expiresAt: backup.expiresAt,
            sizeBytes: backup.sizeBytes,
            format: backup.format,
            remark: backup.remark,
            restorable: backup.restorable
        )
    }

    static func capabilities(_ capabilities: Capabilities) -> Components.Schemas.Capabilities {
        Components.Schemas.Capabilities(
            manualBackup: capabilities.manualBackup,
            backupRetention: capabilities.backupRetention,
            minRetentionDays: capabilities.minRetentionDays.map { Int32($0) },
            maxRetentionDays: capabilities.maxRetentionDays.map { Int32($0) },
            backupFormats: capabilities.backupFormats.compactMap { Components.Schemas.BackupFormat(rawValue: $0.rawValue) },
            listBackups: capabilities.listBackups,
            restoreFromBackup: capabilities.restoreFromBackup,
            inPlaceRestore: capabilities.inPlaceRestore,
            pointInTimeRestore: capabilities.pointInTimeRestore,
            keyFilterRestore: capabilities.keyFilterRestore,
            timeShift: capabilities.timeShift,
            restorePasswordRequired: capabilities.restorePasswordRequired,
            pointInTimeEarliest: capabilities.pointInTimeEarliest,
            notes: capabilities.notes.isEmpty ? nil : capabilities.notes
        )
    }

    static func instance(_ info: InstanceInfo) -> Components.Schemas.Instance {
        Components.Schemas.Instance(
            id: info.ref.instanceId,
            provider: providerKind(info.ref.provider),
            account: info.ref.account,
            region: info.ref.region,
            name: info.name,
            status: Components.Schemas.Instance.StatusPayload(rawValue: info.status.rawValue) ?? .unknown,
            providerStatus: info.providerStatus,
            architecture: info.architecture,
            passwordRequired: info.passwordRequired,
            capabilities: capabilities(info.capabilities)
        )
    }

    static func providerKind(_ kind: ProviderKind) -> Components.Schemas.ProviderKind {
        Components.Schemas.ProviderKind(rawValue: kind.rawValue) ?? .tencent
    }

    static func backupRequest(_ body: Components.Schemas.BackupRequest) -> BackupRequest {
        BackupRequest(
            remark: body.remark,
            retentionDays: body.retentionDays.map { Int($0) },
            format: body.format.flatMap { BackupFormat(rawValue: $0.rawValue) },
            callbackUrl: body.callbackUrl
        )
    }

    static func restoreRequest(_ body: Components.Schemas.RestoreRequest) -> RestoreRequest {
        RestoreRequest(
            backupId: body.backupId,
            pointInTime: body.pointInTime,
            keyPatterns: body.keyPatterns,
            timeShift: body.timeShift,
            instancePassword: body.instancePassword.map(Secret.init),
            remark: body.remark,
            confirmOverwrite: body.confirmOverwrite,
            callbackUrl: body.callbackUrl
        )
    }

    static func dryRun(_ dryRun: DryRun) -> Components.Schemas.DryRunResult {
        var headers: [String: String] = [:]
        for header in dryRun.request.headers {
            headers[header.name] = headers[header.name].map { "\($0), \(header.value)" } ?? header.value
        }
        return Components.Schemas.DryRunResult(
            valid: true,
            operationKind: dryRun.kind == .backup ? .backup : .restore,
            instanceId: dryRun.ref.instanceId,
            provider: providerKind(dryRun.ref.provider),
            account: dryRun.ref.account,
            region: dryRun.ref.region,
            request: .init(
                action: dryRun.request.action, method: dryRun.request.method, url: dryRun.request.url,
                headers: .init(additionalProperties: headers), body: dryRun.request.body
            ),
            notes: dryRun.notes
        )
    }

    static func auditEvent(_ event: AuditEvent) -> Components.Schemas.AuditEvent {
        Components.Schemas.AuditEvent(
            id: event.id, time: event.at, caller: event.caller,
            action: Components.Schemas.AuditEvent.ActionPayload(rawValue: event.action) ?? .backups_create,
            instanceId: event.instanceId,
            provider: event.provider.flatMap(Components.Schemas.ProviderKind.init(rawValue:)),
            account: event.account, operationId: event.operationId,
            outcome: Components.Schemas.AuditOutcome(rawValue: event.outcome) ?? .refused,
            httpStatus: Int32(event.httpStatus),
            code: event.code.flatMap(Components.Schemas.ErrorCode.init(rawValue:)),
            reason: event.reason, summary: .init(additionalProperties: event.summary),
            providerRequestId: event.providerRequestId, requestId: event.requestId
        )
    }
}
