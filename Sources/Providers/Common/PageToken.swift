import Foundation
import GatewayCore

/// The opaque `pageToken` of listings: offset-based paging of the provider, wrapped so callers
/// cannot depend on its shape. Base64url of `v1:<offset>:<limit>`.
public struct OffsetPageToken: Sendable, Hashable {
    public var offset: Int
    public var limit: Int

    public init(offset: Int, limit: Int) {
        self.offset = offset
        self.limit = limit
    }

    public var encoded: String {
        Data("v1:\(offset):\(limit)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a caller's token; a token that was not made by the gateway is `invalid_argument`.
    public init(decoding token: String) throws(GatewayError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard
            let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { throw Self.invalid }
        let parts = text.split(separator: ":")
        guard parts.count == 3, parts[0] == "v1", let offset = Int(parts[1]), let limit = Int(parts[2]),
              offset >= 0, (1...1000).contains(limit)
        else { throw Self.invalid }
        self.offset = offset
        self.limit = limit
    }

    private static var invalid: GatewayError {
        .invalidArgument("PAGE_TOKEN_INVALID", "pageToken is not a token this gateway issued; start again without it.")
    }
}
