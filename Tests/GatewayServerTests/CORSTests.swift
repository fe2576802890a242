import Foundation
import Testing

/// A browser dashboard on an allowed origin: preflight without a token, exposed headers.
@Suite("CORS")
struct CORSTests {
    typealias F = AuthFixture
    static let origin = "https://dash.example.com"

    @Test("preflight from an allowed origin is answered before authentication")
    func preflight() async throws {
        try await GatewayHarness.run(auth: F.settings, corsOrigins: [Self.origin], extraEnvironment: F.environment) { harness in
            let reply = try await harness.client.send("OPTIONS", "/instances/crs-test01/backups", headers: [
                ("Origin", Self.origin), ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "authorization, content-type, idempotency-key"),
            ])
            #expect(reply.status == 204)
            #expect(reply.header("Access-Control-Allow-Origin") == Self.origin)
            let allowed = reply.header("Access-Control-Allow-Headers")?.lowercased() ?? ""
            for header in ["authorization", "content-type", "idempotency-key", "x-request-id"] {
                #expect(allowed.contains(header))
            }
            #expect(reply.header("Access-Control-Allow-Methods")?.contains("POST") == true)
        }
    }

    @Test("answers expose Location, Retry-After and X-Request-Id; other origins get no CORS headers")
    func exposure() async throws {
        try await GatewayHarness.run(auth: F.settings, corsOrigins: [Self.origin], extraEnvironment: F.environment) { harness in
            let reply = try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: F.bearer(F.dashboardToken) + [("Origin", Self.origin)])
            #expect(reply.status == 202)
            #expect(reply.header("Access-Control-Allow-Origin") == Self.origin)
            let exposed = reply.header("Access-Control-Expose-Headers") ?? ""
            for header in ["Location", "Retry-After", "X-Request-Id"] { #expect(exposed.contains(header)) }
            // Even a 401 carries CORS headers so the browser can show the problem.
            let denied = try await harness.client.get("/providers", headers: [("Origin", Self.origin)])
            #expect(denied.status == 401)
            #expect(denied.header("Access-Control-Allow-Origin") == Self.origin)

            let stranger = try await harness.client.send("OPTIONS", "/instances/crs-test01/backups", headers: [
                ("Origin", "https://evil.example.net"), ("Access-Control-Request-Method", "POST"),
            ])
            #expect(stranger.header("Access-Control-Allow-Origin") == nil)
            let strangerGet = try await harness.client.get("/providers", headers: F.bearer(F.readerToken) + [("Origin", "https://evil.example.net")])
            #expect(strangerGet.header("Access-Control-Allow-Origin") == nil)
        }
    }
}
