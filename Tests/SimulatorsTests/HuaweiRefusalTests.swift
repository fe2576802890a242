import Foundation
import Testing
@testable import Simulators

/// DCS's refusals of backups and restores, with v2 codes and the 9-digit v1.0 codes.
@Suite struct HuaweiRefusalTests {
    /// (path version, expected code for v2, for v1.0).
    static let versions = ["v2", "v1.0"]

    static func expect(_ answer: HuaweiAnswer, _ code: String, version: String, status: Int = 400) {
        #expect(answer.status == status, "\(answer.body)")
        if version == "v2" {
            #expect(answer.string("error_code") == code, "\(answer.body)")
            #expect(answer.string("error_msg") != nil)
        } else {
            #expect(answer["error"]?["code"]?.stringValue == HuaweiAPIError(code, "").legacyCode, "\(answer.body)")
            #expect(answer["error"]?["message"]?.stringValue != nil)
        }
        #expect(answer.requestIdHeader != nil)
    }

    @Test("Single-node: backup and restore → 400 DCS.4086 / 111400086", arguments: versions)
    func singleNode(version: String) async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let backup = try await harness.client.post(harness.backupsPath(HuaweiHarness.single, version: version), json: [:])
            Self.expect(backup, "DCS.4086", version: version)
            #expect(backup.message == "only master standby instance is support this action")
            if version == "v1.0" { #expect(backup.code == "111400086") }
            let restore = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.single, version: version),
                json: ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId)]
            )
            Self.expect(restore, "DCS.4086", version: version)
            // Listing a single-node instance is fine (and empty).
            let list = try await harness.client.get(harness.backupsPath(HuaweiHarness.single, version: version))
            #expect(list.status == (version == "v2" ? 204 : 200))
        }
    }

    @Test("Busy: a backup running → DCS.4096 for backup and restore; a restore running → DCS.4097", arguments: versions)
    func busy(version: String) async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            #expect(try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:]).status == 200)
            let second = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha, version: version), json: [:])
            Self.expect(second, "DCS.4096", version: version)
            if version == "v1.0" { #expect(second.code == "111400096") }
            let restoreDuringBackup = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.ha, version: version),
                json: ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId)]
            )
            Self.expect(restoreDuringBackup, "DCS.4096", version: version)

            let restore = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.cluster),
                json: ["backup_id": .string(HuaweiSandboxSeed.clusterManualBackupId)]
            )
            #expect(restore.status == 200, "\(restore.body)")
            let backupDuringRestore = try await harness.client.post(harness.backupsPath(HuaweiHarness.cluster, version: version), json: [:])
            Self.expect(backupDuringRestore, "DCS.4097", version: version)
            if version == "v1.0" { #expect(backupDuringRestore.code == "111400097") }
            let secondRestore = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.cluster, version: version),
                json: ["backup_id": .string(HuaweiSandboxSeed.clusterManualBackupId)]
            )
            Self.expect(secondRestore, "DCS.4097", version: version)

            // An instance added as RESTORING (no restore record) is busy the same way.
            await harness.simulator.addInstance(HuaweiSimulatedInstance(
                instanceId: "7c2f1a8e-0000-4000-8000-0000000000ff", name: "busy", status: "RESTORING"
            ))
            let busy = try await harness.client.post(harness.backupsPath("7c2f1a8e-0000-4000-8000-0000000000ff", version: version), json: [:])
            Self.expect(busy, "DCS.4097", version: version)
        }
    }

    @Test("Status ≠ RUNNING (FROZEN, CREATING) → DCS.4049 / 111400049", arguments: versions)
    func notRunning(version: String) async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            for status in ["FROZEN", "CREATING", "EXTENDING"] {
                var instance = try #require(await harness.simulator.instance(HuaweiHarness.ha))
                instance.status = status
                await harness.simulator.addInstance(instance)
                let backup = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha, version: version), json: [:])
                Self.expect(backup, "DCS.4049", version: version)
                let restore = try await harness.client.post(
                    harness.restoresPath(HuaweiHarness.ha, version: version),
                    json: ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId)]
                )
                Self.expect(restore, "DCS.4049", version: version)
            }
        }
    }

    @Test("Restore of an expired, unknown, foreign or failed backup → DCS.4087 / 111400087", arguments: versions)
    func notRestorable(version: String) async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.addBackup(HuaweiSimulatedBackup(
                backupId: "5e1b9d40-0000-4000-8000-00000000f001", instanceId: HuaweiHarness.ha, status: "failed",
                createdAt: harness.clock.now.addingTimeInterval(-3600), errorCode: "dcs.08.0002"
            ))
            for backupId in [HuaweiSandboxSeed.haExpiredBackupId, "00000000-0000-4000-8000-000000000000",
                             HuaweiSandboxSeed.clusterManualBackupId, "5e1b9d40-0000-4000-8000-00000000f001"] {
                let answer = try await harness.client.post(
                    harness.restoresPath(HuaweiHarness.ha, version: version), json: ["backup_id": .string(backupId)]
                )
                Self.expect(answer, "DCS.4087", version: version)
            }
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RUNNING")
        }
    }

    @Test("Unknown instance → 404 DCS.3022 / 111404022 on every call", arguments: versions)
    func unknownInstance(version: String) async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let missing = "11111111-2222-4333-8444-555555555555"
            let answers = [
                try await harness.client.get(harness.client.path(version, instance: missing)),
                try await harness.client.get(harness.backupsPath(missing, version: version)),
                try await harness.client.get(harness.restoresPath(missing, version: version)),
                try await harness.client.post(harness.backupsPath(missing, version: version), json: [:]),
                try await harness.client.post(
                    harness.restoresPath(missing, version: version),
                    json: ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId)]
                ),
            ]
            for answer in answers {
                Self.expect(answer, "DCS.3022", version: version, status: 404)
                if version == "v1.0" { #expect(answer.code == "111404022") }
            }
            #expect(answers[0].message == "This DCS instance does not exist.")
        }
    }
}
