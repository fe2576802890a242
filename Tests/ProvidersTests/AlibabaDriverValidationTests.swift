import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `AlibabaDriver.validate(_: RestoreRequest, for:)`: Alibaba's own refusals before anything is
/// recorded or sent (`alibaba.md` §4.4: FilterKey and TimeShift belong to a point-in-time restore;
/// FilterKey is a comma list). No provider call: the driver has an idle transport.
@Suite("Alibaba driver: restore validation")
struct AlibabaDriverValidationTests {
    static let now = AlibabaFixture.pinnedNow

    static let driver = AlibabaDriver(
        account: AlibabaFixture.account(), transport: Fixture.idleTransport, redactor: Redactor(),
        clock: Fixture.pinnedClock, nonce: { AlibabaFixture.nonce }
    )

    static let instance = InstanceInfo(
        ref: AlibabaSimulatorHarness.ref("r-tair01"), status: .running, providerStatus: "Normal",
        capabilities: AlibabaInstanceFacts(
            instanceId: "r-tair01", providerStatus: "Normal", architecture: "standard", instanceType: "Tair",
            instanceClass: "tair.rdb.2g", nodeType: "double", flashbackEnabled: true, flashbackSince: now.addingTimeInterval(-86_400)
        ).capabilities()
    )

    @Test("refusals", arguments: [
        ("keyPatterns without pointInTime", RestoreRequest(backupId: "1", keyPatterns: ["a.*"], confirmOverwrite: true),
         "KEY_FILTER_REQUIRES_POINT_IN_TIME"),
        ("a pattern with a comma", RestoreRequest(pointInTime: now.addingTimeInterval(-60), keyPatterns: ["a.*", "b{1,2}"], confirmOverwrite: true),
         "KEY_PATTERN_INVALID"),
        ("timeShift without pointInTime", RestoreRequest(backupId: "1", timeShift: now.addingTimeInterval(-60), confirmOverwrite: true),
         "TIME_SHIFT_REQUIRES_POINT_IN_TIME"),
        ("timeShift before pointInTime",
         RestoreRequest(pointInTime: now.addingTimeInterval(-60), timeShift: now.addingTimeInterval(-61), confirmOverwrite: true),
         "TIME_SHIFT_OUT_OF_RANGE"),
        ("timeShift in the future",
         RestoreRequest(pointInTime: now.addingTimeInterval(-60), timeShift: now.addingTimeInterval(1), confirmOverwrite: true),
         "TIME_SHIFT_OUT_OF_RANGE"),
    ])
    func refusals(name: String, request: RestoreRequest, reason: String) {
        let error = #expect(throws: GatewayError.self, "\(name)") {
            try Self.driver.validate(request, for: Self.instance)
        }
        #expect(error?.code == .invalidArgument, "\(name)")
        #expect(error?.reason == reason, "\(name)")
    }

    @Test("accepted", arguments: [
        RestoreRequest(backupId: "1651234550", confirmOverwrite: true),
        RestoreRequest(pointInTime: now.addingTimeInterval(-3600), confirmOverwrite: true),
        RestoreRequest(pointInTime: now.addingTimeInterval(-3600), keyPatterns: ["user:.*", "h.*llo"], confirmOverwrite: true),
        RestoreRequest(pointInTime: now.addingTimeInterval(-3600), timeShift: now.addingTimeInterval(-3600), confirmOverwrite: true),
        RestoreRequest(pointInTime: now.addingTimeInterval(-3600), keyPatterns: ["k.*"], timeShift: now, confirmOverwrite: true),
    ])
    func accepted(request: RestoreRequest) throws {
        try Self.driver.validate(request, for: Self.instance)
    }

    @Test("a backup request has no Alibaba-specific refusal; the capabilities bound retention to 7…730 days", arguments: [
        (7, true), (730, true), (6, false), (731, false),
    ])
    func backupRetention(days: Int, allowed: Bool) throws {
        try Self.driver.validate(BackupRequest(retentionDays: days), for: Self.instance)
        if allowed {
            try Self.instance.capabilities.check(BackupRequest(retentionDays: days), provider: .alibaba)
        } else {
            let error = #expect(throws: GatewayError.self) {
                try Self.instance.capabilities.check(BackupRequest(retentionDays: days), provider: .alibaba)
            }
            #expect(error?.reason == "RETENTION_OUT_OF_RANGE")
        }
    }
}
