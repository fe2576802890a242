import Foundation
import GatewayServer
import Testing

/// `X-Gateway-Signature`: a fixed vector computed independently (Python `hmac`), and what
/// `verify` refuses.
@Suite("Webhook signatures")
struct WebhookSignerTests {
    static let secret = "whsec_test-0123456789abcdef"
    static let body = Array(#"{"event":"operation.finished","operation":{"id":"op_1"}}"#.utf8)
    /// python3: hmac.new(secret, b"1700000000." + body, hashlib.sha256).hexdigest()
    static let expected = "t=1700000000,v1=38bffd618ffb0ddb2f1f22a9b73a9bde4f20dae7373b44a36e671fc0b4c77d98"
    static let signedAt = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("the header matches an independently computed HMAC-SHA256")
    func fixedVector() {
        #expect(WebhookSigner.signature(body: Self.body, secret: Self.secret, timestamp: 1_700_000_000) == Self.expected)
        let signer = WebhookSigner(secret: Self.secret, clock: { Self.signedAt.addingTimeInterval(0.75) })
        #expect(signer.signature(for: Self.body) == Self.expected)
    }

    @Test("verify accepts the vector within the tolerance and refuses it outside")
    func tolerance() {
        #expect(WebhookSigner.verify(header: Self.expected, body: Self.body, secret: Self.secret, now: Self.signedAt))
        #expect(WebhookSigner.verify(header: Self.expected, body: Self.body, secret: Self.secret, now: Self.signedAt.addingTimeInterval(299)))
        #expect(WebhookSigner.verify(header: Self.expected, body: Self.body, secret: Self.secret, now: Self.signedAt.addingTimeInterval(-299)))
        #expect(!WebhookSigner.verify(header: Self.expected, body: Self.body, secret: Self.secret, now: Self.signedAt.addingTimeInterval(301)))
        #expect(!WebhookSigner.verify(
            header: Self.expected, body: Self.body, secret: Self.secret, now: Self.signedAt.addingTimeInterval(30), tolerance: .seconds(10)
        ))
    }

    @Test("verify refuses another body, another secret, a moved timestamp and malformed headers")
    func refusals() {
        var tampered = Self.body
        tampered[tampered.count - 3] = UInt8(ascii: "2")
        #expect(!WebhookSigner.verify(header: Self.expected, body: tampered, secret: Self.secret, now: Self.signedAt))
        #expect(!WebhookSigner.verify(header: Self.expected, body: Self.body, secret: Self.secret + "x", now: Self.signedAt))
        let moved = Self.expected.replacingOccurrences(of: "t=1700000000", with: "t=1700000001")
        #expect(!WebhookSigner.verify(header: moved, body: Self.body, secret: Self.secret, now: Self.signedAt))
        for header in ["", "t=1700000000", "v1=38bf", "t=abc,v1=00", "t=1700000000,v1=zz", "t=1700000000,t=1700000000,v1=00"] {
            #expect(!WebhookSigner.verify(header: header, body: Self.body, secret: Self.secret, now: Self.signedAt), "\(header)")
        }
    }

    @Test("verify accepts any of several v1 values (secret rotation), upper-case hex and unknown parts")
    func rotationAndLeniency() {
        let other = WebhookSigner.signature(body: Self.body, secret: "old-secret", timestamp: 1_700_000_000)
        let otherMac = other.split(separator: "=").last!
        let header = "t=1700000000, v1=\(otherMac), v0=ignored, v1=\(Self.expected.split(separator: "=").last!.uppercased())"
        #expect(WebhookSigner.verify(header: header, body: Self.body, secret: Self.secret, now: Self.signedAt))
        #expect(WebhookSigner.verify(header: header, body: Self.body, secret: "old-secret", now: Self.signedAt))
    }
}
