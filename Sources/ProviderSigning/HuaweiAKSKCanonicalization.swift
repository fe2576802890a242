import Foundation

/// The canonicalization pieces of SDK-HMAC-SHA256, `shared/providers/huawei.md` §3 steps 1, 5
/// and 6, as pure functions on strings and bytes.
///
/// They live on `HuaweiAKSKSigner` rather than on a top-level `HuaweiPercentEncoding` type on
/// purpose: the Huawei simulator has an internal type of that name, and a test target that
/// imports both modules would find the name ambiguous. The rule is the same RFC 3986 one as
/// `AlibabaPercentEncoding`, kept separate so neither provider's change can move the other.
extension HuaweiAKSKSigner {
    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether `byte` is RFC 3986 unreserved (`A–Z a–z 0–9 - _ . ~`) and so copied verbatim.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// RFC 3986 encoding of raw bytes: unreserved bytes verbatim, every other byte `%XX` with
    /// upper-case hex (space → `%20`, never `+`; `/` → `%2F`; `~` stays).
    public static func percentEncode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount)
        for byte in bytes {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3986 encoding of the UTF-8 bytes of `text` (`备` → `%E5%A4%87`).
    public static func percentEncode(_ text: String) -> String {
        percentEncode(text.utf8)
    }

    /// Percent-decoding to bytes, like Python's `unquote` on the SDK side: `%XX` (either hex
    /// case) becomes that byte, a `%` not followed by two hex digits stays literal, `+` stays
    /// a plus. Works on bytes, so an escaped `%2F` decodes to a `/` byte like any other.
    public static func percentDecode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// CanonicalURI (§3 step 5): percent-decode `path`, split it on `/`, RFC 3986-encode each
    /// segment, join with `/`, then append `/` unless the result already ends with one.
    ///
    /// `/v2/P/instances/I/backups` → `/v2/P/instances/I/backups/`. The trailing slash belongs to
    /// the canonical form only; the wire path is sent unchanged. An HTTP request target always
    /// starts with `/`, so an empty path is signed as `/` and a path without a leading `/` is
    /// signed as if it had one. Escapes that decode to invalid UTF-8 are re-encoded byte for
    /// byte (the Python SDK would substitute U+FFFD; no valid request contains them).
    public static func canonicalURI(path: String) -> String {
        var decoded = percentDecode(path)
        if decoded.first != UInt8(ascii: "/") {
            decoded.insert(UInt8(ascii: "/"), at: 0)
        }
        var uri = decoded
            .split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { percentEncode($0) }
            .joined(separator: "/")
        if !uri.hasSuffix("/") {
            uri += "/"
        }
        return uri
    }

    /// `query` (decoded) sorted by raw key, then raw value, in UTF-8 byte order — so repeated
    /// keys are ordered by value and the result never depends on the input order.
    public static func sortedQuery(_ query: [(String, String)]) -> [(key: String, value: String)] {
        query
            .map { (key: $0.0, value: $0.1) }
            .sorted { lhs, rhs in
                if lhs.key != rhs.key {
                    return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
                }
                return lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
            }
    }

    /// CanonicalQueryString (§3 step 6): `sortedQuery(query)`, each `pct(key)=pct(value)`,
    /// joined by `&`. An empty value stays `key=`; no parameters → `""`. The SDK sends the query
    /// in exactly this form, so this is also the wire query.
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        sortedQuery(query)
            .map { "\(percentEncode($0.key))=\(percentEncode($0.value))" }
            .joined(separator: "&")
    }

    /// `X-Sdk-Date` (§3 step 1): `date` in UTC as `yyyyMMdd'T'HHmmss'Z'`, e.g.
    /// `20240101T000000Z`. Fractional seconds are truncated towards the past. Built from
    /// `CivilDate` arithmetic — no `DateFormatter`, no time zone, no locale.
    public static func sdkDate(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondOfDay = total - days * 86_400
        let (year, month, day) = CivilDate.fromDays(days)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(secondOfDay / 3_600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    /// Decimal `value` left-padded with zeros to `width` digits.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
