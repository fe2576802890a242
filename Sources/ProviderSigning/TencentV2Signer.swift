import Crypto
import Foundation

/// The query signature of Tencent Cloud API 2.0 (legacy CRS, `/v2/index.php`), also API 3.0's
/// "signature v1": every parameter but `Signature`, `_` → `.` in names, sorted byte-wise, raw
/// `name=value` joined by `&`; string to sign `METHOD + host + path + "?" + that`; Base64 of
/// HMAC-SHA1 (default) or HMAC-SHA256 (`SignatureMethod=HmacSHA256`). Pure: the caller passes
/// the timestamp and nonce.
public enum TencentV2Signer {
    public enum Method: String, Sendable {
        case hmacSHA1 = "HmacSHA1"
        case hmacSHA256 = "HmacSHA256"
    }

    /// Every intermediate value, so tests can compare each step with the vectors.
    public struct Signature: Sendable {
        /// The signed parameters, names canonicalized and sorted.
        public var parameters: [(name: String, value: String)]
        public var stringToSign: String
        /// Base64, not yet URL-encoded.
        public var signature: String
        /// Every parameter plus `Signature`, form-encoded once (`application/x-www-form-urlencoded`):
        /// the GET query or the POST body.
        public var formEncoded: String
    }

    /// Signs `parameters` (business ones plus `Action`, `Region` and any `RequestClient`) for
    /// `method` on `host` + `path`, adding `Nonce`, `Timestamp`, `SecretId`, `SignatureMethod`
    /// (unless `sendSignatureMethod` is false) and `Token` for temporary credentials.
    public static func sign(
        method: String, host: String, path: String, parameters: [(String, String)],
        credentials: SigningCredentials, timestamp: Int, nonce: Int,
        signatureMethod: Method = .hmacSHA1, sendSignatureMethod: Bool = true
    ) -> Signature {
        var all = parameters
        all += [("Nonce", String(nonce)), ("Timestamp", String(timestamp)), ("SecretId", credentials.accessKeyId)]
        if sendSignatureMethod { all.append(("SignatureMethod", signatureMethod.rawValue)) }
        if let token = credentials.sessionToken { all.append(("Token", token)) }
        all.removeAll { $0.0 == "Signature" }
        let canonical = canonicalParameters(all)
        let toSign = stringToSign(method: method, host: host, path: path, parameters: canonical)
        let signature = sign(stringToSign: toSign, secret: credentials.secret, method: signatureMethod)
        let wire = (all + [("Signature", signature)]).map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        return Signature(parameters: canonical, stringToSign: toSign, signature: signature, formEncoded: wire)
    }

    /// `_` → `.` in names, sorted by name (byte-wise: upper case first).
    public static func canonicalParameters(_ parameters: [(String, String)]) -> [(name: String, value: String)] {
        parameters
            .map { (name: $0.0.replacingOccurrences(of: "_", with: "."), value: $0.1) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// `METHOD + host + path + "?" + name=value&…` with raw values.
    public static func stringToSign(method: String, host: String, path: String, parameters: [(name: String, value: String)]) -> String {
        method.uppercased() + host + path + "?" + parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    public static func sign(stringToSign: String, secret: String, method: Method) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let message = Array(stringToSign.utf8)
        switch method {
        case .hmacSHA1: return Data(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)).base64EncodedString()
        case .hmacSHA256: return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
        }
    }

    /// `application/x-www-form-urlencoded`: letters, digits and `-_.~` stay, space → `+`,
    /// everything else `%XX` (upper-case hex) — so `+`, `/` and `=` of a Base64 signature are encoded.
    public static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
