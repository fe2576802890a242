import GatewayConfiguration
import Testing

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("10s", .seconds(10)), ("2m", .seconds(120)),
        ("6h", .seconds(6 * 3600)), ("7d", .seconds(7 * 86_400)), ("1h30m", .seconds(5400)),
        ("1s500ms", .milliseconds(1500)), ("0s", .zero), ("250us", .microseconds(250)), ("7ns", .nanoseconds(7)),
    ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "10", "s", "10x", "1.5s", "-1s", "10 s", "30m1h", "1m1m", "1h 30m", "99999999999999999999d", "10S"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formatsShortest() {
        #expect(DurationText.format(.milliseconds(500)) == "500ms")
        #expect(DurationText.format(.seconds(10)) == "10s")
        #expect(DurationText.format(.seconds(120)) == "2m")
        #expect(DurationText.format(.seconds(6 * 3600)) == "6h")
        #expect(DurationText.format(.seconds(7 * 86_400)) == "7d")
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.milliseconds(1500)) == "1s500ms")
        #expect(DurationText.format(.zero) == "0s")
        #expect(DurationText.format(.seconds(-2)) == "-2s")
    }

    @Test(arguments: ["500ms", "10s", "2m", "6h", "7d", "1h30m", "1d2h3m4s5ms6us7ns"])
    func roundTrips(text: String) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(DurationText.format(duration) == text)
    }
}
