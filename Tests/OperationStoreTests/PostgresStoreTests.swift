import Foundation
import GatewayCore
import Logging
@testable import OperationStore
import PostgresNIO
import Testing

@Suite("PostgreSQL coverage")
struct PostgresCoverageTests {
    @Test("the PostgreSQL cases run: required on CI (CI=true), and a set URL must be well-formed")
    func postgresCasesRan() {
        let environment = ProcessInfo.processInfo.environment
        if let url = PostgresTestDatabase.url {
            #expect(PostgresTestDatabase.isConfigured, "\(PostgresTestDatabase.urlVariable)=\(url) is not postgres://USER@HOST:PORT/DATABASE")
            #expect(StoreKind.allCases.contains(.postgres))
        } else if environment["CI"] == "true" {
            Issue.record("""
                PostgreSQL tests did not run: \(PostgresTestDatabase.urlVariable) is not set on CI. Start a server with \
                `scripts/test-postgres start` and export the line it prints.
                """)
        }
    }

    @Test("the store configuration's description never shows the password")
    func descriptionHidesPassword() {
        let configuration = PostgresStoreConfiguration(
            host: "db.internal", port: 6432, user: "gateway", password: "s3cret-value", database: "gw", schema: "gw"
        )
        #expect("\(configuration)" == "postgres://gateway@db.internal:6432/gw (schema gw, tls prefer, pool 10)")
        #expect(!String(reflecting: configuration).contains("s3cret"))
    }
}

@Suite("PostgreSQL store", .enabled(if: PostgresTestDatabase.isConfigured, "GATEWAY_TEST_POSTGRES_URL is not set"))
struct PostgresStoreTests {
    static let logger = PostgresTestDatabase.quietLogger

    /// The tables of `schema`, sorted.
    static func tables(in schema: String, database: String? = nil) async throws -> [String] {
        try await PostgresTestDatabase.execute(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = '\(schema)' ORDER BY table_name",
            database: database
        ).map { try $0.decode(String.self) }
    }

    static let gatewayTables = ["audit_events", "gateway_migrations", "idempotency_keys", "operations", "webhook_deliveries"]

    @Test("migrate creates the schema and every table; again, it applies nothing")
    func migrateIsIdempotent() async throws {
        try await PostgresTestDatabase.withFreshSchema { configuration in
            #expect(try await Self.tables(in: configuration.schema).isEmpty)
            let store = PostgresTestDatabase.store(configuration)
            try await store.migrate()
            try await store.migrate()
            #expect(try await Self.tables(in: configuration.schema) == Self.gatewayTables)
            try await PostgresTestDatabase.withRunning([store]) {
                #expect(try await store.appliedMigrations() == MigrationTests.allMigrations)
                try await store.insert(Records.make(1))
                // A third run (another process starting later) keeps the data.
                let later = PostgresTestDatabase.store(configuration)
                try await later.migrate()
                #expect(try await store.get(Records.id(1)) == Records.make(1))
            }
            let ledger = try await PostgresTestDatabase.execute(
                "SELECT count(*) FROM \"\(configuration.schema)\".gateway_migrations"
            ).first?.decode(Int.self)
            #expect(ledger == MigrationTests.allMigrations.count)
        }
    }

