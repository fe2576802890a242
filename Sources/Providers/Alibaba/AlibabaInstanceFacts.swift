import Foundation
import GatewayCore

/// What the gateway needs to know about an Alibaba instance, from DescribeInstanceAttribute and
/// DescribeBackupPolicy: its status, whether it is classic or cloud-native, and whether Alibaba
/// lets it be restored in place (classic Tair memory-optimized with data flashback).
struct AlibabaInstanceFacts: Sendable, Hashable {
    var instanceId: String
    var name: String?
    var providerStatus: String
    var architecture: String
    var instanceType: String
    var instanceClass: String
    var nodeType: String
    var flashbackEnabled: Bool
    var flashbackSince: Date?

    /// Classic deployment (`NodeType` double/single); cloud-native is MASTER_SLAVE/STAND_ALONE.
    var classic: Bool { ["double", "single"].contains(nodeType.lowercased()) }

    /// Cloud-native cluster: backups are cluster sets listed by DescribeClusterBackupList.
    var cloudNativeCluster: Bool { !classic && architecture.lowercased() == "cluster" }

    /// Tair (Enterprise) memory-optimized (`tair.rdb.*`).
    var memoryOptimizedTair: Bool {
        instanceType.lowercased() == "tair" && instanceClass.lowercased().hasPrefix("tair.rdb")
    }

    var inPlaceRestore: Bool { classic && memoryOptimizedTair && flashbackEnabled }

    var status: InstanceInfo.Status {
        switch providerStatus {
        case "Normal": .running
        case "Creating": .creating
        case "Inactive": .isolated
        case "Released": .deleting
        case "Changing", "Transforming", "Migrating", "BackupRecovering", "Flushing", "MinorVersionUpgrading",
             "MajorVersionUpgrading", "NetworkModifying", "SSLModifying":
            .busy
        default: .unknown
        }
    }

    /// Why this instance cannot be restored in place, with Alibaba's path for it.
    var refusal: String? {
        guard !inPlaceRestore else { return nil }
        let what: String
        if !classic {
            what = "it is a cloud-native instance"
        } else if !memoryOptimizedTair {
            what = "it is not a Tair memory-optimized instance (\(instanceType), \(instanceClass))"
        } else {
            what = "data flashback (ModifyBackupPolicy EnableBackupLog=1) is not enabled on it"
        }
        return "Alibaba Cloud restores in place only classic Tair memory-optimized instances with data flashback, and \(what). "
            + "Alibaba's path for this instance is restoring into a new instance (CreateInstance / CreateTairInstance with "
            + "SrcDBInstanceId and BackupId or RestoreTime), which this gateway does not do."
    }

    func capabilities() -> Capabilities {
        var notes = [
            "Manual backups keep 7–730 days (retentionDays); Alibaba chooses the format.",
            "Restores overwrite the instance in place and need data flashback; no instance password is needed.",
        ]
        if let refusal = refusal { notes.append(refusal) }
        if cloudNativeCluster { notes.append("Backups of this cloud-native cluster are cluster backup sets (cb-…).") }
        return Capabilities(
            manualBackup: true, backupRetention: true, minRetentionDays: 7, maxRetentionDays: 730, backupFormats: [],
            listBackups: true, restoreFromBackup: inPlaceRestore, inPlaceRestore: inPlaceRestore,
            pointInTimeRestore: inPlaceRestore, keyFilterRestore: inPlaceRestore, timeShift: inPlaceRestore,
            restorePasswordRequired: false, pointInTimeEarliest: inPlaceRestore ? flashbackSince : nil,
            refusal: refusal, notes: notes
        )
    }
}
