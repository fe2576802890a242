import Foundation
import GatewayCore
import Logging
import PostgresNIO
import Synchronization

/// The store of a gateway with several replicas: PostgreSQL, same tables as the SQLite store
/// (`PostgresMigrations`), same contract. Also the idempotency keys, audit log and webhook
/// outbox (`GatewayStore`), in the extensions.
///
/// Life cycle: `init` opens nothing. `migrate()` opens one connection of its own (so it works
/// before the pool runs and reports a bad password or an unreachable server at once), applies
/// the missing migrations and closes it. The pool (`client`) serves every other call and only
/// while `run()` runs — run it in a long-running task (the gateway runs it as a
/// ServiceLifecycle service); cancelling `run()` closes the pool.
///
/// Round trips: every call is one statement on one pooled connection (PostgreSQL runs each
/// statement atomically), except three paths that need a second: `update` of a terminal
/// record (a read after the refused write), an idempotency `claim` of a key that exists
/// (a takeover-or-read after the insert attempt), and its retries under contention. Concurrent
/// writers rely on row locks: `UPDATE … WHERE` and `INSERT … ON CONFLICT … WHERE` re-check
/// their condition on the newest committed row, and `dueWebhooks` locks with `SKIP LOCKED`.
///
/// Failures are `internal` / `STORE_UNAVAILABLE`, with a message built here (never a
/// postgres-nio description, never the password). A call waits at most
/// `configuration.acquireTimeout` for a connection.
public final class PostgresOperationStore: OperationStore {
    public let configuration: PostgresStoreConfiguration
    /// The connection pool; it serves queries only while `run()` runs.
    public let client: PostgresClient
    let logger: Logger

    /// How long `ping()` waits at most (a loaded machine adds its scheduling delay).
    static let pingTimeout: Duration = .milliseconds(1500)

    /// The columns of `OperationRow`, in its decoding order.
    static let operationColumns = """
        id, kind, state, instance_id, provider, account, region, progress, backup_id, provider_task_id, \
        provider_request_id, remark, created_at, updated_at, refreshed_at, failure, provider_context, callback_url
        """

