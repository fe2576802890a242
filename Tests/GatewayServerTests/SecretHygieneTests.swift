import Foundation
import Testing

/// No secret key, signature, token or instance password in any response, log line or database row.
@Suite("Secret hygiene")
struct SecretHygieneTests {
    @Test("after a full cycle with failures, secrets appear nowhere", arguments: [false, true])
    func nowhere(temporaryCredentials: Bool) async throws {
        try await GatewayHarness.run(temporaryCredentials: temporaryCredentials) { harness in
            var bodies: [String] = []
            let accepted = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            bodies.append(accepted.body)
            let id = try #require(accepted.json["id"] as? String)
            bodies.append(try await harness.waitUntilDone(id).body)
            let wrong = try await harness.client.post(
                "/instances/crs-test01/restores",
                json: #"{"backupId":"\#(GatewayHarness.backupOf01)","instancePassword":"wrong-\#(GatewayHarness.password)","confirmOverwrite":true}"#
            )
            #expect(wrong.status == 403)
            bodies.append(wrong.body)
            let right = try await harness.client.post(
                "/instances/crs-test01/restores",
                json: #"{"backupId":"\#(GatewayHarness.backupOf01)","instancePassword":"\#(GatewayHarness.password)","confirmOverwrite":true}"#
            )
            bodies.append(right.body)
            let restoreId = try #require(right.json["id"] as? String)
            bodies.append(try await harness.waitUntilDone(restoreId).body)
            bodies.append(try await harness.client.get("/operations").body)

            // The signatures the gateway actually sent.
            let signatures = await harness.simulator.receivedRequests().compactMap { record in
                record.headers.first { $0.name.lowercased() == "authorization" }?.value
                    .components(separatedBy: "Signature=").last
            }
            #expect(!signatures.isEmpty)
            if temporaryCredentials {
                let tokens = await harness.simulator.receivedRequests().compactMap { record in
                    record.headers.first { $0.name.lowercased() == "x-tc-token" }?.value
                }
                #expect(tokens.allSatisfy { $0 == GatewayHarness.sessionToken } && !tokens.isEmpty)
            }
            let forbidden = [GatewayHarness.secretKey, GatewayHarness.password, GatewayHarness.sessionToken] + signatures
            let database = try await harness.store.dump()
            let databaseText = String(decoding: database, as: UTF8.self)
            // The dump holds the rows (SQLite file or PostgreSQL schema), so the checks below mean something.
            #expect(databaseText.contains(id) && databaseText.contains(restoreId))
            let logText = harness.logs.all.joined(separator: "\n")
            for secret in forbidden {
                #expect(!bodies.joined().contains(secret))
                #expect(!logText.contains(secret))
                #expect(!databaseText.contains(secret))
            }
            #expect(!logText.contains(GatewayHarness.secretId))
        }
    }
}
