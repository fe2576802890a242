import Foundation
@testable import Providers
import Testing

/// `AlibabaTime`: the seconds form (timestamps, RestoreTime, backup times) and the minute form
/// (the DescribeBackups window), both UTC (`alibaba.md` §1, §4.3, §4.4).
@Suite("Alibaba time formats")
struct AlibabaTimeTests {
    static let now = AlibabaFixture.pinnedNow  // 2026-01-01T00:00:00Z

    @Test("seconds: yyyy-MM-ddTHH:mm:ssZ, fractions truncated")
    func seconds() {
        #expect(AlibabaTime.seconds(Self.now) == "2026-01-01T00:00:00Z")
        #expect(AlibabaTime.seconds(Self.now.addingTimeInterval(-0.5)) == "2025-12-31T23:59:59Z")
        #expect(AlibabaTime.seconds(Self.now.addingTimeInterval(3723.9)) == "2026-01-01T01:02:03Z")
        #expect(AlibabaTime.seconds(Date(timeIntervalSince1970: 1_552_541_330)) == "2019-03-14T05:28:50Z")
    }

    @Test("minutes: yyyy-MM-ddTHH:mmZ, rounded down unless roundUp", arguments: [
        (0.0, "2026-01-01T00:00Z", "2026-01-01T00:00Z"),
        (1.0, "2026-01-01T00:00Z", "2026-01-01T00:01Z"),
        (59.9, "2026-01-01T00:00Z", "2026-01-01T00:01Z"),
        (60.0, "2026-01-01T00:01Z", "2026-01-01T00:01Z"),
        (-1.0, "2025-12-31T23:59Z", "2026-01-01T00:00Z"),
        (86_399.0, "2026-01-01T23:59Z", "2026-01-02T00:00Z"),
    ])
    func minutes(offset: Double, down: String, up: String) {
        let date = Self.now.addingTimeInterval(offset)
        #expect(AlibabaTime.minutes(date) == down)
        #expect(AlibabaTime.minutes(date, roundUp: true) == up)
    }

    @Test("parse reads both forms and fractional seconds", arguments: [
        ("2026-01-01T00:00:00Z", 0.0),
        ("2026-01-01T00:00Z", 0.0),
        ("2026-01-01T01:02:03Z", 3723.0),
        ("2026-01-01T01:02Z", 3720.0),
        ("2026-01-01T01:02:03.987Z", 3723.0),
        ("2025-12-31T23:59:59Z", -1.0),
        ("2024-02-29T12:00:00Z", -58_017_600.0),
    ])
    func parse(text: String, offset: Double) {
        #expect(AlibabaTime.parse(text) == Self.now.addingTimeInterval(offset))
    }

    @Test("parse refuses anything else", arguments: [
        nil, "", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:60Z", "2026-01-01T00Z", "2026-01-01TZ", "1767225600", "yesterday Z",
    ] as [String?])
    func parseRefuses(text: String?) {
        #expect(AlibabaTime.parse(text) == nil)
    }

    @Test("round trip: seconds and minutes parse back to what they print")
    func roundTrip() {
        for offset in stride(from: -86_400.0 * 400, through: 86_400.0 * 400, by: 86_400.0 * 37 + 3661) {
            let date = Self.now.addingTimeInterval(offset)
            #expect(AlibabaTime.parse(AlibabaTime.seconds(date)) == date)
            let minute = AlibabaTime.parse(AlibabaTime.minutes(date))
            let intoMinute = (offset.truncatingRemainder(dividingBy: 60) + 60).truncatingRemainder(dividingBy: 60)
            #expect(minute.map { date.timeIntervalSince($0) } == intoMinute)
        }
    }
}