    public init(configuration: PostgresStoreConfiguration, logger: Logger = Logger(label: "backup-gateway.store")) {
        self.configuration = configuration
        self.logger = logger
        client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled (or, under ServiceLifecycle, until
    /// graceful shutdown). Call it once.
    public func run() async {
        await client.run()
    }

    // MARK: - Migrations

    /// Creates the schema if missing and applies the missing migrations, in one transaction
    /// on a connection of its own, holding a transaction-scoped advisory lock keyed by the
    /// schema: processes migrating one schema at once take turns, and the second finds
    /// nothing to do. Idempotent. Does not need `run()`.
    public func migrate() async throws(GatewayError) {
        let connection = try await openConnection()
        do {
            try await connection.withTransaction(logger: logger) { connection in
                try await Self.applyMigrations(on: connection, schema: self.configuration.schema, logger: self.logger)
            }
        } catch {
            try? await connection.close()
            throw storeError(error, context: "Could not migrate the PostgreSQL store \(configuration)")
        }
        try? await connection.close()
    }

    private static func applyMigrations(on connection: PostgresConnection, schema: String, logger: Logger) async throws {
        let lockKey = PostgresMigrations.lockKey(schema: schema)
        _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))", logger: logger).collect()
        // Create the schema only when missing: CREATE SCHEMA IF NOT EXISTS checks the CREATE
        // privilege on the database even when the schema exists.
        let existing = try await connection.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)", logger: logger).collect()
        let quoted = PostgresStoreConfiguration.quoteIdentifier(schema)
        if existing.isEmpty {
            _ = try await connection.query("CREATE SCHEMA \(unescaped: quoted)", logger: logger).collect()
        }
        _ = try await connection.query("SET LOCAL search_path TO \(unescaped: quoted)", logger: logger).collect()
        _ = try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.createLedger), logger: logger).collect()
        let applied = Set(try await connection.query("SELECT name FROM gateway_migrations", logger: logger).collect()
            .map { try $0.decode(String.self) })
        for migration in PostgresMigrations.all where !applied.contains(migration.name) {
            for statement in migration.statements {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
            }
            _ = try await connection.query("INSERT INTO gateway_migrations (name) VALUES (\(migration.name))", logger: logger).collect()
            logger.info("applied store migration", metadata: ["migration": "\(migration.name)", "schema": "\(schema)"])
        }
    }

    /// The migrations applied so far: the known ones in order, then any unknown ones (a newer
    /// gateway's) by name.
    public func appliedMigrations() async throws(GatewayError) -> [String] {
        let names = try await withConnection { connection in
            try await connection.query("SELECT name FROM gateway_migrations ORDER BY name", logger: self.logger).collect()
                .map { try $0.decode(String.self) }
        }
        let known = PostgresMigrations.names
        return known.filter(names.contains) + names.filter { !known.contains($0) }
    }

    /// One connection outside the pool, with the pool's settings. A server that is starting
    /// up or has no connection slot left (SQLSTATE 57P03, 53300) is asked again, with backoff,
    /// for up to `busyRetryWindow`; other failures (refused, unreachable, bad password) fail
    /// at once.
    private func openConnection() async throws(GatewayError) -> PostgresConnection {
        let clock = ContinuousClock()
        let giveUp = clock.now + Self.busyRetryWindow
        var delay: Duration = .milliseconds(50)
        while true {
            do {
                return try await PostgresConnection.connect(
                    configuration: try configuration.connectionConfiguration(), id: 0, logger: logger
                )
            } catch {
                guard Self.isBusy(error), !Task.isCancelled, clock.now + delay < giveUp else {
                    throw storeError(error, context: "Could not connect to the PostgreSQL store \(configuration)")
                }
                logger.debug("PostgreSQL busy or starting; connecting again", metadata: ["retryIn": "\(delay)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(1))
            }
        }
    }

    /// How long `migrate()` keeps asking a server that is starting or full.
    static let busyRetryWindow: Duration = .seconds(15)

    /// The server is starting up or out of connection slots: worth asking again.
    static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "53300" || state == "57P03"
    }

    // MARK: - OperationStore

    public func insert(_ operation: OperationRecord, idempotencyKey: IdempotencyKeyRef?) async throws(GatewayError) {
        let row = OperationRow(operation)
        let values: PostgresQuery = """
            \(row.id)::text, \(row.kind)::text, \(row.state)::text, \(row.instance_id)::text, \(row.provider)::text,
            \(row.account)::text, \(row.region)::text, \(row.progress)::bigint, \(row.backup_id)::text,
            \(row.provider_task_id)::text, \(row.provider_request_id)::text, \(row.remark)::text, \(row.created_at)::bigint,
            \(row.updated_at)::bigint, \(row.refreshed_at)::bigint, \(row.failure)::text, \(row.provider_context)::text,
            \(row.callback_url)::text
            """
        guard let idempotencyKey else {
            try await execute("INSERT INTO operations (\(Self.operationColumns)) VALUES (\(values.sql))", binds: values.binds)
            return
        }
        // The insert and the link in one statement (one transaction): the row is written only
        // when the key is in flight for that caller, and a failing insert (a duplicate id)
        // undoes the link.
        var linkBinds = values.binds
        linkBinds.append(idempotencyKey.caller)
        linkBinds.append(idempotencyKey.key)
        let binds = linkBinds
        let count = binds.count
        let inserted = try await withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: """
                WITH link AS (
                  UPDATE idempotency_keys SET operation_id = $1
                  WHERE caller = $\(count - 1) AND idempotency_key = $\(count) AND state = 'in_flight'
                  RETURNING 1
                )
                INSERT INTO operations (\(Self.operationColumns))
                SELECT \(values.sql) WHERE EXISTS (SELECT 1 FROM link)
                RETURNING 1
                """, binds: binds), logger: self.logger).collect().count
        }
        guard inserted == 0 else { return }
        // As the SQLite store, which inserts first: a duplicate id is a store failure.
        if try await get(row.id) != nil {
            throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "The operation store failed: operation \(row.id) already exists.")
        }
        throw GatewayError(
            .internal, reason: "IDEMPOTENCY_KEY_NOT_CLAIMED",
            detail: "Idempotency key \(idempotencyKey.key) of \(idempotencyKey.caller) is not in flight; operation \(row.id) was not recorded."
        )
    }

    public func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord {
        let row = OperationRow(operation)
        let stored = try await withConnection { connection -> OperationRow? in
            // The row lock makes concurrent updates queue, and the condition is re-checked on
            // the newest row: a terminal record is never overwritten.
            let updated = try await connection.query("""
                UPDATE operations SET state = \(row.state), progress = \(row.progress), backup_id = \(row.backup_id),
                  provider_task_id = \(row.provider_task_id), provider_request_id = \(row.provider_request_id),
                  updated_at = \(row.updated_at), refreshed_at = \(row.refreshed_at), failure = \(row.failure),
                  provider_context = \(row.provider_context), refresh_lease_until = NULL
                WHERE id = \(row.id) AND state NOT IN ('succeeded', 'failed')
                RETURNING \(unescaped: Self.operationColumns)
                """, logger: self.logger).collect()
            if let first = updated.first { return try OperationRow(postgres: first) }
            // Terminal (for good) or missing: read what is stored, in a new snapshot.
            return try await connection.query(
                "SELECT \(unescaped: Self.operationColumns) FROM operations WHERE id = \(row.id)", logger: self.logger
            ).collect().first.map(OperationRow.init(postgres:))
        }
        guard let stored else {
            throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "Operation \(row.id) vanished from the store.")
        }
        return try record(stored)
    }

    public func get(_ id: String) async throws(GatewayError) -> OperationRecord? {
        let row = try await withConnection { connection in
            try await connection.query(
                "SELECT \(unescaped: Self.operationColumns) FROM operations WHERE id = \(id)", logger: self.logger
            ).collect().first.map(OperationRow.init(postgres:))
        }
        return try row.map { row throws(GatewayError) in try record(row) }
    }

    public func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage {
        let cursor = try pageToken.map { token throws(GatewayError) in try OperationPageToken(decoding: token) }
        let limit = max(1, min(pageSize, 100))
        var conditions = PostgresConditions()
        conditions.equal("instance_id", filter.instanceId)
        conditions.equal("kind", filter.kind?.rawValue)
        conditions.equal("state", filter.state?.rawValue)
        conditions.instancePatterns("instance_id", filter.instancePatterns)
        if let cursor {
            let createdAt = conditions.bind(cursor.createdAtMicros)
            let id = conditions.bind(cursor.id)
            conditions.add("(created_at < \(createdAt) OR (created_at = \(createdAt) AND id < \(id)))")
        }
        let rows = try await fetch(
            "SELECT \(Self.operationColumns) FROM operations \(conditions.whereClause) ORDER BY created_at DESC, id DESC LIMIT \(limit + 1)",
            binds: conditions.binds, OperationRow.init(postgres:)
        )
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map { OperationPageToken(createdAtMicros: $0.created_at, id: $0.id).encoded } : nil
        return OperationPage(operations: try page.map { row throws(GatewayError) in try record(row) }, nextPageToken: next)
    }

    public func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord] {
        var binds = PostgresBindings()
        // As SQLite's LIMIT: a negative limit is no limit.
        binds.append(limit < 0 ? nil : limit)
        return try await fetch(
            """
            SELECT \(Self.operationColumns) FROM operations WHERE state NOT IN ('succeeded', 'failed')
            ORDER BY created_at ASC, id ASC LIMIT $1
            """,
            binds: binds, OperationRow.init(postgres:)
        ).map { row throws(GatewayError) in try record(row) }
    }

    public func claimRefresh(id: String, now: Date, freshSince: Date, leaseUntil: Date) async throws(GatewayError) -> Bool {
        let claimed = try await withConnection { connection in
            try await connection.query("""
                UPDATE operations SET refresh_lease_until = \(StoreTime.micros(leaseUntil))
                WHERE id = \(id) AND state NOT IN ('succeeded', 'failed')
                  AND (refreshed_at IS NULL OR refreshed_at < \(StoreTime.micros(freshSince)))
                  AND (refresh_lease_until IS NULL OR refresh_lease_until <= \(StoreTime.micros(now)))
                RETURNING 1
                """, logger: self.logger).collect().count
        }
        return claimed == 1
    }

    /// `SELECT 1` within `pingTimeout` (1.5 s): false when the server cannot be reached, the
    /// pool does not run, or the answer is late. Never throws.
    public func ping() async -> Bool {
        await Self.first(within: Self.pingTimeout, otherwise: false) {
            let answer = try? await self.withConnection(acquireTimeout: Self.pingTimeout) { connection in
                try await connection.query("SELECT 1", logger: self.logger).collect().first?.decode(Int.self)
            }
            return answer == 1
        }
    }

    // MARK: - Plumbing

    private func record(_ row: OperationRow) throws(GatewayError) -> OperationRecord {
        do {
            return try row.record()
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.internal, reason: "STORE_CORRUPT", detail: "Operation \(row.id) cannot be read: \(type(of: error)).")
        }
    }

    /// Runs one statement and ignores its rows.
    func execute(_ sql: String, binds: PostgresBindings) async throws(GatewayError) {
        try await withConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger).collect()
        }
    }

    /// Runs one statement and decodes its rows with `decode`.
    func fetch<Row: Sendable>(
        _ sql: String, binds: PostgresBindings, _ decode: @escaping @Sendable (PostgresRow) throws -> Row
    ) async throws(GatewayError) -> [Row] {
        try await withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger).collect().map(decode)
        }
    }

    /// Runs `body` on a pooled connection, waiting at most `acquireTimeout` (by default the
    /// configuration's) for one. Once `body` has the connection it is not interrupted. Every
    /// failure becomes a `GatewayError` (see `storeError`).
    func withConnection<T: Sendable>(
        acquireTimeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(GatewayError) -> T {
        let timeout = acquireTimeout ?? configuration.acquireTimeout
        do {
            return try await withThrowingTaskGroup(of: AcquireOutcome<T>.self) { group in
                let race = AcquireRace()
                group.addTask {
                    try await self.client.withConnection { connection in
                        guard race.acquire() else { throw CancellationError() }
                        return AcquireOutcome.done(try await body(connection))
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    return race.timeOut() ? .timedOut : .timerEnded
                }
                while let outcome = try await group.next() {
                    switch outcome {
                    case .done(let value):
                        group.cancelAll()
                        return value
                    case .timedOut:
                        group.cancelAll()
                        throw AcquireTimeout(timeout: timeout)
                    case .timerEnded:
                        continue
                    }
                }
                throw CancellationError()
            }
        } catch {
            throw storeError(error, context: "The operation store failed")
        }
    }

    /// `work`'s answer, or `fallback` when it takes longer than `timeout` (then `work` is
    /// cancelled and finishes on its own, unawaited).
    static func first<T: Sendable>(
        within timeout: Duration, otherwise fallback: T, _ work: @escaping @Sendable () async -> T
    ) async -> T {
        let slot = ContinuationSlot<T>()
        return await withCheckedContinuation { continuation in
            slot.arm(continuation)
            let worker = Task {
                let value = await work()
                slot.resume(with: value)
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if slot.resume(with: fallback) { worker.cancel() }
            }
            slot.onResolve { timer.cancel() }
        }
    }

    /// `error` as `internal` / `STORE_UNAVAILABLE` with a message of this store's making:
    /// `context`, then what went wrong (server errors by SQLSTATE and message, connection
    /// failures by kind), never the password.
    func storeError(_ error: any Error, context: String) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if let error = error as? PostgresTransactionError,
           let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
            return storeError(inner, context: context)
        }
        return GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: redacted("\(context): \(describe(error))"))
    }

    private func describe(_ error: any Error) -> String {
        switch error {
        case let error as AcquireTimeout:
            return "no connection to PostgreSQL at \(configuration.endpoint) (database \(configuration.database)) "
                + "was available within \(error.timeout) (server unreachable, refusing the login, or every connection busy)."
        case let error as PSQLError:
            if error.code == .server, let info = error.serverInfo {
                let state = info[.sqlState].map { "SQLSTATE \($0)" } ?? "an error"
                return "PostgreSQL answered \(state): \(info[.message] ?? "no message")."
            }
            var text = "the connection to PostgreSQL at \(configuration.endpoint) (database \(configuration.database), "
                + "user \(configuration.user)) failed: \(error.code)"
            if let underlying = error.underlying { text += " (\(describe(underlying)))" }
            return text + "."
        case let error as PostgresDecodingError:
            return "column \(error.columnName) could not be read as \(error.targetType) (\(error.code))."
        case is CancellationError:
            return "the call was cancelled."
        default:
            return "\(type(of: error)): \(String(describing: error))"
        }
    }

    /// `text` without the configured password.
    func redacted(_ text: String) -> String {
        guard let password = configuration.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "<redacted>")
    }
}