    @Test("four processes migrating one fresh schema at once: all succeed, each migration applied once")
    func concurrentMigrations() async throws {
        try await PostgresTestDatabase.withFreshSchema { configuration in
            let stores = (0..<4).map { _ in PostgresTestDatabase.store(configuration) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores {
                    group.addTask { try await store.migrate() }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.tables(in: configuration.schema) == Self.gatewayTables)
            let names = try await PostgresTestDatabase.execute(
                "SELECT name FROM \"\(configuration.schema)\".gateway_migrations ORDER BY name"
            ).map { try $0.decode(String.self) }
            #expect(names == MigrationTests.allMigrations)
            try await PostgresTestDatabase.withRunning(stores) {
                try await stores[0].insert(Records.make(1))
                #expect(try await stores[3].get(Records.id(1)) != nil)
            }
        }
    }

    @Test("a v2 schema (before refresh claims) migrates to the latest and keeps its rows")
    func v2ToLatest() async throws {
        try await PostgresTestDatabase.withFreshSchema { configuration in
            let schema = "\"\(configuration.schema)\""
            var statements = ["CREATE SCHEMA \(schema)", "SET search_path TO \(schema)", PostgresMigrations.createLedger]
            for migration in PostgresMigrations.all.prefix(2) {
                statements += migration.statements
                statements.append("INSERT INTO gateway_migrations (name) VALUES ('\(migration.name)')")
            }
            statements.append("""
                INSERT INTO operations (id, kind, state, instance_id, provider, account, region, created_at, updated_at, provider_context)
                VALUES ('\(Records.id(1))', 'backup', 'running', 'crs-old', 'tencent', 'main', 'ap-guangzhou',
                  1767225600123456, 1767225600123456, '{"k":"v"}')
                """)
            try await PostgresTestDatabase.execute(statements)

            let store = PostgresTestDatabase.store(configuration)
            try await store.migrate()
            try await PostgresTestDatabase.withRunning([store]) {
                #expect(try await store.appliedMigrations() == MigrationTests.allMigrations)
                let old = try #require(try await store.get(Records.id(1)))
                #expect(old.createdAt.timeIntervalSince1970 == 1_767_225_600.123456)
                #expect(old.providerContext == ["k": "v"])
                #expect(try await store.claimRefresh(id: old.id, now: Records.base, freshSince: Records.base, leaseUntil: Records.base.addingTimeInterval(5)))
            }
        }
    }

    @Test("the tables live in the configured schema, found through the search path")
    func dedicatedSchema() async throws {
        try await PostgresTestDatabase.withStores { store, _ in
            let schema = store.configuration.schema
            #expect(schema.hasPrefix("t_"))
            #expect(try await Self.tables(in: schema) == Self.gatewayTables)
            try await store.insert(Records.make(7))
            let count = try await PostgresTestDatabase.execute("SELECT count(*) FROM \"\(schema)\".operations").first?.decode(Int.self)
            #expect(count == 1)
        }
    }

    @Test("schema public of a fresh database works too")
    func publicSchema() async throws {
        let database = "gw_test_" + String(format: "%016llx", UInt64.random(in: .min ... .max))
        try await PostgresTestDatabase.execute("CREATE DATABASE \(database)")
        do {
            var configuration = try PostgresTestDatabase.requiredConfiguration()
            configuration.database = database
            configuration.schema = "public"
            let store = PostgresTestDatabase.store(configuration)
            try await store.migrate()
            try await store.migrate()
            #expect(try await Self.tables(in: "public", database: database) == Self.gatewayTables)
            try await PostgresTestDatabase.withRunning([store]) {
                try await store.insert(Records.make(1))
                #expect(try await store.get(Records.id(1)) == Records.make(1))
                #expect(await store.ping())
            }
        } catch {
            _ = try? await PostgresTestDatabase.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            throw error
        }
        try await PostgresTestDatabase.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }

    @Test("a wrong password is STORE_UNAVAILABLE, and the message names the server but never the password")
    func wrongPassword() async throws {
        // A role the server checks passwords for (scripts/test-postgres requires scram-sha-256
        // for it; a server that checks every password does too).
        let role = "gateway_pw_check"
        let rightPassword = "right-" + UUID().uuidString
        try await PostgresTestDatabase.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; END $$",
            "ALTER ROLE \(role) LOGIN PASSWORD '\(rightPassword)'"
        )
        var configuration = try PostgresTestDatabase.requiredConfiguration()
        configuration.user = role
        configuration.password = "Wr0ng-Pa55word-" + UUID().uuidString
        configuration.schema = PostgresTestDatabase.makeSchemaName()
        let error = await #expect(throws: GatewayError.self, "the server accepted a wrong password for \(role): it must check it") {
            try await PostgresTestDatabase.store(configuration).migrate()
        }
        #expect(error?.code == .internal)
        #expect(error?.reason == "STORE_UNAVAILABLE")
        let detail = error?.detail ?? ""
        #expect(!detail.contains(configuration.password!))
        #expect(!detail.contains("Wr0ng"))
        #expect(detail.contains("28P01"), "\(detail)")
        #expect(detail.contains("\(configuration.host):\(configuration.port)"), "\(detail)")

        // The pool says no without the password too (ping false), and the right one works.
        let wrong = PostgresTestDatabase.store(configuration)
        configuration.password = rightPassword
        let right = PostgresTestDatabase.store(configuration)
        try await PostgresTestDatabase.withRunning([wrong, right]) {
            #expect(await !wrong.ping())
            // The first login (SCRAM in a debug build, on a loaded machine) may take longer
            // than one ping allows.
            var answered = false
            for _ in 0..<20 where !answered {
                answered = await right.ping()
            }
            #expect(answered)
        }
    }

    @Test("an unreachable server: ping is false without hanging, migrate and calls are STORE_UNAVAILABLE")
    func unreachable() async throws {
        var configuration = try PostgresTestDatabase.requiredConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 1
        configuration.password = "secret-" + UUID().uuidString
        configuration.acquireTimeout = .seconds(1)
        let store = PostgresTestDatabase.store(configuration)
        let clock = ContinuousClock()

        let migrateError = await #expect(throws: GatewayError.self) { try await store.migrate() }
        #expect(migrateError?.reason == "STORE_UNAVAILABLE")
        #expect(migrateError?.detail.contains("127.0.0.1:1") == true, "\(migrateError?.detail ?? "")")
        #expect(migrateError?.detail.contains(configuration.password!) == false)

        // Not running yet: no connection can come.
        // Bounded (ping gives up after 1.5 s), with room for a loaded machine: it must not hang.
        let idle = await clock.measure { #expect(await !store.ping()) }
        #expect(idle < .seconds(10))
        try await PostgresTestDatabase.withRunning([store]) {
            let elapsed = await clock.measure { #expect(await !store.ping()) }
            #expect(elapsed < .seconds(10))
            let error = await #expect(throws: GatewayError.self) { try await store.get(Records.id(1)) }
            #expect(error?.reason == "STORE_UNAVAILABLE")
            #expect(error?.detail.contains(configuration.password!) == false)
        }
    }

    @Test("a server error is STORE_UNAVAILABLE with its SQLSTATE")
    func serverErrorMessage() async throws {
        try await PostgresTestDatabase.withStores { store, _ in
            try await store.insert(Records.make(1))
            let error = await #expect(throws: GatewayError.self) { try await store.insert(Records.make(1)) }
            #expect(error?.reason == "STORE_UNAVAILABLE")
            #expect(error?.detail.contains("23505") == true, "\(error?.detail ?? "")")
        }
    }

}
