import Foundation
import GRDB
import GatewayCore

/// The embedded default store: one SQLite file in WAL mode (GRDB `DatabasePool`), schema
/// managed by `OperationStoreMigrations`. Dates are stored as UTC microseconds. Also the
/// idempotency keys, audit log and webhook outbox (`GatewayStore`), in the extensions.
public final class SQLiteOperationStore: OperationStore {
    private let writer: any DatabaseWriter

    /// Opens (creating folders and file as needed) and migrates the database at `path`, on a
    /// thread of its own: opening, migrating and closing wait for the disk (fsync), and doing
    /// that on the Swift concurrency pool (one thread per core) would stall every task.
    public static func open(path: String) async throws(GatewayError) -> SQLiteOperationStore {
        try await FileWork.run { () throws(GatewayError) in try SQLiteOperationStore(path: path) }
    }

    /// Opens (creating folders and file as needed) and migrates the database at `path`,
    /// blocking the calling thread; from async code use `open(path:)`.
    public init(path: String) throws(GatewayError) {
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            // WAL with synchronous=NORMAL: a commit is durable once it is in the WAL, so a killed
            // process loses nothing; only an OS crash or power cut may lose the last commits
            // (PostgreSQL is the store for that). FULL would fsync on every commit, and the one
            // writer would spend its time waiting for the disk.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            writer = try DatabasePool(path: path, configuration: configuration)
            try OperationStoreMigrations.migrator.migrate(writer)
        } catch {
            throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "Could not open the SQLite store at \(path): \(error)")
        }
    }

    /// An in-memory database (tests, `sqlite::memory:`).
    public init() throws(GatewayError) {
        do {
            writer = try DatabaseQueue()
            try OperationStoreMigrations.migrator.migrate(writer)
        } catch {
            throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "Could not open an in-memory store: \(error)")
        }
    }

    deinit {
        // Closing the last connection checkpoints the WAL and syncs the file: let that happen
        // off the caller's thread, which may be one of the concurrency pool's.
        FileWork.release(writer)
    }

    /// The migrations applied so far (for tests and diagnostics).
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try OperationStoreMigrations.migrator.appliedMigrations(db) }
    }

    public func insert(_ operation: OperationRecord, idempotencyKey: IdempotencyKeyRef?) async throws(GatewayError) {
        let row = OperationRow(operation)
        try await perform { db in
            try row.insert(db)
            if let idempotencyKey {
                try Self.link(operationId: row.id, to: idempotencyKey, db)
            }
        }
    }

    public func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord {
        let row = OperationRow(operation)
        return try await perform { db in
            try db.cachedStatement(sql: """
                UPDATE operations SET state = ?, progress = ?, backup_id = ?, provider_task_id = ?,
                  provider_request_id = ?, updated_at = ?, refreshed_at = ?, failure = ?, provider_context = ?,
                  refresh_lease_until = NULL
                WHERE id = ? AND state NOT IN ('succeeded', 'failed')
                """).execute(arguments: [
                    row.state, row.progress, row.backup_id, row.provider_task_id, row.provider_request_id,
                    row.updated_at, row.refreshed_at, row.failure, row.provider_context, row.id,
                ])
            guard let stored = try Self.fetchOperation(row.id, db) else {
                throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "Operation \(row.id) vanished from the store.")
            }
            return try stored.record()
        }
    }

    public func get(_ id: String) async throws(GatewayError) -> OperationRecord? {
        try await perform { db in try Self.fetchOperation(id, db)?.record() }
    }

    /// One operation by id, through a statement prepared once per connection.
    static func fetchOperation(_ id: String, _ db: Database) throws -> OperationRow? {
        try OperationRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM operations WHERE id = ?"), arguments: [id])
    }

    public func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage {
        let cursor = try pageToken.map { token throws(GatewayError) in try OperationPageToken(decoding: token) }
        let limit = max(1, min(pageSize, 100))
        return try await perform { db in
            var conditions = SQLConditions()
            conditions.equal("instance_id", filter.instanceId)
            conditions.equal("kind", filter.kind?.rawValue)
            conditions.equal("state", filter.state?.rawValue)
            conditions.instancePatterns("instance_id", filter.instancePatterns)
            if let cursor {
                conditions.add(
                    "(created_at < ? OR (created_at = ? AND id < ?))", [cursor.createdAtMicros, cursor.createdAtMicros, cursor.id]
                )
            }
            let rows = try OperationRow.fetchAll(
                db,
                sql: "SELECT * FROM operations \(conditions.whereClause) ORDER BY created_at DESC, id DESC LIMIT \(limit + 1)",
                arguments: conditions.arguments
            )
            let page = Array(rows.prefix(limit))
            let next = rows.count > limit ? page.last.map { OperationPageToken(createdAtMicros: $0.created_at, id: $0.id).encoded } : nil
            return OperationPage(operations: try page.map { try $0.record() }, nextPageToken: next)
        }
    }

    public func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord] {
        try await perform { db in
            try OperationRow.fetchAll(
                db,
                sql: "SELECT * FROM operations WHERE state NOT IN ('succeeded', 'failed') ORDER BY created_at ASC LIMIT ?",
                arguments: [limit]
            ).map { try $0.record() }
        }
    }

    public func claimRefresh(id: String, now: Date, freshSince: Date, leaseUntil: Date) async throws(GatewayError) -> Bool {
        try await perform { db in
            try db.execute(
                sql: """
                UPDATE operations SET refresh_lease_until = ?
                WHERE id = ? AND state NOT IN ('succeeded', 'failed')
                  AND (refreshed_at IS NULL OR refreshed_at < ?)
                  AND (refresh_lease_until IS NULL OR refresh_lease_until <= ?)
                """,
                arguments: [StoreTime.micros(leaseUntil), id, StoreTime.micros(freshSince), StoreTime.micros(now)]
            )
            return db.changesCount == 1
        }
    }

    public func ping() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// Runs `work` in one write transaction (IMMEDIATE, so writers queue instead of failing);
    /// failures other than `GatewayError`s become `internal` / `STORE_UNAVAILABLE`.
    func perform<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(GatewayError) -> T {
        do {
            return try await writer.write(work)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.internal, reason: "STORE_UNAVAILABLE", detail: "The operation store failed: \(error)")
        }
    }
}
