import Foundation
import GatewayConfiguration
@testable import GatewayServer
import Testing

/// caller → gateway (callbackUrl) → simulator; the gateway's reconciler finishes the operation
/// without anyone polling and POSTs one signed webhook.
@Suite("webhooks end to end")
struct WebhookEndToEndTests {
    static let secret = "whsec-test-3c5e7a9b1d2f4a6c"

    @Test("a backup with callbackUrl is delivered once, signed, when it ends — nobody polls")
    func delivered() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            try await GatewayHarness.run(
                webhooks: WebhookSettings(secret: .environment("HOOK_SECRET")), extraEnvironment: ["HOOK_SECRET": Self.secret]
            ) { harness in
                let reply = try await harness.client.post(
                    "/instances/crs-test01/backups", json: #"{"callbackUrl":"\#(base)/hook?token=abc"}"#
                )
                #expect(reply.status == 202)
                let id = try #require(reply.json["id"] as? String)
                let arrived = await eventually { !receiver.requests(for: id).isEmpty }
                #expect(arrived)
                let delivery = try #require(receiver.requests(for: id).first)
                #expect(delivery.json["event"] as? String == "operation.finished")
                let operation = try #require(delivery.json["operation"] as? [String: Any])
                #expect(operation["state"] as? String == "succeeded")
                #expect(operation["id"] as? String == id)
                let signature = try #require(delivery.headers["x-gateway-signature"])
                #expect(WebhookSigner.verify(header: signature, body: delivery.body, secret: Self.secret, now: Date(), tolerance: .seconds(300)))
                try await Task.sleep(for: .milliseconds(600))
                #expect(receiver.requests(for: id).count == 1)
                #expect(!harness.logs.all.joined().contains(Self.secret))
            }
        }
    }

    @Test("without a webhooks section a callbackUrl is refused before anything happens")
    func notConfigured() async throws {
        try await GatewayHarness.run { harness in
            let reply = try await harness.client.post("/instances/crs-test01/backups", json: #"{"callbackUrl":"https://hooks.example.com/x"}"#)
            #expect(reply.status == 422)
            #expect(reply.json["reason"] as? String == "WEBHOOKS_NOT_CONFIGURED")
            #expect(await harness.simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" }.isEmpty)
        }
    }

    @Test("a callbackUrl that is not https (or loopback http) is refused")
    func invalidURL() async throws {
        try await GatewayHarness.run(
            webhooks: WebhookSettings(secret: .environment("HOOK_SECRET")), extraEnvironment: ["HOOK_SECRET": Self.secret]
        ) { harness in
            let reply = try await harness.client.post("/instances/crs-test01/backups", json: #"{"callbackUrl":"http://hooks.example.com/x"}"#)
            #expect(reply.status == 400)
            #expect(reply.json["reason"] as? String == "CALLBACK_URL_INVALID")
        }
    }
}
