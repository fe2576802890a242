import Testing
import GatewayCore

@Suite("Redactor")
struct RedactorTests {
    let redactor = Redactor(knownSecrets: ["Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "s3cr3t-pass"])

    @Test("known secrets are removed wherever they appear")
    func knownSecrets() {
        let text = redactor.redact("key Gu5t9xGARNpq86cd98joQYCN3EXAMPLE and password s3cr3t-pass inside")
        #expect(!text.contains("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"))
        #expect(!text.contains("s3cr3t-pass"))
        #expect(text.contains(Redactor.mask))
    }

    @Test("what providers echo back", arguments: [
        ("The SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE is not found", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
        ("Authorization: TC3-HMAC-SHA256 Credential=AKIDabc/2026-01-01/redis/tc3_request, Signature=319e00eb", "Credential=AKIDabc"),
        ("Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3DLTAI5tAbcdefgh", "GET&%2F&AccessKeyId"),
        ("signature=319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91 mismatch", "319e00ebfca4a8d05c9dd4f88562ffb670450db3f5cb6c0f25b68f0a4962ff91"),
        ("SecurityToken=CAISabcdefghijklmn is expired", "CAISabcdefghijklmn"),
        ("X-TC-Token: tmpToken123", "tmpToken123"),
        ("AccessKeyId LTAI5tAbcdefghijklmnop not found", "LTAI5tAbcdefghijklmnop"),
        ("password=hunter22 rejected", "hunter22"),
    ])
    func patterns(message: String, leaked: String) {
        let text = Redactor().redact(message)
        #expect(!text.contains(leaked), "\(text)")
    }

    @Test("ordinary messages are left alone")
    func ordinaryText() {
        let message = "The instance crs-5a4py64p is locked by another task; retry later."
        #expect(Redactor().redact(message) == message)
    }
}
