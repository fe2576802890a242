import GatewayCore

/// Pre-checks on the provider's view of an instance, before anything is recorded or written.
enum InstanceReadiness {
    /// A backup or restore needs a running instance; a busy one is a retryable conflict.
    static func requireRunning(_ info: InstanceInfo) throws(GatewayError) {
        let id = info.ref.instanceId
        switch info.status {
        case .running, .unknown:
            return
        case .busy:
            throw GatewayError.conflict(
                "INSTANCE_BUSY", "Instance \(id) is busy with another task (provider status \(info.providerStatus)); retry later.",
                retryAfterSeconds: 30
            )
        case .creating:
            throw GatewayError.failedPrecondition("INSTANCE_NOT_READY", "Instance \(id) is still being created.")
        case .isolated:
            throw GatewayError.failedPrecondition("INSTANCE_ISOLATED", "Instance \(id) is isolated (e.g. expired or unpaid); renew it first.")
        case .deleting:
            throw GatewayError.failedPrecondition("INSTANCE_DELETING", "Instance \(id) is being deleted.")
        case .stopped:
            throw GatewayError.failedPrecondition("INSTANCE_NOT_RUNNING", "Instance \(id) is not running.")
        }
    }

    /// The provider checks the instance password before restoring; ask for it up front.
    static func requirePassword(_ info: InstanceInfo, request: RestoreRequest) throws(GatewayError) {
        if info.passwordRequired == true, request.instancePassword == nil {
            throw GatewayError.invalidArgument(
                "INSTANCE_PASSWORD_REQUIRED",
                "Instance \(info.ref.instanceId) has a password: give it as instancePassword (it is passed to the provider and never stored)."
            )
        }
    }
}
