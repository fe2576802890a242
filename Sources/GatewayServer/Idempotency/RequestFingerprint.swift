import Crypto
import Foundation
import NIOCore

/// What makes two requests "the same" for an idempotency key: method, path and body. JSON
/// bodies are compared by meaning (key order and spacing do not matter). The instance password
/// counts only by its presence: no form of it — not even a hash — is stored.
enum RequestFingerprint {
    static func make(method: String, path: String, body: ByteBuffer) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(method)\n\(path)\n".utf8))
        let bytes = Data(body.readableBytesView)
        if var object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] {
            if object["instancePassword"] != nil { object["instancePassword"] = "<present>" }
            let canonical = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? bytes
            hasher.update(data: canonical)
        } else {
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
