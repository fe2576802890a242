import Crypto
import Foundation
import GatewayCore

/// Signs webhook bodies: `X-Gateway-Signature: t=<unix seconds>,v1=<hex>` where `<hex>` is the
/// lower-case hexadecimal HMAC-SHA256, keyed with the configured secret, of the bytes
/// `"<t>." + body`. Binding the timestamp lets a receiver refuse replays of old deliveries.
///
/// A receiver checks a delivery with ``verify(header:body:secret:now:tolerance:)``: recompute
/// the HMAC over the exact body bytes received, compare in constant time, and refuse a
/// timestamp outside its tolerance.
public struct WebhookSigner: Sendable {
    public static let headerName = "X-Gateway-Signature"

    private let key: SymmetricKey
    private let clock: @Sendable () -> Date

    public init(secret: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.key = SymmetricKey(data: Array(secret.utf8))
        self.clock = clock
    }

    /// The header value for `body`, stamped with the signer's clock.
    public func signature(for body: some DataProtocol) -> String {
        Self.signature(body: body, key: key, timestamp: Int64(clock().timeIntervalSince1970.rounded(.down)))
    }

    /// The header value for `body` at `timestamp` (Unix seconds).
    public static func signature(body: some DataProtocol, secret: String, timestamp: Int64) -> String {
        signature(body: body, key: SymmetricKey(data: Array(secret.utf8)), timestamp: timestamp)
    }

    private static func signature(body: some DataProtocol, key: SymmetricKey, timestamp: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: signedBytes(body: body, timestamp: timestamp), using: key)
        return "t=\(timestamp),v1=\(hex(mac))"
    }

    /// Whether `header` is a valid signature of `body` under `secret`, made no further than
    /// `tolerance` from `now` (either way). Several `v1=` values are accepted (any may match,
    /// for secret rotation); unknown `key=value` parts are ignored.
    public static func verify(
        header: String, body: some DataProtocol, secret: String, now: Date = Date(), tolerance: Duration = .seconds(300)
    ) -> Bool {
        var timestamp: Int64?
        var candidates: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch name {
            case "t":
                guard timestamp == nil, let seconds = Int64(value) else { return false }
                timestamp = seconds
            case "v1":
                if let bytes = unhex(value), bytes.count == SHA256.byteCount { candidates.append(bytes) }
            default:
                continue
            }
        }
        guard let timestamp, !candidates.isEmpty else { return false }
        let age = abs(now.timeIntervalSince1970 - Double(timestamp))
        guard age <= tolerance.timeInterval else { return false }
        let key = SymmetricKey(data: Array(secret.utf8))
        let signed = signedBytes(body: body, timestamp: timestamp)
        return candidates.contains { HMAC<SHA256>.isValidAuthenticationCode($0, authenticating: signed, using: key) }
    }

    private static func signedBytes(body: some DataProtocol, timestamp: Int64) -> [UInt8] {
        var bytes = Array("\(timestamp).".utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower- or upper-case hexadecimal → bytes; nil when not an even run of hex digits.
    private static func unhex(_ text: String) -> [UInt8]? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count / 2)
        var index = 0
        while index < scalars.count {
            guard let high = nibble(scalars[index]), let low = nibble(scalars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
