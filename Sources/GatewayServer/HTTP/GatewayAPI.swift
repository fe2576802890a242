import Foundation
import GatewayCore
import OpenAPIRuntime
import OperationStore

/// The handlers of openapi.yaml: decode the generated input, call `GatewayService`, encode
/// the generated output. Failures are thrown as `GatewayError` and rendered by
/// `GatewayMiddleware` as problem documents.
struct GatewayAPI: APIProtocol {
    let service: GatewayService
    let providers: @Sendable () -> [Components.Schemas.ProviderInfo]
    let openAPIDocument: @Sendable () -> String
    let isReady: @Sendable () async -> [String: String]
    /// The Prometheus text exposition of the application's metrics.
    let metrics: @Sendable () -> String

    private var requestId: String { RequestIdentity.current }

    func createBackup(_ input: Operations.CreateBackup.Input) async throws -> Operations.CreateBackup.Output {
        guard case let .json(body) = input.body else { throw GatewayError.invalidArgument("MALFORMED_BODY", "Send a JSON body.") }
        let request = APIConversions.backupRequest(body)
        if input.query.validateOnly == true {
            let dryRun = try service.previewBackup(instanceId: input.path.instanceId, request: request)
            return .ok(.init(body: .json(APIConversions.dryRun(dryRun))))
        }
        let record = try await service.startBackup(instanceId: input.path.instanceId, request: request, requestId: requestId)
        return .accepted(.init(
            headers: .init(location: "/operations/\(record.id)", retryAfter: Int32(service.pollAfterSeconds)),
            body: .json(APIConversions.operation(record))
        ))
    }

    func createRestore(_ input: Operations.CreateRestore.Input) async throws -> Operations.CreateRestore.Output {
        guard case let .json(body) = input.body else { throw GatewayError.invalidArgument("MALFORMED_BODY", "Send a JSON body.") }
        let request = APIConversions.restoreRequest(body)
        if input.query.validateOnly == true {
            let dryRun = try service.previewRestore(instanceId: input.path.instanceId, request: request)
            return .ok(.init(body: .json(APIConversions.dryRun(dryRun))))
        }
        let record = try await service.startRestore(instanceId: input.path.instanceId, request: request, requestId: requestId)
        return .accepted(.init(
            headers: .init(location: "/operations/\(record.id)", retryAfter: Int32(service.pollAfterSeconds)),
            body: .json(APIConversions.operation(record))
        ))
    }

    func listBackups(_ input: Operations.ListBackups.Input) async throws -> Operations.ListBackups.Output {
        let query = BackupListQuery(
            since: input.query.since,
            until: input.query.until,
            state: input.query.state.flatMap { Backup.State(rawValue: $0.rawValue) },
            pageSize: try Self.pageSize(input.query.pageSize),
            pageToken: input.query.pageToken
        )
        let page = try await service.listBackups(instanceId: input.path.instanceId, query: query, requestId: requestId)
        return .ok(.init(body: .json(.init(backups: page.backups.map(APIConversions.backup), nextPageToken: page.nextPageToken))))
    }

    func getInstance(_ input: Operations.GetInstance.Input) async throws -> Operations.GetInstance.Output {
        let info = try await service.instance(instanceId: input.path.instanceId, requestId: requestId)
        return .ok(.init(body: .json(APIConversions.instance(info))))
    }

    func getOperation(_ input: Operations.GetOperation.Input) async throws -> Operations.GetOperation.Output {
        let principal = CallerPrincipal.current
        let record = try await service.operation(id: input.path.operationId, requestId: requestId) { principal.mayAccess(instance: $0) }
        return .ok(.init(
            headers: .init(retryAfter: record.done ? nil : Int32(service.pollAfterSeconds)),
            body: .json(APIConversions.operation(record))
        ))
    }

    func listOperations(_ input: Operations.ListOperations.Input) async throws -> Operations.ListOperations.Output {
        if let instanceId = input.query.instanceId { try InstanceIdentifier.validate(instanceId) }
        let filter = OperationFilter(
            instanceId: input.query.instanceId,
            kind: input.query.kind.flatMap { OperationKind(rawValue: $0.rawValue) },
            state: input.query.state.flatMap { OperationState(rawValue: $0.rawValue) },
            instancePatterns: CallerPrincipal.current.instanceFilter
        )
        let page = try await service.operations(filter: filter, pageSize: try Self.pageSize(input.query.pageSize), pageToken: input.query.pageToken)
        return .ok(.init(body: .json(.init(operations: page.operations.map(APIConversions.operation), nextPageToken: page.nextPageToken))))
    }

    func listProviders(_ input: Operations.ListProviders.Input) async throws -> Operations.ListProviders.Output {
        .ok(.init(body: .json(.init(providers: providers()))))
    }

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        if let instanceId = input.query.instanceId { try InstanceIdentifier.validate(instanceId) }
        if let caller = input.query.caller, !(1...63).contains(caller.unicodeScalars.count) {
            throw GatewayError.invalidArgument("CALLER_INVALID", "caller must be 1-63 characters (a token name).")
        }
        let filter = AuditFilter(
            caller: input.query.caller, instanceId: input.query.instanceId, action: input.query.action?.rawValue,
            outcome: input.query.outcome?.rawValue, since: input.query.since, until: input.query.until,
            instancePatterns: CallerPrincipal.current.instanceFilter
        )
        let page = try await service.auditEvents(filter: filter, pageSize: try Self.pageSize(input.query.pageSize), pageToken: input.query.pageToken)
        return .ok(.init(body: .json(.init(events: page.events.map(APIConversions.auditEvent), nextPageToken: page.nextPageToken))))
    }

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        let checks = await isReady()
        let ready = checks.values.allSatisfy { $0 == "ok" }
        let body = Components.Schemas.Readiness(
            status: ready ? .ready : .notReady,
            checks: .init(additionalProperties: checks)
        )
        return ready ? .ok(.init(body: .json(body))) : .serviceUnavailable(.init(body: .json(body)))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .textPlainVersion_0_0_4(HTTPBody(metrics()))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws -> Operations.GetOpenAPIDocument.Output {
        .ok(.init(body: .yaml(HTTPBody(openAPIDocument()))))
    }

    // MARK: Helpers

    private static func pageSize(_ value: Int32?) throws(GatewayError) -> Int {
        let size = Int(value ?? 20)
        guard (1...100).contains(size) else {
            throw GatewayError.invalidArgument("PAGE_SIZE_OUT_OF_RANGE", "pageSize must be between 1 and 100.")
        }
        return size
    }
}
