import Foundation
import Testing
@testable import Simulators

/// DescribeInstanceBackups paging, time and status filters; DescribeInstances.
@Suite struct TencentListingTests {
    /// 25 normal backups of crs-sandbox01, one per hour before "now" (2026-01-01 08:00 CST).
    static func seedHourly(_ simulator: TencentSimulator, now: Date) async {
        for hour in 1...25 {
            let start = now.addingTimeInterval(TimeInterval(-hour * 3600))
            await simulator.addBackup(TencentSimulatedBackup(
                backupId: "5" + TencentSimulatorState.padded(hour, 23),
                instanceId: "crs-sandbox01", instanceName: "orders-cache",
                startTime: start, endTime: start.addingTimeInterval(60), backupType: "1",
                backupSize: Int64(hour) * 1000, expireTime: start.addingTimeInterval(7 * 86_400)
            ))
        }
    }

    @Test("Paging: default Limit 20, Offset, TotalCount, newest first; Limit above 100 is refused")
    func paging() async throws {
        try await TencentHarness.with(seed: true) { (harness: TencentHarness) async throws in
            await Self.seedHourly(harness.simulator, now: harness.clock.now)
            let client = harness.client
            let seededTotal: Int64 = 25 + 2  // plus the sandbox's manual and automatic normal backups
            let first = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01"])
            #expect(first.int("TotalCount") == seededTotal)
            #expect(first.array("BackupSet").count == 20)
            let startTimes = first.array("BackupSet").compactMap { $0["StartTime"]?.stringValue }
            #expect(startTimes == startTimes.sorted(by: >))
            #expect(startTimes.first == "2026-01-01 07:00:00")

            var seen: [String] = []
            for offset in stride(from: 0, to: 30, by: 10) {
                let page = try await client.call(
                    "DescribeInstanceBackups",
                    json: ["InstanceId": "crs-sandbox01", "Limit": 10, "Offset": .int(Int64(offset))]
                )
                #expect(page.int("TotalCount") == seededTotal)
                seen += page.array("BackupSet").compactMap { $0["BackupId"]?.stringValue }
            }
            #expect(seen.count == Int(seededTotal))
            #expect(Set(seen).count == seen.count)

            #expect(try await client.call("DescribeInstanceBackups", json: ["Limit": 101]).errorCode == "InvalidParameterValue")
            #expect(try await client.call("DescribeInstanceBackups", json: ["Limit": 100]).errorCode == nil)
            #expect(try await client.call("DescribeInstanceBackups", json: ["Offset": -1]).errorCode == "InvalidParameterValue")
            #expect(try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-none"]).errorCode == "ResourceNotFound.InstanceNotExists")
        }
    }

    @Test("Time filter on start time, in Beijing time, inclusive; at most 30 days; strict format")
    func timeFilter() async throws {
        try await TencentHarness.with(seed: false) { (harness: TencentHarness) async throws in
            for instance in TencentSandboxSeed.instances() { await harness.simulator.addInstance(instance) }
            await Self.seedHourly(harness.simulator, now: harness.clock.now)
            let client = harness.client
            let window = try await client.call(
                "DescribeInstanceBackups",
                json: ["InstanceId": "crs-sandbox01", "BeginTime": "2026-01-01 05:00:00", "EndTime": "2026-01-01 07:00:00"]
            )
            #expect(window.int("TotalCount") == 3)
            #expect(window.array("BackupSet").compactMap { $0["StartTime"]?.stringValue }
                == ["2026-01-01 07:00:00", "2026-01-01 06:00:00", "2026-01-01 05:00:00"])
            // The same instant in UTC names a different window: Tencent's strings are UTC+8.
            let utc = try await client.call(
                "DescribeInstanceBackups",
                json: ["InstanceId": "crs-sandbox01", "BeginTime": "2025-12-31 21:00:00", "EndTime": "2025-12-31 23:00:00"]
            )
            #expect(utc.array("BackupSet").compactMap { $0["StartTime"]?.stringValue }
                == ["2025-12-31 23:00:00", "2025-12-31 22:00:00", "2025-12-31 21:00:00"])

