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
        return migrator
    }
}
