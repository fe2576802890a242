import Foundation
import GatewayCore
@testable import OperationStore

/// A fresh SQLite file in its own temporary folder, removed after `body`.
func withStoreFile<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opstore-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("nested/operations.sqlite").path
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(path)
}

enum Records {
    /// 2026-01-01T00:00:00Z.
    static let base = Date(timeIntervalSince1970: 1_767_225_600)

    /// A distinct, valid operation id for `index`.
    static func id(_ index: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var value = index
        var chars: [Character] = []
        for _ in 0..<26 {
            chars.append(alphabet[value % 32])
            value /= 32
        }
        return "op_" + String(chars.reversed())
    }

    static func make(
        _ index: Int, kind: OperationKind = .backup, state: OperationState = .pending, instanceId: String = "crs-test01",
        createdAt: Date? = nil
    ) -> OperationRecord {
        OperationRecord(
            id: id(index), kind: kind, state: state, instanceId: instanceId, provider: .tencent, account: "main",
            region: "ap-guangzhou", createdAt: createdAt ?? base.addingTimeInterval(TimeInterval(index))
        )
    }
}
