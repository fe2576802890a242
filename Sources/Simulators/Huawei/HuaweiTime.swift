import Foundation

/// Huawei's UTC time strings: `X-Sdk-Date` (`yyyyMMdd'T'HHmmss'Z'`), list filters and record
/// names (`yyyyMMddHHmmss`), response times (ISO-8601 with milliseconds,
/// `2019-05-10T08:31:16.166Z`). Exact shapes only; no formatters, no locale.
enum HuaweiTime {
    /// `yyyyMMddHHmmss`.
    static func compact(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`.
    static func sdkDate(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` (to the nearest millisecond).
    static func iso(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = SimulatorCivilTime.floorDiv(milliseconds, 1000)
        let c = SimulatorCivilTime.components(epochSeconds: seconds)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            c.year, c.month, c.day, c.hour, c.minute, c.second, milliseconds - seconds * 1000
        )
    }

    /// Parses exactly `yyyyMMddHHmmss`.
    static func parseCompact(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 14 else { return nil }
        return parse(bytes, year: 0, month: 4, day: 6, hour: 8, minute: 10, second: 12)
    }

    /// Parses exactly `yyyyMMdd'T'HHmmss'Z'`.
    static func parseSDKDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        return parse(bytes, year: 0, month: 4, day: 6, hour: 9, minute: 11, second: 13)
    }

    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        SimulatorCivilTime.components(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func parse(
        _ bytes: [UInt8], year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) -> Date? {
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(year, 4), let mo = number(month, 2), let d = number(day, 2),
              let h = number(hour, 2), let mi = number(minute, 2), let s = number(second, 2),
              let epoch = SimulatorCivilTime.epochSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(epoch))
    }
}
