import Foundation
import GatewayCore

/// Explains a rejected, expired signature with the clock difference it reveals: the provider's
/// `Date` response header against the instant the gateway signed the request (its signing
/// clock, not the wall clock, so an injected or drifting signing clock is what is measured).
enum ClockSkewNote {
    /// The reason every provider's "signature or timestamp expired" error maps to.
    static let reason = "SIGNATURE_EXPIRED"

    /// Below this difference the clocks are reported as agreeing (a `Date` header has
    /// one-second resolution and is taken after the request travelled).
    static let agreementSeconds = 30

    /// `error` with the measured skew appended to its detail, when it is an expired signature
    /// and `response` carries a readable `Date`; otherwise `error` unchanged.
    static func annotate(_ error: GatewayError, response: ProviderHTTPResponse, signedAt: Date) -> GatewayError {
        guard error.reason == reason, let text = response.header("Date"), let providerNow = HTTPDate.parse(text) else {
            return error
        }
        var annotated = error
        annotated.detail += note(providerDate: text, providerNow: providerNow, signedAt: signedAt)
        return annotated
    }

    /// ` The provider's clock (Date: …) is 612 s ahead of the gateway's; fix the gateway host's time (NTP).`
    static func note(providerDate: String, providerNow: Date, signedAt: Date) -> String {
        let skew = Int(providerNow.timeIntervalSince(signedAt).rounded())
        if abs(skew) < agreementSeconds {
            return " The provider's clock (Date: \(providerDate)) agrees with the gateway's to within \(agreementSeconds) s, "
                + "so the request was signed too long before it arrived."
        }
        let direction = skew > 0 ? "ahead of" : "behind"
        return " The provider's clock (Date: \(providerDate)) is \(abs(skew)) s \(direction) the gateway's; fix the gateway host's time (NTP)."
    }
}
