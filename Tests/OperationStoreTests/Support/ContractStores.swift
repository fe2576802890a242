import Foundation
import GatewayCore
import OperationStore
import Testing

/// The stores the contract tests run against. The tests see only `any GatewayStore`.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `SQLiteOperationStore()` (a `DatabaseQueue`).
    case sqliteMemory
    /// `SQLiteOperationStore(path:)` on a fresh file (a `DatabasePool` in WAL mode).
    case sqliteFile
    /// `PostgresOperationStore` on a fresh schema of the server in `GATEWAY_TEST_POSTGRES_URL`.
    case postgres

    /// The kinds that can run here: PostgreSQL only when `GATEWAY_TEST_POSTGRES_URL` is set
    /// (without it, `PostgresCoverageTests` fails on CI).
    static var allCases: [StoreKind] {
        PostgresTestDatabase.isConfigured ? [.sqliteMemory, .sqliteFile, .postgres] : [.sqliteMemory, .sqliteFile]
    }

    /// The kinds where `withStores` gives a second store on the same database (a second
    /// process, a second replica).
    static var shared: [StoreKind] { allCases.filter { $0 != .sqliteMemory } }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store of this kind; `another` opens a second store on the
    /// same database where the kind has one (nil for memory). For PostgreSQL both stores run
    /// (pools started) on a fresh migrated schema, dropped afterwards.
    func withStores(_ body: (_ store: any GatewayStore, _ another: (() throws -> any GatewayStore)?) async throws -> Void) async throws {
        switch self {
        case .sqliteMemory:
            try await body(try SQLiteOperationStore(), nil)
        case .sqliteFile:
            try await withStoreFile { path in
                try await body(try await SQLiteOperationStore.open(path: path), { try SQLiteOperationStore(path: path) })
            }
        case .postgres:
            try await PostgresTestDatabase.withStores { store, replica in
                try await body(store, { replica })
            }
        }
    }

    /// Runs `body` with a fresh, empty store of this kind.
    func withStore(_ body: (any GatewayStore) async throws -> Void) async throws {
        try await withStores { store, _ in try await body(store) }
    }
}

/// Fixed instants for contract tests.
enum Clock {
    /// 2026-01-01T00:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }
}
