import GatewayCore

/// The answer to a `validateOnly=true` request: where the request would go and the signed,
/// redacted provider request that would be sent.
struct DryRun: Sendable {
    let kind: OperationKind
    let ref: InstanceRef
    let request: ProviderRequestPreview
    let notes: [String]

    static let notes = [
        "The provider was not called: the instance's state and its own capabilities are checked when the request is sent for real.",
        "The signature, timestamp and nonce of the real request will differ.",
    ]
}
