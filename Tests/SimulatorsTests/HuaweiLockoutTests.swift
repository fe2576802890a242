import Foundation
import Testing
@testable import Simulators

/// API Gateway's AK lockout: five failed authentications in a row lock the AK for five
/// minutes of the (injected) clock; a success resets the count.
@Suite struct HuaweiLockoutTests {
    static let forbidden = "Incorrect IAM authentication information: AK access failed to reach the limit,forbidden"

    @Test("Five failures lock the AK: even good requests get 401 forbidden, until five minutes pass")
    func lockout() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            var bad = HuaweiTestClient.Tweaks()
            bad.secretKey = "wrong"
            for attempt in 1...5 {
                let answer = try await harness.client.get(path, tweaks: bad)
                #expect(answer.status == 401)
                #expect(answer.message?.contains("verify aksk signature fail, canonicalRequest:") == true, "attempt \(attempt)")
            }
            let locked = try await harness.client.get(path)
            #expect(locked.status == 401)
            #expect(locked.code == "APIGW.0301")
            #expect(locked.message == Self.forbidden)
            // Requests during the lock do not extend it.
            harness.clock.advance(by: 4 * 60 + 59)
            #expect(try await harness.client.get(path).message == Self.forbidden)
            #expect(try await harness.client.get(path, tweaks: bad).message == Self.forbidden)
            harness.clock.advance(by: 1)
            #expect(try await harness.client.get(path).status == 200)

            // Every refusal was an APIGW.0301 (five mismatches, three while locked).
            #expect(await harness.simulator.receivedRequests().filter { $0.errorCode == "APIGW.0301" }.count == 8)
        }
    }

    @Test("A success resets the count; failures of every kind (expired date, token) count")
    func successResets() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            var bad = HuaweiTestClient.Tweaks()
            bad.secretKey = "wrong"
            for _ in 1...4 { #expect(try await harness.client.get(path, tweaks: bad).status == 401) }
            #expect(try await harness.client.get(path).status == 200)
            for _ in 1...4 { #expect(try await harness.client.get(path, tweaks: bad).status == 401) }
            #expect(try await harness.client.get(path).status == 200)

            var expired = HuaweiTestClient.Tweaks()
            expired.date = HuaweiTime.sdkDate(harness.clock.now.addingTimeInterval(-3600))
            for _ in 1...3 { #expect(try await harness.client.get(path, tweaks: expired).status == 401) }
            for _ in 1...2 { #expect(try await harness.client.get(path, tweaks: bad).status == 401) }
            #expect(try await harness.client.get(path).message == Self.forbidden)
        }
    }

    @Test("Unknown AKs and unparsable Authorization values never lock the configured AK")
    func unattributedFailures() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            var unknown = HuaweiTestClient.Tweaks()
            unknown.accessKey = "SOMEOTHERAK000000000"
            var malformed = HuaweiTestClient.Tweaks()
            malformed.authorization = "SDK-HMAC-SHA256 broken"
            for _ in 1...6 {
                #expect(try await harness.client.get(path, tweaks: unknown).status == 401)
                #expect(try await harness.client.get(path, tweaks: malformed).status == 401)
            }
            #expect(try await harness.client.get(path).status == 200)
        }
    }
}
