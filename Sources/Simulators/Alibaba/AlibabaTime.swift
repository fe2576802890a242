import Foundation

/// Alibaba's UTC time strings: seconds `yyyy-MM-ddTHH:mm:ssZ` (`Timestamp`, `x-acs-date`,
/// response times, `RestoreTime`) and minutes `yyyy-MM-ddTHH:mmZ` (`DescribeBackups` and
/// `DescribeClusterBackupList` windows). Exact shapes only; no formatters, no locale.
enum AlibabaTime {
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    static func seconds(_ date: Date) -> String {
        let c = SimulatorCivilTime.components(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `yyyy-MM-ddTHH:mmZ`.
    static func minutes(_ date: Date) -> String {
        let c = SimulatorCivilTime.components(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d-%02d-%02dT%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute)
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ`.
    static func parseSeconds(_ text: String) -> Date? {
        parse(text, withSeconds: true)
    }

    /// Parses exactly `yyyy-MM-ddTHH:mmZ`.
    static func parseMinutes(_ text: String) -> Date? {
        parse(text, withSeconds: false)
    }

    /// Either form.
    static func parseSecondsOrMinutes(_ text: String) -> Date? {
        parseSeconds(text) ?? parseMinutes(text)
    }

    private static func parse(_ text: String, withSeconds: Bool) -> Date? {
        let bytes = Array(text.utf8)
        let length = withSeconds ? 20 : 17
        guard bytes.count == length, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[length - 1] == UInt8(ascii: "Z"),
              !withSeconds || bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16),
              let second = withSeconds ? number(17..<19) : 0,
              let epoch = SimulatorCivilTime.epochSeconds(
                  year: year, month: month, day: day, hour: hour, minute: minute, second: second
              )
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(epoch))
    }
}

extension AlibabaTime {
    /// `yyyyMMddHHmmss` (file names).
    static func compact(_ date: Date) -> String {
        let c = SimulatorCivilTime.components(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }
}
