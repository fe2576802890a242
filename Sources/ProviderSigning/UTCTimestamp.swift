import Foundation

/// ISO 8601 UTC timestamps built from `CivilDate` arithmetic — no `DateFormatter`, no time
/// zones, no locale. Fractional seconds are truncated towards the past.
public enum UTCTimestamp {
    /// `yyyy-MM-ddTHH:mm:ssZ`, e.g. `2025-01-15T08:30:00Z` (Alibaba `Timestamp`, `x-acs-date`).
    public static func seconds(_ date: Date) -> String {
        let (day, hour, minute, second) = split(date)
        return "\(day)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// `yyyy-MM-ddTHH:mmZ`, e.g. `2025-01-15T23:59Z` (Alibaba minute-precision business fields).
    public static func minutes(_ date: Date) -> String {
        let (day, hour, minute, _) = split(date)
        return "\(day)T\(pad(hour, 2)):\(pad(minute, 2))Z"
    }

    /// (`yyyy-MM-dd`, hour, minute, second) of `date` in UTC.
    private static func split(_ date: Date) -> (day: String, hour: Int, minute: Int, second: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondOfDay = total - days * 86_400
        let (year, month, day) = CivilDate.fromDays(days)
        let dayString = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        return (dayString, secondOfDay / 3_600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    /// Decimal `value` left-padded with zeros to `width` digits.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
