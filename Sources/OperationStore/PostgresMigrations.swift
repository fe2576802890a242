/// The PostgreSQL schema: the same migrations (names, tables, columns, indexes) as
/// `OperationStoreMigrations` for SQLite, in PostgreSQL types. Never edit a shipped migration:
/// add one, to both.
///
/// Types: times are UTC microseconds in `BIGINT` (as in SQLite, see `StoreTime`), integers
/// `BIGINT` (SQLite's INTEGER is 64-bit too), JSON parts `TEXT` (round-tripped byte for byte),
/// response bodies `BYTEA`. Ids and instance ids are `COLLATE "C"`, so ordering and keyset
/// paging compare bytes as SQLite does, whatever the database's collation.
///
/// Each migration is a list of statements (the extended query protocol runs one at a time).
/// `PostgresOperationStore.migrate()` applies the missing ones in one transaction under an
/// advisory lock and records them in `gateway_migrations`.
enum PostgresMigrations {
    struct Migration: Sendable {
        var name: String
        var statements: [String]
    }

    static let all: [Migration] = [
        Migration(name: "v1_operations", statements: [
            """
            CREATE TABLE operations (
              id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              kind TEXT NOT NULL,
              state TEXT NOT NULL,
              instance_id TEXT COLLATE "C" NOT NULL,
              provider TEXT NOT NULL,
              account TEXT NOT NULL,
              region TEXT NOT NULL,
              progress BIGINT,
              backup_id TEXT,
              provider_task_id TEXT,
              provider_request_id TEXT,
              remark TEXT,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              refreshed_at BIGINT,
              failure TEXT,
              provider_context TEXT NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX operations_created ON operations (created_at DESC, id DESC)",
            "CREATE INDEX operations_instance ON operations (instance_id, created_at DESC)",
            "CREATE INDEX operations_unfinished ON operations (state, created_at)",
        ]),
        Migration(name: "v2_idempotency_audit_webhooks", statements: [
            "ALTER TABLE operations ADD COLUMN callback_url TEXT",
            """
            CREATE TABLE idempotency_keys (
              caller TEXT COLLATE "C" NOT NULL,
              idempotency_key TEXT COLLATE "C" NOT NULL,
              fingerprint TEXT NOT NULL,
              state TEXT NOT NULL,
              locked_until BIGINT,
              expires_at BIGINT NOT NULL,
              created_at BIGINT NOT NULL,
              completed_at BIGINT,
              operation_id TEXT,
              response_status BIGINT,
              response_headers TEXT,
              response_body BYTEA,
              PRIMARY KEY (caller, idempotency_key)
            )
            """,
            "CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)",
            """
            CREATE TABLE audit_events (
              id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              at BIGINT NOT NULL,
              caller TEXT COLLATE "C" NOT NULL,
              action TEXT NOT NULL,
              instance_id TEXT COLLATE "C" NOT NULL,
              provider TEXT,
              account TEXT,
              operation_id TEXT,
              outcome TEXT NOT NULL,
              http_status BIGINT NOT NULL,
              code TEXT,
              reason TEXT,
              summary TEXT NOT NULL DEFAULT '{}',
              provider_request_id TEXT,
              request_id TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC)",
            "CREATE INDEX audit_events_instance ON audit_events (instance_id, at DESC, id DESC)",
            "CREATE INDEX audit_events_caller ON audit_events (caller, at DESC, id DESC)",
            """
            CREATE TABLE webhook_deliveries (
              operation_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              url TEXT NOT NULL,
              attempts BIGINT NOT NULL DEFAULT 0,
              next_attempt_at BIGINT NOT NULL,
              state TEXT NOT NULL,
              last_error TEXT,
              created_at BIGINT NOT NULL,
              delivered_at BIGINT
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)",
        ]),
        Migration(name: "v3_refresh_lease", statements: [
            // The end of the current refresh claim (`OperationStore.claimRefresh`), UTC microseconds.
            "ALTER TABLE operations ADD COLUMN refresh_lease_until BIGINT",
        ]),
    ]

    /// The names of all migrations, in order.
    static var names: [String] { all.map(\.name) }

    /// The table recording applied migrations, in the store's schema.
    static let createLedger = """
        CREATE TABLE IF NOT EXISTS gateway_migrations (
          name TEXT PRIMARY KEY NOT NULL,
          applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// The advisory lock key text of a schema's migrations (hashed by the server), so two
    /// processes migrating one schema take turns while other schemas migrate in parallel.
    static func lockKey(schema: String) -> String {
        "redis-backup-gateway migrations " + schema
    }
}
