import Foundation
import GatewayCore
import ProviderSigning

/// The one place where a signed provider request becomes a `ProviderRequestPreview`
/// (`?validateOnly=true`): what would be sent, with every credential and password removed.
///
/// * `Authorization`: the algorithm, the Credential scope and `SignedHeaders` stay readable;
///   the `Signature=` value and the access key id (`Credential=<AK>/scope`, Huawei's
///   `Access=<AK>`) become `<redacted>`. A value that is not `ALGORITHM k=v, k=v` is masked whole.
/// * `X-TC-Token`, `x-acs-security-token`, `X-Security-Token`, `X-Auth-Token`: masked whole.
/// * URL query and form body (`application/x-www-form-urlencoded`), parsed pair by pair with
///   percent-decoding: the values of `Signature`, `SecurityToken`, `Token`, `SecretId`,
///   `AccessKeyId` and `Password` (names compared case-insensitively) are masked; every other
///   pair stays byte-for-byte as sent unless its decoded value contains a known secret.
/// * JSON body: parsed; `Password`/`password` fields (any depth) are masked and every string
///   value goes through the redactor. The body is re-serialized (sorted keys, like the
///   drivers' encoders) only when something was masked, otherwise kept as sent.
/// * Final pass: the redactor — the account's known secrets plus `secrets` (the instance
///   password, the account's own key pair and token), and its patterns — over the URL, every
///   header value (per component for `Authorization`, so the scope survives) and a non-JSON
///   body (for JSON it runs over every string value instead, so masking cannot break the syntax).
///
/// The redactor's patterns also mask values that merely look secret, e.g. a 64-hex
/// `x-acs-content-sha256` body hash — a hash of a body that carried a password would be a
/// password oracle, so this stays masked on purpose.
public enum RequestPreviewRedaction {
    /// Headers whose whole value is a credential (lower-cased names).
    static let tokenHeaders: Set<String> = ["x-tc-token", "x-acs-security-token", "x-security-token", "x-auth-token"]
    /// Query / form parameters whose value is a credential or a password (lower-cased names).
    static let secretParameters: Set<String> = ["signature", "securitytoken", "token", "secretid", "accesskeyid", "password"]
    /// JSON fields whose value is a password (lower-cased names).
    static let secretFields: Set<String> = ["password"]

    static let mask = Redactor.mask

    /// `request` as a caller may see it. `secrets` are removed wherever they appear, on top of
    /// what `redactor` already knows.
    public static func preview(
        _ request: ProviderHTTPRequest, action: String, redactor: Redactor, secrets: [String] = []
    ) -> ProviderRequestPreview {
        let redactor = secrets.isEmpty ? redactor : redactor.adding(secrets)
        let contentType = request.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased() ?? ""
        return ProviderRequestPreview(
            action: action,
            method: request.method,
            url: url(request.url, redactor: redactor),
            headers: request.headers.map { ProviderRequestPreview.Header(name: $0.name, value: header($0.name, $0.value, redactor: redactor)) },
            body: body(request.body, contentType: contentType, redactor: redactor)
        )
    }

    // MARK: URL