/// What one of the two tasks of `withConnection` reports.
private enum AcquireOutcome<T: Sendable>: Sendable {
    case done(T)
    case timedOut
    case timerEnded
}

/// No pooled connection within the acquire timeout.
private struct AcquireTimeout: Error {
    var timeout: Duration
}

/// Who won in `withConnection`: the call got its connection, or the timer fired first.
/// Exactly one of `acquire()` and `timeOut()` succeeds.
private final class AcquireRace: Sendable {
    private let state = Atomic<UInt8>(0)

    /// The connection came first: the call goes on.
    func acquire() -> Bool {
        state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged
    }

    /// The timer came first: the call gives up (and a connection that comes later is unused).
    func timeOut() -> Bool {
        state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing).exchanged
    }
}

/// A continuation resumed once, by whichever of several tasks comes first.
private final class ContinuationSlot<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        var resolved = false
        var onResolve: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func arm(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Runs `action` once the slot is resolved (now, if it already is).
    func onResolve(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if state.resolved { return true }
            state.onResolve = action
            return false
        }
        if runNow { action() }
    }

    /// Resumes with `value` if nobody did; true when this call did.
    @discardableResult
    func resume(with value: T) -> Bool {
        let taken: (CheckedContinuation<T, Never>, (@Sendable () -> Void)?)? = state.withLock { state in
            guard !state.resolved, let continuation = state.continuation else { return nil }
            let action = state.onResolve
            state.resolved = true
            state.continuation = nil
            state.onResolve = nil
            return (continuation, action)
        }
        guard let (continuation, action) = taken else { return false }
        continuation.resume(returning: value)
        action?()
        return true
    }
}

