/// The percent-encoding shared by both Alibaba Cloud signature schemes (v1 HMAC-SHA1 and
/// ACS3-HMAC-SHA256), `shared/providers/alibaba.md` §5.
///
/// UTF-8 encode, keep only the RFC 3986 unreserved set `A–Z a–z 0–9 - _ . ~`, write every other
/// byte as `%XX` with upper-case hex: space → `%20` (never `+`), `*` → `%2A`, `+` → `%2B`,
/// `/` → `%2F`, `~` stays, `ü` → `%C3%BC`. Built by hand on purpose: Foundation's
/// `.urlQueryAllowed` / `URLQueryItem` leave `+ / : , =` and others alone.
public enum AlibabaPercentEncoding {
    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether `byte` is in the unreserved set that is copied verbatim.
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

    /// `pct(s)`: the UTF-8 bytes of `s`, unreserved ones verbatim, all others as `%XX`.
    public static func encode(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for byte in s.utf8 {
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

    /// `params` sorted by name in plain byte (UTF-8) order — case-sensitive, upper case first,
    /// `Key.10` before `Key.2`. Equal names (repeated parameters) are ordered by value, so the
    /// result never depends on the input order.
    public static func sorted(_ params: [(String, String)]) -> [(name: String, value: String)] {
        params
            .map { (name: $0.0, value: $0.1) }
            .sorted { lhs, rhs in
                if lhs.name != rhs.name {
                    return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
                }
                return lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
            }
    }

    /// `pct(name)=pct(value)` for each parameter in the given order, joined by `&`. Empty values
    /// stay as `name=`. This is what goes on the wire; it decodes back to exactly `params`.
    public static func query(_ params: [(String, String)]) -> String {
        params.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// The canonicalized query string of both schemes: `params` (decoded) sorted by name in byte
    /// order (see `sorted(_:)`), each `pct(name)=pct(value)`, joined by `&`. No parameters → `""`.
    public static func canonicalQuery(_ params: [(String, String)]) -> String {
        query(sorted(params).map { ($0.name, $0.value) })
    }
}
