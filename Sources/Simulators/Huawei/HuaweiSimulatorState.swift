import Foundation

/// The simulated project: instances, backup and restore records, task bookkeeping, injected
/// faults, rate-limit buckets, the AK lockout and the request log. One actor, so every call is
/// atomic.
actor HuaweiSimulatorState: SimulatorControlState {
    let configuration: HuaweiSimulatorConfiguration
    var instances: [HuaweiSimulatedInstance] = []
    /// In creation order (list order is by `createdAt`, newest first).
    var backupList: [HuaweiSimulatedBackup] = []
    var restoreList: [HuaweiSimulatedRestore] = []
    /// List polls seen by each running record (`.perPoll`), by backup or restore id.
    var polls: [String: Int] = [:]
    /// The `error_code` a running record ends with (a `failTask` fault), by record id.
    var plannedFailures: [String: String] = [:]
    var faultBook = FaultBook()
    var rateLimiter = RateLimiter()
    var lockout = HuaweiAKLockout()
    var records: [SimulatedRequestRecord] = []

    init(
        configuration: HuaweiSimulatorConfiguration,
        instances: [HuaweiSimulatedInstance] = [],
        backups: [HuaweiSimulatedBackup] = []
    ) {
        self.configuration = configuration
        self.instances = instances
        self.backupList = backups
    }

    var now: Date { configuration.clock() }

    // MARK: Seeding and inspection

    /// Adds an instance, replacing one with the same id.
    func addInstance(_ instance: HuaweiSimulatedInstance) {
        if let index = instances.firstIndex(where: { $0.instanceId == instance.instanceId }) {
            instances[index] = instance
        } else {
            instances.append(instance)
        }
    }

    /// Adds a backup record, replacing one with the same id.
    func addBackup(_ backup: HuaweiSimulatedBackup) {
        if let index = backupList.firstIndex(where: { $0.backupId == backup.backupId }) {
            backupList[index] = backup
        } else {
            backupList.append(backup)
        }
    }

    /// Adds a restore record, replacing one with the same id.
    func addRestore(_ restore: HuaweiSimulatedRestore) {
        if let index = restoreList.firstIndex(where: { $0.restoreId == restore.restoreId }) {
            restoreList[index] = restore
        } else {
            restoreList.append(restore)
        }
    }

    func instance(_ id: String) -> HuaweiSimulatedInstance? {
        refresh()
        return instances.first { $0.instanceId == id }
    }

    /// The instance's backup records, newest first.
    func backups(of instanceId: String) -> [HuaweiSimulatedBackup] {
        refresh()
        return Self.newestFirst(backupList.filter { $0.instanceId == instanceId }, createdAt: \.createdAt)
    }

    /// The instance's restore records, newest first.
    func restores(of instanceId: String) -> [HuaweiSimulatedRestore] {
        refresh()
        return Self.newestFirst(restoreList.filter { $0.instanceId == instanceId }, createdAt: \.createdAt)
    }

    func inject(_ fault: SimulatedFault) { faultBook.add(fault) }

    func clearFaults() { faultBook.removeAll() }

    func faults() -> [SimulatedFault] { faultBook.faults }

    func receivedRequests() -> [SimulatedRequestRecord] { records }

    func clearReceivedRequests() { records.removeAll() }

    func record(_ make: (Int) -> SimulatedRequestRecord) {
        records.append(make(records.count + 1))
    }

    // MARK: Gateway layer

    /// The AK/SK check with the lockout applied between identifying the AK and verifying the
    /// request: a locked AK is refused outright; a failed verification counts, a success resets.
    func authenticate(_ request: ReceivedHTTPRequest, now: Date) -> Result<String, HuaweiAPIError> {
        let authenticator = HuaweiAuthenticator(configuration: configuration)
        switch authenticator.identify(request) {
        case .failure(let error):
            return .failure(error)
        case .success(let (credential, authorization)):
            if lockout.isLocked(credential.accessKey, now: now) { return .failure(.accessKeyLocked) }
            if let error = authenticator.verify(request, credential: credential, authorization: authorization, now: now) {
                lockout.recordFailure(credential.accessKey, now: now)
                return .failure(error)
            }
            lockout.recordSuccess(credential.accessKey)
            return .success(credential.accessKey)
        }
    }

    /// The request-time fault for this call, consuming one use.
    func consumeFault(action: String, instanceId: String?) -> SimulatedFault.Effect? {
        faultBook.consumeRequestFault(action: action, instanceId: instanceId)
    }

    /// nil when admitted; 429 `APIGW.0308` otherwise.
    func admit(accessKey: String, action: String) -> HuaweiAPIError? {
        guard configuration.enforceRateLimits, let limit = configuration.rateLimits[action] else { return nil }
        switch rateLimiter.admit(key: "\(accessKey)\u{0}\(action)", limit: limit, per: .seconds(60)) {
        case .allowed: return nil
        case .limited: return .throttled(limit: limit)
        }
    }

    /// The limit a `throttle` fault quotes for `action`.
    func quotedLimit(_ action: String) -> Int {
        configuration.rateLimits[action] ?? 100
    }

    // MARK: Helpers

    func instanceIndex(_ id: String) throws(HuaweiAPIError) -> Int {
        guard let index = instances.firstIndex(where: { $0.instanceId == id }) else { throw .instanceNotFound }
        return index
    }

    /// Newest `createdAt` first; among equal times the later-added record first.
    static func newestFirst<Record>(_ records: [Record], createdAt: KeyPath<Record, Date>) -> [Record] {
        records.enumerated().sorted { a, b in
            a.element[keyPath: createdAt] != b.element[keyPath: createdAt]
                ? a.element[keyPath: createdAt] > b.element[keyPath: createdAt]
                : a.offset > b.offset
        }.map(\.element)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
