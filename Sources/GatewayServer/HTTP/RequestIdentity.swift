import Foundation

/// The request id of the request being handled (honoured from `X-Request-Id` or generated),
/// available to handlers and logs without threading it through every call.
enum RequestIdentity {
    @TaskLocal static var current: String = "-"

    /// A caller's `X-Request-Id` is honoured when it matches `^[A-Za-z0-9._:-]{1,128}$`.
    static func accept(_ candidate: String?) -> String? {
        guard let candidate, (1...128).contains(candidate.utf8.count),
              candidate.utf8.allSatisfy({ byte in
                  (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
              })
        else { return nil }
        return candidate
    }

    /// A new id: `req_` + 20 random hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt16
        return "req_" + String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 4)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