            let span = try await client.call(
                "DescribeInstanceBackups",
                json: ["BeginTime": "2025-11-01 00:00:00", "EndTime": "2025-12-02 00:00:00"]
            )
            #expect(span.errorCode == "InvalidParameterValue")
            let format = try await client.call("DescribeInstanceBackups", json: ["BeginTime": "2026-01-01T05:00:00Z"])
            #expect(format.errorCode == "InvalidParameterValue")
            let reversed = try await client.call(
                "DescribeInstanceBackups",
                json: ["BeginTime": "2026-01-01 07:00:00", "EndTime": "2026-01-01 05:00:00"]
            )
            #expect(reversed.errorCode == "InvalidParameterValue")
        }
    }

    @Test("Status filter defaults to [2]; expired backups show with Status [-1]; fields of RedisBackupSet")
    func statusFilter() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            let normal = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01"])
            #expect(normal.array("BackupSet").compactMap { $0["BackupId"]?.stringValue }
                == [TencentSandboxSeed.automaticBackupId, TencentSandboxSeed.manualBackupId])
            let expired = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01", "Status": [-1]])
            #expect(expired.array("BackupSet").compactMap { $0["BackupId"]?.stringValue } == [TencentSandboxSeed.expiredBackupId])
            let manual = try #require(normal.array("BackupSet").last)
            #expect(manual["Remark"] == "before-migration")
            #expect(manual["BackupSize"] == .int(24 * 1024 * 1024))
            #expect(manual["BackupType"] == "0")
            let automatic = try #require(normal.array("BackupSet").first)
            #expect(automatic["BackupType"] == "1")
            #expect(automatic["Remark"] == .null)
            for key in ["StartTime", "EndTime", "BackupId", "BackupType", "Status", "Remark", "Locked", "BackupSize", "FullBackup",
                        "InstanceType", "InstanceId", "InstanceName", "Region", "FileType", "ExpireTime", "Encrypted"] {
                #expect(manual[key] != nil, "missing \(key)")
            }
            let byName = try await client.call("DescribeInstanceBackups", json: ["InstanceName": "SESSIONS"])
            #expect(byName.array("BackupSet").compactMap { $0["BackupId"]?.stringValue } == [TencentSandboxSeed.clusterBackupId])
            let allRegion = try await client.call("DescribeInstanceBackups", json: [:])
            #expect(allRegion.int("TotalCount") == 3)
        }
    }

    @Test("DescribeInstances: by id or ids, unknown id is an empty set, fields")
    func describeInstances() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            let all = try await client.call("DescribeInstances", json: [:])
            #expect(all.int("TotalCount") == 3)
            let unknown = try await client.call("DescribeInstances", json: ["InstanceId": "crs-unknown"])
            #expect(unknown.errorCode == nil)
            #expect(unknown.int("TotalCount") == 0)
            #expect(unknown.array("InstanceSet").isEmpty)
            let cluster = try await client.call("DescribeInstances", json: ["InstanceIds": ["crs-sandbox02"]])
            let item = try #require(cluster.array("InstanceSet").first)
            #expect(item["InstanceName"] == "sessions-cluster")
            #expect(item["ProductType"] == "cluster")
            #expect(item["RedisShardNum"] == 3)
            #expect(item["RedisReplicasNum"] == 1)
            #expect(item["NoAuth"] == true)
            #expect(item["Status"] == 2)
            #expect(item["Region"] == "ap-guangzhou")
            #expect(item["Engine"] == "Redis")
            #expect(item["BackupMode"] != nil)
            let viaGet = try await client.get("DescribeInstances", query: "InstanceIds.0=crs-sandbox01&InstanceIds.1=crs-sandbox03")
            #expect(viaGet.int("TotalCount") == 2)
            var shanghai = client
            shanghai.region = "ap-shanghai"
            #expect(try await shanghai.call("DescribeInstances", json: [:]).int("TotalCount") == 0)
        }
    }

    @Test("Beijing time formatting and parsing round-trip")
    func beijingTime() throws {
        let instant = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(TencentTime.beijing(instant) == "2026-01-01 08:00:00")
        #expect(TencentTime.parseBeijing("2026-01-01 08:00:00") == instant)
        #expect(TencentTime.parseBeijing("2024-02-29 23:59:59").map(TencentTime.beijing) == "2024-02-29 23:59:59")
        #expect(TencentTime.parseBeijing("2025-02-29 00:00:00") == nil)
        #expect(TencentTime.parseBeijing("2026-1-01 08:00:00") == nil)
        #expect(TencentTime.beijing(nil) == "0000-00-00 00:00:00")
    }

    @Test("Flat query parsing: arrays, objects, form decoding")
    func flatParsing() {
        let values = TencentParameters.parseFlat("Status.0=2&Status.1=-1&Tag.Key=a%20b&Remark=x+y&Empty=")
        #expect(values["Status"] == ["2", "-1"])
        #expect(values["Tag"] == ["Key": "a b"])
        #expect(values["Remark"] == "x y")
        #expect(values["Empty"] == "")
    }
}
