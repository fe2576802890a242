/// Everything the gateway keeps: operations, idempotency keys, the audit log and the webhook outbox.
public typealias GatewayStore = OperationStore & IdempotencyStore & AuditLog & WebhookOutbox
