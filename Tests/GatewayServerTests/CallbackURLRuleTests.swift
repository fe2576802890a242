import GatewayCore
@testable import GatewayServer
import Testing

/// Which `callbackUrl`s are accepted.
@Suite("callbackUrl validation")
struct CallbackURLRuleTests {
    @Test("https anywhere, http only to loopback", arguments: [
        "https://hooks.example.com/gateway",
        "https://hooks.example.com:8443/a/b?token=abc&x=1",
        "HTTPS://Hooks.Example.com/x",
        "https://10.0.0.7/hook",
        "https://[2001:db8::1]/hook",
        "http://127.0.0.1:9000/hook",
        "http://127.255.0.9/hook",
        "http://localhost/hook",
        "http://LOCALHOST:8080/",
        "http://[::1]:8080/hook",
        "http://[0:0:0:0:0:0:0:1]/hook",
    ])
    func accepted(_ url: String) throws {
        #expect(try CallbackURLRule.validate(url) == url)
    }

    @Test("refused with CALLBACK_URL_INVALID", arguments: [
        "",
        "hooks.example.com/x",
        "/relative/path",
        "ftp://hooks.example.com/x",
        "ws://localhost/x",
        "http://hooks.example.com/x",
        "http://10.0.0.7/hook",
        "http://128.0.0.1/hook",
        "http://localhost.example.com/hook",
        "http://127.1/hook",
        "http://[::2]/hook",
        "https://user:pass@hooks.example.com/x",
        "https://user@hooks.example.com/x",
        "http://127.0.0.1@evil.example.com/x",
        "https:///nohost",
        "https://hooks.example.com/a b",
        "https://hooks.example.com/\u{0}",
        "https://hooks.example.com/ü",
        "https://hooks.example.com:99999/x",
        "https://hooks.example.com/" + String(repeating: "a", count: 2030),
    ])
    func refused(_ url: String) {
        let error = #expect(throws: GatewayError.self) { try CallbackURLRule.validate(url) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "CALLBACK_URL_INVALID")
        if url.count >= 8 { #expect(error?.detail.contains(url) == false) }
    }

    @Test("exactly 2048 characters is accepted")
    func lengthLimit() throws {
        let prefix = "https://hooks.example.com/"
        let url = prefix + String(repeating: "a", count: 2048 - prefix.count)
        #expect(try CallbackURLRule.validate(url) == url)
        #expect(throws: GatewayError.self) { try CallbackURLRule.validate(url + "a") }
    }
}
