import Foundation
import GatewayCore
@testable import Providers
import Testing

/// The opaque listing token: base64url of `v1:<offset>:<limit>`.
@Suite("Offset page token")
struct OffsetPageTokenTests {
    static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test("encode then decode gives the same offset and limit", arguments: [
        (0, 1), (20, 20), (40, 20), (999_999, 100), (7, 1000),
    ])
    func roundTrip(offset: Int, limit: Int) throws {
        let token = OffsetPageToken(offset: offset, limit: limit)
        let encoded = token.encoded
        #expect(!encoded.contains("="))
        #expect(!encoded.contains("+"))
        #expect(!encoded.contains("/"))
        #expect(encoded == Self.base64url("v1:\(offset):\(limit)"))
        let decoded = try OffsetPageToken(decoding: encoded)
        #expect(decoded == token)
    }

    @Test("tokens the gateway did not issue are invalid_argument PAGE_TOKEN_INVALID", arguments: [
        "",
        "not a token!",
        "%%%%",
        base64url("v2:0:20"),
        base64url("v1:0"),
        base64url("v1:0:20:5"),
        base64url("v1:-1:20"),
        base64url("v1:0:0"),
        base64url("v1:0:1001"),
        base64url("v1:a:b"),
        base64url("o1|1767225600000000|op_x"),
        Data([0xff, 0xfe, 0x00]).base64EncodedString(),
    ])
    func garbage(token: String) {
        let error = #expect(throws: GatewayError.self) {
            try OffsetPageToken(decoding: token)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason == "PAGE_TOKEN_INVALID")
    }
}
