import Foundation
import GatewayCore

/// The wire form of keyset page tokens: base64url (no padding) of `tag|micros|id`. The tag keeps
/// one listing's tokens from being accepted by another.
enum PageTokenCoding {
    static func encode(tag: String, micros: Int64, id: String) -> String {
        Data("\(tag)|\(micros)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The (micros, id) in `token`, or `invalid_argument` / `PAGE_TOKEN_INVALID`.
    static func decode(tag: String, _ token: String) throws(GatewayError) -> (micros: Int64, id: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == tag, let micros = Int64(parts[1]), !parts[2].isEmpty else {
            throw invalid
        }
        return (micros, String(parts[2]))
    }

    static var invalid: GatewayError {
        .invalidArgument("PAGE_TOKEN_INVALID", "pageToken is not a token this gateway issued; start again without it.")
    }
}
