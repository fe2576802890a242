import Foundation

/// A provider's own "retry after" advice in a response: `x-acs-retry-after` (Alibaba,
/// milliseconds — the Tea SDK uses it as the back-off of its `ThrottlingException`) or a
/// standard `Retry-After` (RFC 9110: delay-seconds or an HTTP-date).
enum RetryAfterHint {
    /// The advised wait, nil when the response gives none (or an unreadable one).
    /// `now` is what an HTTP-date is measured from.
    static func from(_ response: ProviderHTTPResponse, now: Date = Date()) -> Duration? {
        var hints: [Duration] = []
        if let text = response.header("x-acs-retry-after")?.trimmingCharacters(in: .whitespaces),
           let milliseconds = Int64(text), milliseconds >= 0 {
            hints.append(.milliseconds(milliseconds))
        }
        if let text = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Int64(text), seconds >= 0 {
                hints.append(.seconds(seconds))
            } else if let date = HTTPDate.parse(text) {
                hints.append(.seconds(max(0, date.timeIntervalSince(now))))
            }
        }
        return hints.max()
    }
}
