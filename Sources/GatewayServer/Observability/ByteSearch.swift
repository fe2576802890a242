/// Substring tests on UTF-8 bytes, for the hot paths that scan every log value (Foundation's
/// `range(of:)` goes through UTF-16 and costs far more).
enum ByteSearch {
    /// Whether `needle`'s bytes occur in `haystack`'s (an empty needle always does).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in contains(hay, pin) }
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in contains(hay, pin) }
        }
    }

    private static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ pin: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pin.first else { return true }
        guard hay.count >= pin.count else { return false }
        var start = 0
        let last = hay.count - pin.count
        while start <= last {
            if hay[start] == first {
                var matched = 1
                while matched < pin.count, hay[start + matched] == pin[matched] { matched += 1 }
                if matched == pin.count { return true }
            }
            start += 1
        }
        return false
    }
}
