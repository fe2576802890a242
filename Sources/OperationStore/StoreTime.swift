import Foundation

/// How the store writes time: UTC microseconds since 1970 in integer columns.
enum StoreTime {
    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    static func date(_ micros: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(micros) / 1_000_000) }

    /// A duration in whole microseconds (rounded down; negative durations count as zero).
    static func micros(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }
}
