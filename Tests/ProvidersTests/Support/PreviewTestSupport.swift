import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Synchronization
import Testing

/// Checks shared by the request preview tests: a preview is compared with what the real call
/// recorded at the simulator (same clock second and nonce, so the same signature).
enum PreviewCheck {
    static let mask = Redactor.mask

    /// A whole-second "now" a driver's clock can be pinned to (inside every simulator's window).
    static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    /// Everything a caller would see of the preview, as one text.
    static func text(_ preview: ProviderRequestPreview) -> String {
        ([preview.action, preview.method, preview.url] + preview.headers.flatMap { [$0.name, $0.value] } + [preview.body ?? ""])
            .joined(separator: "\n")
    }

    /// None of `secrets` appears in the preview — raw, or in any encoding it travels in.
    static func expectAbsent(
        _ secrets: [String], in preview: ProviderRequestPreview, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = text(preview)
        for secret in secrets where !secret.isEmpty {
            let forms = Set([
                secret, TencentV2Signer.formEncode(secret), AlibabaPercentEncoding.encode(secret),
                secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret,
            ])
            for form in forms {
                #expect(!text.contains(form), "the preview shows a secret (\(form.prefix(4))…)", sourceLocation: sourceLocation)
            }
        }
    }

    /// `name=value&…` form-decoded (`+` is a space), in wire order.
    static func pairs(_ text: String) -> [(name: String, value: String)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = String(part).replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The value of parameter `name` in form text.
    static func parameter(_ name: String, in text: String) -> String? {
        pairs(text).first { $0.name == name }?.value
    }

    /// The query of `url` (after `?`), raw.
    static func rawQuery(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return "" }
        return String(url[url.index(after: mark)...])
    }

    /// `url` without its query.
    static func base(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return url }
        return String(url[..<mark])
    }

    /// The preview's parameters are the sent ones, in order, except that exactly the names in
    /// `masked` show the mask instead of the (non-empty) sent value.
    static func expectSameParameters(
        preview: String, sent: String, masked: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let shown = pairs(preview)
        let wire = pairs(sent)
        #expect(shown.map(\.name) == wire.map(\.name), sourceLocation: sourceLocation)
        for (previewPair, sentPair) in zip(shown, wire) where previewPair.name == sentPair.name {
            if masked.contains(sentPair.name) {
                #expect(previewPair.value == mask, "\(sentPair.name) not masked", sourceLocation: sourceLocation)
                #expect(!sentPair.value.isEmpty && sentPair.value != mask, sourceLocation: sourceLocation)
            } else {
                #expect(previewPair.value == sentPair.value, "\(sentPair.name) differs", sourceLocation: sourceLocation)
            }
        }
        for name in masked {
            #expect(wire.contains { $0.name == name }, "\(name) was not sent", sourceLocation: sourceLocation)
        }
    }

    /// The preview's headers were all sent, in this order (the transport adds its own, e.g.
    /// `Content-Length`), with the same values — except `Authorization` (see
    /// `expectAuthorization`) and the names in `masked`, whose value is the mask.
    static func expectSameHeaders(
        _ preview: [ProviderRequestPreview.Header], sent: SimulatedRequestRecord, masked: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var remaining = sent.headers[...]
        for header in preview {
            guard let index = remaining.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) else {
                Issue.record("header \(header.name) was not sent (or not in this order)", sourceLocation: sourceLocation)
                continue
            }
            let wire = remaining[index]
            remaining = remaining[remaining.index(after: index)...]
            if header.name.lowercased() == "authorization" { continue }
            if masked.contains(header.name.lowercased()) {
                #expect(header.value == mask, "\(header.name) not masked", sourceLocation: sourceLocation)
            } else {
                #expect(header.value == wire.value, "\(header.name) differs", sourceLocation: sourceLocation)
            }
        }
    }

    /// The preview's `Authorization` is the sent one with the signature and the access key id
    /// masked (the algorithm, scope and SignedHeaders readable); returns the sent signature.
    @discardableResult
    static func expectAuthorization(
        _ preview: ProviderRequestPreview, sent: SimulatedRequestRecord, accessKeyId: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let shown = try #require(preview.header("Authorization"), sourceLocation: sourceLocation)
        let wire = try #require(sent.header("Authorization"), sourceLocation: sourceLocation)
        let signature = try #require(wire.range(of: "Signature=").map { String(wire[$0.upperBound...]) }, sourceLocation: sourceLocation)
        #expect(signature.count >= 40, sourceLocation: sourceLocation)
        let expected = wire.replacingOccurrences(of: "Signature=" + signature, with: "Signature=" + mask)
            .replacingOccurrences(of: accessKeyId, with: mask)
        #expect(shown == expected, sourceLocation: sourceLocation)
        #expect(shown.contains("SignedHeaders="), sourceLocation: sourceLocation)
        return signature
    }

    /// The body as a JSON object.
    static func json(_ text: String?) -> [String: Any]? {
        guard let text else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}

/// A nonce that repeats `value` for the first `times` calls (the preview and the real call,
/// so both sign alike), then is unique (follow-up reads after the real call).
final class RepeatingNonce: Sendable {
    private let calls = Mutex(0)
    let value: String
    let times: Int

    init(_ value: String, times: Int = 2) {
        self.value = value
        self.times = times
    }

    func next() -> String {
        let count = calls.withLock { calls in
            calls += 1
            return calls
        }
        return count <= times ? value : "\(value)-\(count)"
    }
}
