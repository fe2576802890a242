import Foundation
import Testing
@testable import ProviderSigning

/// The percent-encoding of `shared/providers/alibaba.md` §5 and the UTC timestamp helper.
@Suite("Alibaba percent-encoding and timestamps")
struct AlibabaPercentEncodingTests {
    @Test("single characters", arguments: [
        (" ", "%20"), ("*", "%2A"), ("~", "~"), ("+", "%2B"), ("/", "%2F"), ("ü", "%C3%BC"),
        (":", "%3A"), (",", "%2C"), ("=", "%3D"), ("&", "%26"), ("%", "%25"), ("-", "-"),
        ("_", "_"), (".", "."), ("", ""),
    ])
    func characters(input: String, expected: String) {
        #expect(AlibabaPercentEncoding.encode(input) == expected)
    }

    @Test("unreserved ASCII stays, everything else is upper-case %XX")
    func fullASCII() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
        #expect(AlibabaPercentEncoding.encode(unreserved) == unreserved)
        for byte in UInt8(0)..<UInt8(128) where !unreserved.utf8.contains(byte) {
            let encoded = AlibabaPercentEncoding.encode(String(decoding: [byte], as: UTF8.self))
            #expect(encoded == "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2))
        }
        #expect(AlibabaPercentEncoding.encode("a b+c~ü*,/x") == "a%20b%2Bc~%C3%BC%2A%2C%2Fx")
        #expect(AlibabaPercentEncoding.encode("日本") == "%E6%97%A5%E6%9C%AC")
        #expect(AlibabaPercentEncoding.encode("😀") == "%F0%9F%98%80")
    }

    @Test("canonical query: byte-order sort, empty values kept")
    func canonicalQuery() {
        let query = AlibabaPercentEncoding.canonicalQuery([
            ("Key.2", "b"), ("key", "lower"), ("Key.10", "a"), ("Key.1", "c"), ("Empty", ""), ("Sp ace", "a b"),
        ])
        #expect(query == "Empty=&Key.1=c&Key.10=a&Key.2=b&Sp%20ace=a%20b&key=lower")
        #expect(AlibabaPercentEncoding.canonicalQuery([]) == "")
        #expect(AlibabaPercentEncoding.canonicalQuery([("SignatureType", "")]) == "SignatureType=")
        // repeated names: ordered by value, independent of input order
        #expect(AlibabaPercentEncoding.canonicalQuery([("A", "2"), ("A", "1")]) == "A=1&A=2")
        #expect(AlibabaPercentEncoding.canonicalQuery([("A", "1"), ("A", "2")]) == "A=1&A=2")
    }

    @Test("wire query keeps order and decodes back")
    func wireQuery() {
        let params = [("Z", "+/="), ("A", "a b"), ("E", "")]
        let wire = AlibabaPercentEncoding.query(params)
        #expect(wire == "Z=%2B%2F%3D&A=a%20b&E=")
        #expect(AlibabaVectors.formDecode(wire) == ["Z=+/=", "A=a b", "E="])
    }

    @Test("UTC timestamps, seconds and minutes")
    func timestamps() {
        #expect(UTCTimestamp.seconds(AlibabaVectors.timestamp) == "2025-01-15T08:30:00Z")
        #expect(UTCTimestamp.minutes(AlibabaVectors.utc(2025, 1, 15, 23, 59, 0)) == "2025-01-15T23:59Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 1_767_311_999.9)) == "2026-01-01T23:59:59Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 1_767_312_000)) == "2026-01-02T00:00:00Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 951_868_799)) == "2000-02-29T23:59:59Z")
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(UTCTimestamp.seconds(AlibabaVectors.utc(2023, 10, 26, 10, 22, 32)) == "2023-10-26T10:22:32Z")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