    static func url(_ url: String, redactor: Redactor) -> String {
        guard let mark = url.firstIndex(of: "?") else { return redactor.redact(url) }
        let base = String(url[..<mark])
        var query = String(url[url.index(after: mark)...])
        var fragment = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = String(query[hash...])
            query = String(query[..<hash])
        }
        return redactor.redact(base + "?" + parameters(query, redactor: redactor) + fragment)
    }

    // MARK: Headers

    static func header(_ name: String, _ value: String, redactor: Redactor) -> String {
        switch name.lowercased() {
        case "authorization": authorization(value, redactor: redactor)
        case let lower where tokenHeaders.contains(lower): mask
        default: redactor.redact(value)
        }
    }

    /// `ALGORITHM Credential=AK/scope, SignedHeaders=a;b, Signature=hex` → the signature and the
    /// access key id masked, the rest readable. Anything else is masked whole.
    static func authorization(_ value: String, redactor: Redactor) -> String {
        guard let space = value.firstIndex(of: " ") else { return mask }
        let algorithm = String(value[..<space])
        let parts = value[value.index(after: space)...].split(separator: ",", omittingEmptySubsequences: false)
        guard !algorithm.isEmpty, !parts.isEmpty else { return mask }
        var redacted: [String] = []
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { return mask }
            let key = part[..<equals]
            let name = key.trimmingCharacters(in: .whitespaces)
            let content = String(part[part.index(after: equals)...])
            let shown: String
            switch name.lowercased() {
            case "signature":
                shown = mask
            case "credential":
                // `AK/date/service/…` (TC3) or `AK` alone (ACS3): the scope stays, the key id does not.
                if let slash = content.firstIndex(of: "/") {
                    shown = mask + redactor.redact(String(content[slash...]))
                } else {
                    shown = mask
                }
            case "access":
                shown = mask
            default:
                shown = redactor.redact(content)
            }
            redacted.append("\(key)=\(shown)")
        }
        return redactor.redact(algorithm) + " " + redacted.joined(separator: ",")
    }

    // MARK: Bodies

    static func body(_ bytes: [UInt8], contentType: String, redactor: Redactor) -> String? {
        guard !bytes.isEmpty else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return redactor.redact(parameters(text, redactor: redactor))
        }
        if contentType.contains("json") || text.first == "{" || text.first == "[" {
            if let json = json(bytes, redactor: redactor) { return json }
        }
        return redactor.redact(text)
    }

    /// A JSON body with password fields masked and every string value redacted; nil when the
    /// bytes are not JSON.
    static func json(_ bytes: [UInt8], redactor: Redactor) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        var changed = false
        let scrubbed = scrub(object, redactor: redactor, changed: &changed)
        guard changed else { return String(decoding: bytes, as: UTF8.self) }
        guard let data = try? JSONSerialization.data(
            withJSONObject: scrubbed, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        ) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func scrub(_ value: Any, redactor: Redactor, changed: inout Bool) -> Any {
        switch value {
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, member) in object {
                if secretFields.contains(key.lowercased()), !(member is NSNull) {
                    result[key] = mask
                    changed = true
                } else {
                    result[key] = scrub(member, redactor: redactor, changed: &changed)
                }
            }
            return result
        case let array as [Any]:
            return array.map { scrub($0, redactor: redactor, changed: &changed) }
        case let string as String:
            let redacted = redactor.redact(string)
            if redacted != string { changed = true }
            return redacted
        default:
            return value
        }
    }

    // MARK: Query and form parameters

    /// `a=1&Signature=xyz&b=2` → `a=1&Signature=<redacted>&b=2`: secret names masked, values
    /// that contain a known secret (decoded) redacted, everything else exactly as sent.
    static func parameters(_ text: String, redactor: Redactor) -> String {
        guard !text.isEmpty else { return text }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            let name = decode(rawName)
            guard parts.count == 2 else {
                // A bare name: redact it like any other text.
                let redacted = redactor.redact(name)
                return redacted == name ? rawName : encode(redacted)
            }
            if secretParameters.contains(name.lowercased()) {
                return "\(rawName)=\(mask)"
            }
            let rawValue = String(parts[1])
            let value = decode(rawValue)
            let redacted = redactor.redact(value)
            if redacted != value { return "\(rawName)=\(encode(redacted))" }
            let redactedRaw = redactor.redact(rawValue)
            return redactedRaw == rawValue ? String(pair) : "\(rawName)=\(redactedRaw)"
        }.joined(separator: "&")
    }

    /// Form decoding: `+` is a space, `%XX` a byte; undecodable text stays as it is.
    static func decode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Percent-encodes everything but unreserved characters, keeping the mask readable.
    static func encode(_ text: String) -> String {
        text.components(separatedBy: mask).map { piece in
            var out = ""
            for byte in piece.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                     UInt8(ascii: "."), UInt8(ascii: "~"):
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    out += String(format: "%%%02X", byte)
                }
            }
            return out
        }.joined(separator: mask)
    }
}

extension ProviderHTTPRequest {
    /// This request as a caller may see it (see `RequestPreviewRedaction`).
    public func preview(action: String, redactor: Redactor, secrets: [String] = []) -> ProviderRequestPreview {
        RequestPreviewRedaction.preview(self, action: action, redactor: redactor, secrets: secrets)
    }
}

extension SigningCredentials {
    /// What a preview must never show of these credentials: the key pair and the token.
    var previewSecrets: [String] {
        [accessKeyId, secret] + (sessionToken.map { [$0] } ?? [])
    }
}
