import Foundation
import GatewayCore
@testable import Providers
import Testing

/// Tencent's `YYYY-MM-DD HH:MM:SS` times are China Standard Time (UTC+8).
@Suite("Tencent times")
struct TencentTimeTests {
    @Test("parse and format round trip in UTC+8", arguments: [
        ("2026-01-01 08:00:00", 1_767_225_600.0),
        ("2026-01-01 00:00:00", 1_767_196_800.0),  // 2025-12-31T16:00:00Z
        ("2025-12-31 23:59:59", 1_767_196_799.0),
        ("2024-02-29 12:34:56", 1_709_181_296.0),  // leap day, 04:34:56Z
        ("2000-03-01 07:59:59", 951_868_799.0),    // 2000-02-29T23:59:59Z
        ("2038-01-19 11:14:08", 2_147_483_648.0),  // past 32-bit time
    ])
    func roundTrip(text: String, seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(ChinaStandardTime.parse(text) == date)
        #expect(ChinaStandardTime.format(date) == text)
    }

    @Test("format drops fractional seconds")
    func fractional() {
        #expect(ChinaStandardTime.format(Date(timeIntervalSince1970: 1_767_225_600.999)) == "2026-01-01 08:00:00")
    }

    @Test("zero, empty and malformed times are nil", arguments: [
        "0000-00-00 00:00:00" as String?, "", nil, "2026-01-01", "2026-01-01T08:00:00", "2026/01/01 08:00:00",
        "2026-13-01 08:00:00", "2026-01-32 08:00:00", "2026-01-01 24:00:00", "2026-01-01 08:60:00", "abcd-ef-gh ij:kl:mn",
    ])
    func invalid(text: String?) {
        #expect(ChinaStandardTime.parse(text) == nil)
    }
}

/// The gateway's `[gw:<operation id>]` tag in a backup's Remark.
@Suite("Tencent remark tag")
struct GatewayRemarkTests {
    let id = Fixture.operationId

    @Test("compose appends the tag to the caller's remark")
    func compose() {
        #expect(GatewayRemark.compose(callerRemark: "nightly", operationId: id) == "nightly [gw:\(id)]")
        #expect(GatewayRemark.compose(callerRemark: nil, operationId: id) == "[gw:\(id)]")
        #expect(GatewayRemark.compose(callerRemark: "", operationId: id) == "[gw:\(id)]")
    }

    @Test("callerRemark strips exactly the gateway's tag", arguments: [
        ("nightly [gw:op_abcdefghijklmnopqrstuvwxyz]" as String?, "nightly" as String?),
        ("[gw:op_abcdefghijklmnopqrstuvwxyz]", nil),
        ("before-migration", "before-migration"),
        ("", nil),
        (nil, nil),
        // Not a gateway tag: not an operation id, or not at the end.
        ("note [gw:something]", "note [gw:something]"),
        ("[gw:op_abcdefghijklmnopqrstuvwxyz] later", "[gw:op_abcdefghijklmnopqrstuvwxyz] later"),
    ])
    func callerRemark(remark: String?, expected: String?) {
        #expect(GatewayRemark.callerRemark(from: remark) == expected)
    }

    @Test("compose then callerRemark gives the caller's remark back")
    func roundTrip() {
        let generated = OperationID.make()
        for remark in ["nightly", "with [brackets] inside", "多语言 备注"] {
            #expect(GatewayRemark.callerRemark(from: GatewayRemark.compose(callerRemark: remark, operationId: generated)) == remark)
        }
        #expect(GatewayRemark.callerRemark(from: GatewayRemark.compose(callerRemark: nil, operationId: generated)) == nil)
    }

    @Test("carries finds only this operation's tag")
    func carries() {
        let other = "op_zyxwvutsrqponmlkjihgfedcba"
        let remark = GatewayRemark.compose(callerRemark: "nightly", operationId: id)
        #expect(GatewayRemark.carries(remark, operationId: id))
        #expect(!GatewayRemark.carries(remark, operationId: other))
        #expect(!GatewayRemark.carries(nil, operationId: id))
        #expect(!GatewayRemark.carries("nightly", operationId: id))
    }
}
