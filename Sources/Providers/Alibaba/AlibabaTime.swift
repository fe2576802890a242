import Foundation
import ProviderSigning

/// Alibaba's UTC time formats: seconds `yyyy-MM-ddTHH:mm:ssZ` (timestamps, RestoreTime,
/// backup times) and minutes `yyyy-MM-ddTHH:mmZ` (the DescribeBackups window).
enum AlibabaTime {
    static func seconds(_ date: Date) -> String { UTCTimestamp.seconds(date) }

    /// Minute precision, rounded down (`roundUp` for the end of a window).
    static func minutes(_ date: Date, roundUp: Bool = false) -> String {
        guard roundUp else { return UTCTimestamp.minutes(date) }
        return UTCTimestamp.minutes(Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.up) * 60))
    }

    /// Parses either form (and tolerates fractional seconds); nil for anything else.
    static func parse(_ text: String?) -> Date? {
        guard var text, text.hasSuffix("Z") else { return nil }
        text.removeLast()
        if let dot = text.firstIndex(of: ".") { text = String(text[..<dot]) }
        let dateAndTime = text.split(separator: "T")
        guard dateAndTime.count == 2 else { return nil }
        let date = dateAndTime[0].split(separator: "-").compactMap { Int($0) }
        let time = dateAndTime[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, time.count == 2 || time.count == 3,
              (1...12).contains(date[1]), (1...31).contains(date[2]), time[0] < 24, time[1] < 60,
              time.count == 2 || time[2] < 61
        else { return nil }
        let days = CivilDate.days(year: date[0], month: date[1], day: date[2])
        let seconds = days * 86_400 + time[0] * 3600 + time[1] * 60 + (time.count == 3 ? time[2] : 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
