import Foundation
import Testing
@testable import Simulators

/// ListBackups / ListRestores: shapes, windows, paging (v2 `offset` vs v1.0 `start`), and the
/// empty answer (204 or 200).
@Suite struct HuaweiListingTests {
    /// Ten manual backups one hour apart on the ha instance (newest: 1 h ago), plus the seed.
    static func seedTen(_ harness: HuaweiHarness) async -> [String] {
        var ids: [String] = []
        for hour in 1...10 {
            let id = String(format: "aaaaaaaa-0000-4000-8000-%012d", hour)
            await harness.simulator.addBackup(HuaweiSimulatedBackup(
                backupId: id, instanceId: HuaweiHarness.ha, remark: "h\(hour)", size: Int64(hour),
                createdAt: harness.clock.now.addingTimeInterval(-Double(hour) * 3600)
            ))
            ids.append(id)
        }
        return ids
    }

    static func ids(_ answer: HuaweiAnswer, _ key: String = "backup_record_response", field: String = "backup_id") -> [String] {
        answer.array(key).compactMap { $0[field]?.stringValue }
    }

    @Test("Entries: newest first, ISO-8601 ms times, progress and is_support_restore strings, int64 size")
    func shapes() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let answer = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            #expect(Self.ids(answer) == [
                HuaweiSandboxSeed.haAutoBackupId, HuaweiSandboxSeed.haManualBackupId, HuaweiSandboxSeed.haExpiredBackupId,
            ])
            let manual = try #require(answer.array("backup_record_response").dropFirst().first)
            #expect(manual["progress"] == "100.00")
            #expect(manual["is_support_restore"] == "TRUE")
            #expect(manual["size"] == .int(25 * 1024 * 1024 + 4_096))
            #expect(manual["backup_type"] == "manual")
            #expect(manual["remark"] == "before schema migration")
            let created = try #require(manual["created_at"]?.stringValue)
            #expect(created.count == 24)
            #expect(created.hasSuffix("Z"))
            #expect(created.contains("."))
            #expect(manual["updated_at"] == .string(HuaweiTime.iso(harness.clock.now.addingTimeInterval(-2 * 86_400 + 96.166))))
            let expired = try #require(answer.array("backup_record_response").last)
            #expect(expired["status"] == "expired")
            #expect(expired["is_support_restore"] == "FALSE")
            #expect(expired["backup_type"] == "auto")
            #expect(expired["period"] != .null)
        }
    }

    @Test("Paging: v2 offset (0-based) vs v1.0 start (1-based), same pages; limit default 10, max 1000")
    func paging() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let ten = await Self.seedTen(harness)
            let all = ten + [HuaweiSandboxSeed.haAutoBackupId, HuaweiSandboxSeed.haManualBackupId, HuaweiSandboxSeed.haExpiredBackupId]
            let v2 = harness.backupsPath(HuaweiHarness.ha)
            let v1 = harness.backupsPath(HuaweiHarness.ha, version: "v1.0")

            let first = try await harness.client.get(v2)
            #expect(first.int("total_num") == 13)
            #expect(Self.ids(first) == Array(all.prefix(10)))
            let page2 = try await harness.client.get(v2, query: [("offset", "4"), ("limit", "4")])
            #expect(Self.ids(page2) == Array(all[4..<8]))
            #expect(page2.int("total_num") == 13)
            let legacy = try await harness.client.get(v1, query: [("start", "5"), ("limit", "4")])
            #expect(Self.ids(legacy) == Array(all[4..<8]))
            let legacyDefault = try await harness.client.get(v1, query: [("limit", "3")])
            #expect(Self.ids(legacyDefault) == Array(all.prefix(3)))
            // v1.0 ignores the v2 name (and vice versa): `offset` there changes nothing.
            let mixed = try await harness.client.get(v1, query: [("offset", "4"), ("limit", "3")])
            #expect(Self.ids(mixed) == Array(all.prefix(3)))

            // Past the end: 200 with an empty array (records exist), not 204.
            let beyond = try await harness.client.get(v2, query: [("offset", "13")])
            #expect(beyond.status == 200)
            #expect(beyond.int("total_num") == 13)
            #expect(beyond.array("backup_record_response").isEmpty)

            var collected: [String] = []
            var offset = 0
            while true {
                let page = try await harness.client.get(v2, query: [("offset", String(offset)), ("limit", "5")])
                let ids = Self.ids(page)
                collected += ids
                offset += ids.count
                if ids.isEmpty || Int64(offset) >= page.int("total_num") ?? 0 { break }
            }
            #expect(collected == all)
            #expect(Self.ids(try await harness.client.get(v2, query: [("limit", "1000")])) == all)

            for (path, query, code) in [
                (v2, [("limit", "0")], "DCS.4800"), (v2, [("limit", "1001")], "DCS.4800"), (v2, [("offset", "-1")], "DCS.4800"),
                (v2, [("offset", "x")], "DCS.4800"), (v1, [("start", "0")], "111400800"), (v1, [("limit", "0")], "111400800"),
            ] {
                let answer = try await harness.client.get(path, query: query)
                #expect(answer.status == 400)
                #expect(answer.code == code, "\(query)")
            }
        }
    }

    @Test("Windows: v2 begin_time/end_time vs v1.0 beginTime/endTime (UTC yyyyMMddHHmmss); end before begin DCS.4025")
    func windows() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let ten = await Self.seedTen(harness)
            let now = harness.clock.now
            let begin = HuaweiTime.compact(now.addingTimeInterval(-5 * 3600))
            let end = HuaweiTime.compact(now.addingTimeInterval(-2 * 3600))
            let v2 = try await harness.client.get(
                harness.backupsPath(HuaweiHarness.ha), query: [("begin_time", begin), ("end_time", end)]
            )
            #expect(Self.ids(v2) == Array(ten[1...4]))
            #expect(v2.int("total_num") == 4)
            let v1 = try await harness.client.get(
                harness.backupsPath(HuaweiHarness.ha, version: "v1.0"), query: [("beginTime", begin), ("endTime", end)]
            )
            #expect(Self.ids(v1) == Array(ten[1...4]))
            let onlyBegin = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha), query: [("begin_time", begin)])
            #expect(Self.ids(onlyBegin) == Array(ten[0...4]))

            let reversed = try await harness.client.get(
                harness.backupsPath(HuaweiHarness.ha), query: [("begin_time", end), ("end_time", begin)]
            )
            #expect(reversed.status == 400)
            #expect(reversed.code == "DCS.4025")
            let reversedV1 = try await harness.client.get(
                harness.restoresPath(HuaweiHarness.ha, version: "v1.0"), query: [("beginTime", end), ("endTime", begin)]
            )
            #expect(reversedV1.code == "111400025")
            let badTime = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha), query: [("begin_time", "2026-01-01")])
            #expect(badTime.code == "DCS.4800")
            #expect(badTime.message == "Invalid parameter: begin_time.")
        }
    }

    @Test("Empty v2 list: 204 with no body by default; 200 {total_num: 0, []} when configured; v1.0 always 200")
    func emptyLists() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            for path in [harness.restoresPath(HuaweiHarness.ha), harness.backupsPath(HuaweiHarness.single)] {
                let answer = try await harness.client.get(path)
                #expect(answer.status == 204)
                #expect(answer.body.isEmpty)
                #expect(answer.requestIdHeader != nil)
            }
            // Records exist but none in the window: also 204.
            let future = HuaweiTime.compact(harness.clock.now.addingTimeInterval(3600))
            #expect(try await harness.client.get(harness.backupsPath(HuaweiHarness.ha), query: [("begin_time", future)]).status == 204)
            let legacy = try await harness.client.get(harness.restoresPath(HuaweiHarness.ha, version: "v1.0"))
            #expect(legacy.status == 200)
            #expect(legacy.int("total_num") == 0)
            #expect(legacy["restore_record_response"] == .array([]))
            let records = await harness.simulator.receivedRequests()
            #expect(records.prefix(3).allSatisfy { $0.httpStatus == 204 && $0.action != nil })
        }
        try await HuaweiHarness.with(emptyListStatus: 200) { (harness: HuaweiHarness) async throws in
            let answer = try await harness.client.get(harness.restoresPath(HuaweiHarness.ha))
            #expect(answer.status == 200)
            #expect(answer.int("total_num") == 0)
            #expect(answer["restore_record_response"] == .array([]))
            let backups = try await harness.client.get(harness.backupsPath(HuaweiHarness.single))
            #expect(backups.status == 200)
            #expect(backups["backup_record_response"] == .array([]))
        }
    }
}
