import Foundation
import GatewayConfiguration
import Logging
import PostgresNIO

/// The store of one test gateway: a fresh SQLite file, or — when `GATEWAY_TEST_POSTGRES_URL`
/// (`postgres://USER@HOST:PORT/DATABASE`, e.g. from `scripts/test-postgres start`) is set — a
/// fresh schema of that PostgreSQL server (password, if any, in `GATEWAY_TEST_POSTGRES_PASSWORD`,
/// handed to the gateway through a `passwordFile`). `dump()` reads back everything stored, so
/// tests can check that no secret was written, and `cleanup()` removes it all.
struct TestStoreSettings: Sendable {
    enum Location: Sendable {
        case sqlite(path: String)
        case postgres(address: PostgresAddress, password: String?, passwordFile: String?, schema: String)
    }

    static let postgresURLVariable = "GATEWAY_TEST_POSTGRES_URL"
    static let postgresPasswordVariable = "GATEWAY_TEST_POSTGRES_PASSWORD"

    let settings: StoreSettings
    let location: Location
    /// Whether this store holds one of `slots` (released by `cleanup()`).
    private var holdsSlot = false
    /// Whether this store holds `MachineGate` shared (released by `cleanup()`).
    private var holdsGate = false

    /// Test gateways on PostgreSQL at once (each: a pool of `poolSize`, plus one connection
    /// while it migrates).
    static let slots = TestSlots(limit: 40)

    /// `make(label:)`, waiting for `MachineGate` (no heavy test running) and, when the store is
    /// PostgreSQL, for one of `slots` (SQLite needs none). Call `cleanup()` on every path.
    static func reserve(label: String) async -> TestStoreSettings {
        var store = make(label: label)
        store.holdsGate = await MachineGate.enterShared()
        if case .postgres = store.location {
            await slots.acquire()
            store.holdsSlot = true
        }
        return store
    }

    /// Set to `sqlite` to keep the end-to-end tests on SQLite while `GATEWAY_TEST_POSTGRES_URL`
    /// is set (CI runs the suite both ways; the store contract tests use both stores each time).
    static let endToEndStoreVariable = "GATEWAY_TEST_E2E_STORE"

    /// A fresh store named after `label` (the SQLite file name's start): PostgreSQL when
    /// `GATEWAY_TEST_POSTGRES_URL` is set, unless `GATEWAY_TEST_E2E_STORE=sqlite` and
    /// `requirePostgres` is false; SQLite otherwise.
    static func make(label: String, requirePostgres: Bool = false) -> TestStoreSettings {
        let environment = ProcessInfo.processInfo.environment
        let sqliteRequested = environment[endToEndStoreVariable] == "sqlite" && !requirePostgres
        guard let url = environment[postgresURLVariable], !url.isEmpty, !sqliteRequested else {
            let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString).sqlite"
            return TestStoreSettings(settings: StoreSettings(url: "sqlite://" + path), location: .sqlite(path: path))
        }
        guard case .postgres(let address) = StoreSettings(url: url).location else {
            preconditionFailure("\(postgresURLVariable)=\(url) is not postgres://USER@HOST:PORT/DATABASE")
        }
        let schema = "t_" + String(format: "%016llx", UInt64.random(in: .min ... .max))
        let password = environment[postgresPasswordVariable].flatMap { $0.isEmpty ? nil : $0 }
        var passwordFile: String?
        if let password {
            let path = NSTemporaryDirectory() + "\(label)-\(schema).password"
            _ = FileManager.default.createFile(atPath: path, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
            passwordFile = path
        }
        return TestStoreSettings(
            settings: StoreSettings(url: url, password: passwordFile.map { .file($0) }, tls: .prefer, schema: schema, poolSize: 2),
            location: .postgres(address: address, password: password, passwordFile: passwordFile, schema: schema)
        )
    }

    /// Everything stored: the SQLite file and its WAL as they are on disk, or every row of every
    /// table of the schema (text columns as text, `bytea` columns as their raw bytes).
    func dump() async throws -> Data {
        switch location {
        case .sqlite(let path):
            return try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        case .postgres(let address, let password, _, let schema):
            return try await Self.withConnection(address, password: password) { connection, logger in
                var dump = Data()
                let tables = try await connection.query(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema) ORDER BY table_name",
                    logger: logger
                ).collect().map { try $0.decode(String.self) }
                for table in tables {
                    let columns = try await connection.query("""
                        SELECT column_name::text, data_type::text FROM information_schema.columns
                        WHERE table_schema = \(schema) AND table_name = \(table) ORDER BY ordinal_position
                        """, logger: logger).collect().map { try $0.decode((String, String).self) }
                    let selection = columns.map { name, type in type == "bytea" ? "\"\(name)\"" : "\"\(name)\"::text" }
                    let rows = try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT \(selection.joined(separator: ", ")) FROM \"\(schema)\".\"\(table)\""), logger: logger
                    ).collect()
                    dump.append(Data("\n[\(table)]\n".utf8))
                    for row in rows {
                        for cell in row {
                            if let bytes = cell.bytes { dump.append(contentsOf: bytes.readableBytesView) }
                            dump.append(Data("\t".utf8))
                        }
                        dump.append(Data("\n".utf8))
                    }
                }
                return dump
            }
        }
    }

    /// Removes the SQLite files, or drops the schema (and the password file).
    func cleanup() async {
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres(let address, let password, let passwordFile, let schema):
            _ = try? await Self.withConnection(address, password: password) { connection, logger in
                _ = try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"), logger: logger).collect()
            }
            if let passwordFile { try? FileManager.default.removeItem(atPath: passwordFile) }
        }
        if holdsSlot { await Self.slots.release() }
        if holdsGate { await MachineGate.shared.releaseShared() }
    }

    private static func withConnection<T>(
        _ address: PostgresAddress, password: String?, _ body: (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "test-store", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: .disable
            ),
            id: 1, logger: logger
        )
        do {
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
