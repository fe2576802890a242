import Foundation
import ProviderSigning

/// DCS times: queries take UTC `yyyyMMddHHmmss`; answers are ISO-8601 UTC with milliseconds
/// (`2019-05-10T08:31:16.166Z`).
enum HuaweiTime {
    static func query(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let second = total - days * 86_400
        let (y, mo, d) = CivilDate.fromDays(days)
        return String(format: "%04d%02d%02d%02d%02d%02d", y, mo, d, second / 3600, second % 3600 / 60, second % 60)
    }

    /// ISO-8601 with or without fractional seconds, `Z` or `+00:00`; nil otherwise.
    static func parse(_ text: String?) -> Date? {
        guard var text, text.count >= 19 else { return nil }
        if text.hasSuffix("+00:00") { text = String(text.dropLast(6)) + "Z" }
        guard text.hasSuffix("Z") else { return nil }
        text.removeLast()
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            fraction = Double("0" + text[dot...]) ?? 0
            text = String(text[..<dot])
        }
        let parts = text.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, time.count == 3, (1...12).contains(date[1]), (1...31).contains(date[2]),
              time[0] < 24, time[1] < 60, time[2] < 61
        else { return nil }
        let days = CivilDate.days(year: date[0], month: date[1], day: date[2])
        let seconds = days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }
}
