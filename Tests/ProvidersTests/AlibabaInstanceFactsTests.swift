import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `AlibabaInstanceFacts`: classic vs cloud-native, in-place restore eligibility (classic Tair
/// memory-optimized with data flashback), capabilities, status mapping and the refusal text
/// (`alibaba.md` §4.4, §4.6).
@Suite("Alibaba instance facts")
struct AlibabaInstanceFactsTests {
    static let since = AlibabaFixture.pinnedNow.addingTimeInterval(-2 * 86_400)

    static func facts(
        status: String = "Normal", architecture: String = "standard", type: String = "Tair", instanceClass: String = "tair.rdb.2g",
        nodeType: String = "double", flashback: Bool = true
    ) -> AlibabaInstanceFacts {
        AlibabaInstanceFacts(
            instanceId: "r-bp1", name: "orders", providerStatus: status, architecture: architecture, instanceType: type,
            instanceClass: instanceClass, nodeType: nodeType, flashbackEnabled: flashback, flashbackSince: flashback ? since : nil
        )
    }

    @Test("NodeType double/single is classic; MASTER_SLAVE/STAND_ALONE is cloud-native", arguments: [
        ("double", true), ("single", true), ("DOUBLE", true), ("MASTER_SLAVE", false), ("STAND_ALONE", false), ("", false),
    ])
    func classic(nodeType: String, classic: Bool) {
        #expect(Self.facts(nodeType: nodeType).classic == classic)
        // Only a cloud-native cluster lists cluster sets.
        #expect(Self.facts(architecture: "cluster", nodeType: nodeType).cloudNativeCluster == !classic)
        #expect(!Self.facts(architecture: "standard", nodeType: nodeType).cloudNativeCluster)
        #expect(!Self.facts(architecture: "rwsplit", nodeType: nodeType).cloudNativeCluster)
    }

    @Test("tair.rdb is memory-optimized Tair; redis.* and tair.scm/essd are not", arguments: [
        ("Tair", "tair.rdb.2g", true), ("tair", "TAIR.RDB.1g", true), ("Tair", "tair.rdb.with.proxy.1g", true),
        ("Tair", "tair.scm.standard.4m.8d", false), ("Tair", "tair.essd.standard.xlarge", false),
        ("Redis", "redis.master.small.default", false), ("Redis", "tair.rdb.2g", false),
    ])
    func memoryOptimized(type: String, instanceClass: String, memoryOptimized: Bool) {
        let facts = Self.facts(type: type, instanceClass: instanceClass)
        #expect(facts.memoryOptimizedTair == memoryOptimized)
        #expect(facts.inPlaceRestore == memoryOptimized)
    }

    @Test("in-place restore needs classic + tair.rdb + flashback, all three")
    func inPlaceRestore() {
        #expect(Self.facts().inPlaceRestore)
        #expect(!Self.facts(flashback: false).inPlaceRestore)
        #expect(!Self.facts(nodeType: "MASTER_SLAVE").inPlaceRestore)
        #expect(!Self.facts(type: "Redis", instanceClass: "redis.master.small.default").inPlaceRestore)
        #expect(!Self.facts(instanceClass: "tair.scm.standard.4m.8d").inPlaceRestore)
    }

    @Test("capabilities of an eligible instance: everything in place, window from flashback")
    func eligibleCapabilities() {
        let capabilities = Self.facts().capabilities()
        #expect(capabilities.manualBackup)
        #expect(capabilities.backupRetention)
        #expect(capabilities.minRetentionDays == 7)
        #expect(capabilities.maxRetentionDays == 730)
        #expect(capabilities.backupFormats == [])
        #expect(capabilities.listBackups)
        #expect(capabilities.restoreFromBackup)
        #expect(capabilities.inPlaceRestore)
        #expect(capabilities.pointInTimeRestore)
        #expect(capabilities.keyFilterRestore)
        #expect(capabilities.timeShift)
        #expect(capabilities.restorePasswordRequired == false)
        #expect(capabilities.pointInTimeEarliest == Self.since)
        #expect(capabilities.refusal == nil)
        #expect(Self.facts().refusal == nil)
    }

    @Test("capabilities of an ineligible instance: backups yes, restores no, a refusal naming the new-instance path", arguments: [
        ("cloud-native", AlibabaInstanceFactsTests.facts(nodeType: "MASTER_SLAVE"), "cloud-native"),
        ("classic Redis", AlibabaInstanceFactsTests.facts(type: "Redis", instanceClass: "redis.master.small.default"),
         "not a Tair memory-optimized instance (Redis, redis.master.small.default)"),
        ("no flashback", AlibabaInstanceFactsTests.facts(flashback: false), "data flashback"),
    ])
    func ineligibleCapabilities(name: String, facts: AlibabaInstanceFacts, why: String) throws {
        let capabilities = facts.capabilities()
        #expect(capabilities.manualBackup)
        #expect(capabilities.minRetentionDays == 7)
        #expect(capabilities.maxRetentionDays == 730)
        #expect(capabilities.listBackups)
        #expect(!capabilities.restoreFromBackup)
        #expect(!capabilities.inPlaceRestore)
        #expect(!capabilities.pointInTimeRestore)
        #expect(!capabilities.keyFilterRestore)
        #expect(!capabilities.timeShift)
        #expect(capabilities.pointInTimeEarliest == nil)
        let refusal = try #require(capabilities.refusal, "\(name)")
        #expect(refusal == facts.refusal)
        #expect(refusal.contains(why), "\(name): \(refusal)")
        #expect(refusal.contains("new instance"), "\(name): \(refusal)")
        #expect(refusal.contains("CreateInstance"), "\(name): \(refusal)")
        #expect(capabilities.notes.contains(refusal))

        // The refusal is the detail of every restore the gateway refuses for it.
        let error = #expect(throws: GatewayError.self) {
            try capabilities.check(RestoreRequest(backupId: "1", confirmOverwrite: true), provider: .alibaba)
        }
        #expect(error?.reason == "IN_PLACE_RESTORE_UNSUPPORTED")
        #expect(error?.detail == refusal)
    }

    @Test("a cloud-native cluster notes its cluster sets")
    func clusterNote() {
        let notes = Self.facts(architecture: "cluster", nodeType: "MASTER_SLAVE").capabilities().notes
        #expect(notes.contains { $0.contains("cluster backup sets (cb-") })
        #expect(!Self.facts(architecture: "cluster", nodeType: "double").capabilities().notes.contains { $0.contains("cb-") })
    }

    @Test("every InstanceStatus of alibaba.md §4.6 maps to a portable status", arguments: [
        ("Normal", InstanceInfo.Status.running),
        ("Creating", .creating),
        ("Changing", .busy),
        ("Inactive", .isolated),
        ("Flushing", .busy),
        ("Released", .deleting),
        ("Transforming", .busy),
        ("Migrating", .busy),
        ("BackupRecovering", .busy),
        ("MinorVersionUpgrading", .busy),
        ("NetworkModifying", .busy),
        ("SSLModifying", .busy),
        ("MajorVersionUpgrading", .busy),
        ("SomethingNew", .unknown),
        ("normal", .unknown),
    ])
    func status(providerStatus: String, status: InstanceInfo.Status) {
        #expect(Self.facts(status: providerStatus).status == status)
    }

    @Test("the kind's capabilities before an instance is known")
    func kindCapabilities() {
        let capabilities = AlibabaDriver.capabilities
        #expect(capabilities.minRetentionDays == 7)
        #expect(capabilities.maxRetentionDays == 730)
        #expect(capabilities.inPlaceRestore)
        #expect(capabilities.pointInTimeRestore)
        #expect(capabilities.keyFilterRestore)
        #expect(capabilities.timeShift)
        #expect(capabilities.restorePasswordRequired == false)
        #expect(capabilities.backupFormats == [])
    }
}
