import Foundation
import GatewayCore

/// Keyset cursor of operation listings: the (createdAt, id) of the last record returned.
struct OperationPageToken: Hashable {
    var createdAtMicros: Int64
    var id: String

    var encoded: String {
        Data("o1|\(createdAtMicros)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(createdAtMicros: Int64, id: String) {
        self.createdAtMicros = createdAtMicros
        self.id = id
    }

    init(decoding token: String) throws(GatewayError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw Self.invalid
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "o1", let micros = Int64(parts[1]), !parts[2].isEmpty else {
            throw Self.invalid
        }
        createdAtMicros = micros
        id = String(parts[2])
    }

    private static var invalid: GatewayError {
        .invalidArgument("PAGE_TOKEN_INVALID", "pageToken is not a token this gateway issued; start again without it.")
    }
}
