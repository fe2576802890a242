/// The duration notation of the configuration file: `500ms`, `10s`, `2m`, `6h`, `7d`, and
/// compounds with units in decreasing order such as `1h30m`. `us` and `ns` are accepted too.
public enum DurationText {
    private static let units: [(name: String, nanoseconds: Int64)] = [
        ("d", 86_400_000_000_000),
        ("h", 3_600_000_000_000),
        ("m", 60_000_000_000),
        ("s", 1_000_000_000),
        ("ms", 1_000_000),
        ("us", 1_000),
        ("ns", 1),
    ]

    /// Parses `text`; nil when it is not a non-negative duration in this notation.
    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var previousUnit = -1
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                let (shifted, overflowA) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = shifted.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
                guard !overflowA, !overflowB else { return nil }
                number = sum
                index += 1
            }
            guard index > digitsStart else { return nil }
            let unitStart = index
            while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) {
                index += 1
            }
            let unitName = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard let unit = units.firstIndex(where: { $0.name == unitName }), unit > previousUnit else { return nil }
            previousUnit = unit
            let (product, overflowA) = number.multipliedReportingOverflow(by: units[unit].nanoseconds)
            let (sum, overflowB) = total.addingReportingOverflow(product)
            guard !overflowA, !overflowB else { return nil }
            total = sum
        }
        return .nanoseconds(total)
    }

    /// The shortest text `parse` reads back as `duration` (to the nanosecond), e.g. `1h30m`,
    /// `500ms`, `0s`; negative durations get a leading `-`.
    public static func format(_ duration: Duration) -> String {
        if duration < .zero {
            return "-" + format(.zero - duration)
        }
        let (seconds, attoseconds) = duration.components
        let (wholeNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (nanos, sumOverflow) = wholeNanos.addingReportingOverflow(attoseconds / 1_000_000_000)
        var left = overflow || sumOverflow ? Int64.max : nanos
        var text = ""
        for unit in units where left >= unit.nanoseconds {
            text += "\(left / unit.nanoseconds)\(unit.name)"
            left %= unit.nanoseconds
        }
        return text.isEmpty ? "0s" : text
    }
}