/// A WHERE clause built piece by piece, with numbered parameters (`$1`, …) in `binds`.
struct PostgresConditions {
    private var clauses: [String] = []
    private(set) var binds = PostgresBindings()

    /// Adds `value` as the next parameter; returns its placeholder.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func add(_ clause: String) {
        clauses.append(clause)
    }

    /// `column = value` when `value` is given.
    mutating func equal(_ column: String, _ value: String?) {
        guard let value else { return }
        let placeholder = bind(value)
        add("\(column) = \(placeholder)")
    }

    /// `column` matches one of `patterns` (exact ids with `=`, globs as `LIKE … ESCAPE '\'`,
    /// see `InstancePatternSQL`), when given; `[]` matches nothing.
    mutating func instancePatterns(_ column: String, _ patterns: [String]?) {
        guard let patterns else { return }
        var alternatives: [String] = []
        for pattern in patterns {
            if InstancePatternSQL.isExact(pattern) {
                let placeholder = bind(pattern)
                alternatives.append("\(column) = \(placeholder)")
            } else {
                let placeholder = bind(InstancePatternSQL.like(pattern))
                alternatives.append("\(column) LIKE \(placeholder) ESCAPE '\\'")
            }
        }
        add(alternatives.isEmpty ? "FALSE" : "(" + alternatives.joined(separator: " OR ") + ")")
    }

    /// `WHERE …`, or nothing.
    var whereClause: String {
        clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }
}

extension OperationRow {
    /// A row selected with `PostgresOperationStore.operationColumns`.
    init(postgres row: PostgresRow) throws {
        (
            id, kind, state, instance_id, provider, account, region, progress, backup_id, provider_task_id,
            provider_request_id, remark, created_at, updated_at, refreshed_at, failure, provider_context, callback_url
        ) = try row.decode((
            String, String, String, String, String, String, String, Int?, String?, String?,
            String?, String?, Int64, Int64, Int64?, String?, String, String?
        ).self)
    }
}
