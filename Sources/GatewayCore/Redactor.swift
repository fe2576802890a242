import Foundation

/// The one place where text from outside (provider messages, URLs, headers) is cleaned of
/// credentials before it reaches a caller, a log line or the store.
///
/// Two layers: values the gateway knows are secret (configured keys, tokens, the instance
/// password of the call at hand) are replaced wherever they appear, and patterns catch what
/// providers echo back (access key ids, signatures, strings to sign, tokens).
public struct Redactor: Sendable {
    public static let mask = "<redacted>"

    private let knownSecrets: [String]

    /// - Parameter knownSecrets: exact values to remove (shorter than 4 characters are ignored:
    ///   masking them would shred ordinary text).
    public init(knownSecrets: [String] = []) {
        self.knownSecrets = knownSecrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// A redactor that also removes `extra` (e.g. the instance password of this call).
    public func adding(_ extra: [String]) -> Redactor {
        Redactor(knownSecrets: knownSecrets + extra)
    }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in knownSecrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Self.mask)
        }
        for rule in Self.rules {
            let range = NSRange(text.startIndex..., in: text)
            text = rule.regex.stringByReplacingMatches(in: text, range: range, withTemplate: rule.template)
        }
        return text
    }

    public func redact(_ text: String?) -> String? {
        text.map { redact($0) }
    }

    private struct Rule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
        init(_ pattern: String, _ template: String) {
            // The patterns are constants; a typo is a programming error caught by the tests.
            regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            self.template = template
        }
    }

    private static let rules: [Rule] = [
        // Whole header lines and signature-bearing parameters.
        Rule(#"(authorization\s*[:=]\s*)[^\r\n]+"#, "$1\(mask)"),
        Rule(#"((?:x-tc-token|x-acs-security-token|x-security-token|securitytoken|security_token|sessiontoken|token)\s*[:=]\s*)[^\s,&;"'}]+"#, "$1\(mask)"),
        Rule(#"((?:signature|sign)\s*[:=]\s*)[^\s,&;"'}]+"#, "$1\(mask)"),
        Rule(#"(credential\s*=\s*)[^\s,;"'}]+"#, "$1\(mask)"),
        Rule(#"((?:password|passwd|pwd|secret(?:key|_key|accesskey)?|accesskeysecret)\s*[:=]\s*)[^\s,&;"'}]+"#, "$1\(mask)"),
        // "server string to sign is: …" (Alibaba) and canonical requests echoed back.
        Rule(#"((?:string[ -]?to[ -]?sign|canonical[ -]?request)(?:\s+is)?\s*[:=]?\s*)[^\r\n"]+"#, "$1\(mask)"),
        // Access key ids: Tencent AKID…, Alibaba LTAI…/STS., AWS-style AKIA….
        Rule(#"\b(AKID|LTAI|AKIA|ASIA)[A-Za-z0-9]{8,}"#, "$1\(mask)"),
        Rule(#"\bSTS\.[A-Za-z0-9]{8,}"#, "STS.\(mask)"),
        // Long hex runs (HMAC-SHA256 signatures) and base64 HMAC-SHA1/256 values.
        Rule(#"\b[0-9a-f]{64}\b"#, mask),
    ]
}
