import GatewayCore
@testable import Providers
import Testing

/// Every provider's "signature / timestamp expired" answer is `provider_auth_failed` /
/// `SIGNATURE_EXPIRED` (the reason the clock-skew note keys on), never retried.
@Suite("SIGNATURE_EXPIRED across providers")
struct SignatureExpiredReasonTests {
    @Test("the table rows")
    func rows() {
        let rows = [
            TencentErrorTable.table.mapping(for: "AuthFailure.SignatureExpire"),
            AlibabaErrorTable.table.mapping(for: "InvalidTimeStamp.Expired"),
            TencentLegacyErrorTable.table.mapping(for: "4200"),
        ]
        for row in rows {
            #expect(row.code == .providerAuthFailed)
            #expect(row.reason == "SIGNATURE_EXPIRED")
        }
        #expect(HuaweiErrorTable.authMessageReasons.first { $0.fragment == "signature expired" }?.reason == "SIGNATURE_EXPIRED")
    }

    @Test("API 2.0's 4500 is SIGNATURE_EXPIRED when its message is about the timestamp, a replay otherwise", arguments: [
        ("Timestamp 1767225000 is more than 300 seconds from the server time", "SIGNATURE_EXPIRED"),
        ("request expired", "SIGNATURE_EXPIRED"),
        ("Nonce 12345 was already used", nil),
    ] as [(String, String?)])
    func legacyReplay(message: String, reason: String?) {
        #expect(TencentLegacyErrorTable.refinedReason(code: "4500", message: message) == reason)
        #expect(TencentLegacyErrorTable.refinedReason(code: "4100", message: message) == nil)
        #expect(TencentLegacyErrorTable.table.mapping(for: "4500").reason == "PROVIDER_REPLAY_REJECTED")
    }

    @Test("never retried, read or write")
    func neverRetried() {
        let error = GatewayError(.providerAuthFailed, reason: "SIGNATURE_EXPIRED", detail: "x", provider: ProviderErrorInfo(name: "tencent"))
        #expect(!RetryPolicy.isRetryable(error, isWrite: false))
        #expect(!RetryPolicy.isRetryable(error, isWrite: true))
    }
}
