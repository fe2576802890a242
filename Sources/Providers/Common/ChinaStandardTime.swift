import Foundation
import ProviderSigning

/// Tencent's API 3.0 and 2.0 write times as `YYYY-MM-DD HH:MM:SS` in China Standard Time
/// (UTC+8, no daylight saving). The gateway speaks UTC RFC 3339 to callers.
enum ChinaStandardTime {
    private static let offsetSeconds = 8 * 3600

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.fromDays(days)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d",
            year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60
        )
    }

    /// Parses `YYYY-MM-DD HH:MM:SS` (UTC+8); empty or zero dates (`0000-00-00 00:00:00`) are nil.
    static func parse(_ text: String?) -> Date? {
        guard let text, text.count == 19 else { return nil }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              year > 1970, (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
