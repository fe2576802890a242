import Foundation
import Testing

/// A burst of callers against a provider limited to N requests/s: the gateway paces its calls
/// so the provider never throttles; callers wait (bounded) or get 429 + Retry-After.
@Suite("provider rate limits end to end")
struct ProviderRateLimitEndToEndTests {
    /// The gateway is configured below the provider's 20/s (5/s, wait ≤ 500 ms), as an operator
    /// sharing the account with other tools would; the test client keeps 8 calls in flight.
    @Test("120 concurrent list calls: zero provider throttling; callers wait or get 429 + Retry-After")
    func burst() async throws {
        try await GatewayHarness.run(
            providerRateLimits: true, rateLimits: ["default": 5], rateLimitWait: .milliseconds(500)
        ) { harness in
            let replies = try await withThrowingTaskGroup(of: GatewayClient.Reply.self) { group in
                for _ in 0..<120 {
                    group.addTask { try await harness.client.get("/instances/crs-test01/backups") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let upstream = await harness.simulator.receivedRequests().filter { $0.action == "DescribeInstanceBackups" }
            #expect(!upstream.isEmpty)
            #expect(upstream.allSatisfy { $0.errorCode != "RequestLimitExceeded" })
            let ok = replies.filter { $0.status == 200 }
            let limited = replies.filter { $0.status == 429 }
            // On a loaded machine some calls may also time out (504); none may be a provider 429.
            #expect(replies.allSatisfy { [200, 429, 504].contains($0.status) })
            #expect(ok.count >= 3)
            #expect(!limited.isEmpty)
            for reply in limited {
                #expect(reply.json["reason"] as? String == "RATE_LIMIT_WAIT_EXCEEDED")
                #expect(Int(reply.header("Retry-After") ?? "") ?? 0 >= 1)
            }
        }
    }
}
