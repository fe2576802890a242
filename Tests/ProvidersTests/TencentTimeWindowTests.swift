import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `TencentDriver.timeWindow`: since/until → BeginTime/EndTime (at most 30 days, until exclusive).
@Suite("Tencent listing time window")
struct TencentTimeWindowTests {
    let now = Fixture.pinnedNow
    let day: TimeInterval = 86_400

    @Test("no since and no until: no window")
    func none() throws {
        #expect(try TencentDriver.timeWindow(since: nil, until: nil, now: now) == nil)
    }

    @Test("only since: from since to just past now")
    func onlySince() throws {
        let since = now.addingTimeInterval(-2 * day)
        let window = try #require(try TencentDriver.timeWindow(since: since, until: nil, now: now))
        #expect(window.begin == since)
        #expect(window.end == now.addingTimeInterval(59))
    }

    @Test("only until: the 30 days before until (exclusive)")
    func onlyUntil() throws {
        let until = now.addingTimeInterval(-day)
        let window = try #require(try TencentDriver.timeWindow(since: nil, until: until, now: now))
        #expect(window.end == until.addingTimeInterval(-1))
        #expect(window.begin == window.end.addingTimeInterval(-30 * day + 1))
        #expect(window.end.timeIntervalSince(window.begin) < 30 * day)
    }

    @Test("both: [since, until - 1 s]")
    func both() throws {
        let since = now.addingTimeInterval(-3 * day)
        let window = try #require(try TencentDriver.timeWindow(since: since, until: now, now: now))
        #expect(window.begin == since)
        #expect(window.end == now.addingTimeInterval(-1))
        #expect(ChinaStandardTime.format(window.begin) == "2025-12-29 08:00:00")
        #expect(ChinaStandardTime.format(window.end) == "2026-01-01 07:59:59")
    }

    @Test("exactly 30 days is accepted")
    func thirtyDays() throws {
        let window = try TencentDriver.timeWindow(since: now.addingTimeInterval(-30 * day), until: now, now: now)
        #expect(window != nil)
    }

    @Test("more than 30 days is refused", arguments: [31.0, 45.0, 365.0])
    func tooWide(days: Double) {
        let error = #expect(throws: GatewayError.self) {
            try TencentDriver.timeWindow(since: now.addingTimeInterval(-days * day), until: now, now: now)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "TIME_RANGE_TOO_WIDE")
    }

    @Test("only since, more than 30 days ago, is refused")
    func sinceTooOld() {
        let error = #expect(throws: GatewayError.self) {
            try TencentDriver.timeWindow(since: now.addingTimeInterval(-40 * day), until: nil, now: now)
        }
        #expect(error?.reason == "TIME_RANGE_TOO_WIDE")
    }

    @Test("since after (or at) until is refused")
    func sinceAfterUntil() {
        for since in [now.addingTimeInterval(3600), now] {
            let error = #expect(throws: GatewayError.self) {
                try TencentDriver.timeWindow(since: since, until: now, now: now)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.reason == "TIME_RANGE_INVALID")
        }
    }
}
