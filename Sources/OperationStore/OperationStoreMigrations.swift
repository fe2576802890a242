import GRDB

/// The schema, as an ordered list of migrations. Never edit a shipped migration: add one.
enum OperationStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_operations") { db in
            try db.execute(sql: """
                CREATE TABLE operations (
                  id TEXT PRIMARY KEY NOT NULL,
                  kind TEXT NOT NULL,
                  state TEXT NOT NULL,
                  instance_id TEXT NOT NULL,
                  provider TEXT NOT NULL,
                  account TEXT NOT NULL,
                  region TEXT NOT NULL,
                  progress INTEGER,
                  backup_id TEXT,
                  provider_task_id TEXT,
                  provider_request_id TEXT,
                  remark TEXT,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  refreshed_at INTEGER,
                  failure TEXT,
                  provider_context TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX operations_created ON operations (created_at DESC, id DESC);
                CREATE INDEX operations_instance ON operations (instance_id, created_at DESC);
                CREATE INDEX operations_unfinished ON operations (state, created_at);
                """)
        }
        migrator.registerMigration("v2_idempotency_audit_webhooks") { db in
            try db.execute(sql: """
                ALTER TABLE operations ADD COLUMN callback_url TEXT;

                CREATE TABLE idempotency_keys (
                  caller TEXT NOT NULL,
                  idempotency_key TEXT NOT NULL,
                  fingerprint TEXT NOT NULL,
                  state TEXT NOT NULL,
                  locked_until INTEGER,
                  expires_at INTEGER NOT NULL,
                  created_at INTEGER NOT NULL,
                  completed_at INTEGER,
                  operation_id TEXT,
                  response_status INTEGER,
                  response_headers TEXT,
                  response_body BLOB,
                  PRIMARY KEY (caller, idempotency_key)
                );
                CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

                CREATE TABLE audit_events (
                  id TEXT PRIMARY KEY NOT NULL,
                  at INTEGER NOT NULL,
                  caller TEXT NOT NULL,
                  action TEXT NOT NULL,
                  instance_id TEXT NOT NULL,
                  provider TEXT,
                  account TEXT,
                  operation_id TEXT,
                  outcome TEXT NOT NULL,
                  http_status INTEGER NOT NULL,
                  code TEXT,
                  reason TEXT,
                  summary TEXT NOT NULL DEFAULT '{}',
                  provider_request_id TEXT,
                  request_id TEXT NOT NULL
                );
                CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
                CREATE INDEX audit_events_instance ON audit_events (instance_id, at DESC, id DESC);
                CREATE INDEX audit_events_caller ON audit_events (caller, at DESC, id DESC);

                CREATE TABLE webhook_deliveries (
                  operation_id TEXT PRIMARY KEY NOT NULL,
                  url TEXT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at INTEGER NOT NULL,
                  state TEXT NOT NULL,
                  last_error TEXT,
                  created_at INTEGER NOT NULL,
                  delivered_at INTEGER
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
                """)
        }
        migrator.registerMigration("v3_refresh_lease") { db in
            // The end of the current refresh claim (`OperationStore.claimRefresh`), UTC microseconds.
            try db.execute(sql: "ALTER TABLE operations ADD COLUMN refresh_lease_until INTEGER")
        }
        return migrator
    }

    /// The names of all migrations, in order (what a fully migrated database has applied).
    static var all: [String] { migrator.migrations }
}
