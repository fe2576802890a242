import GatewayCore

/// The shape of ids callers may put in paths: the provider's own instance ids.
enum InstanceIdentifier {
    static func validate(_ id: String) throws(GatewayError) {
        guard !id.isEmpty, id.utf8.count <= 128, let first = id.utf8.first, isAlphanumeric(first),
              id.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") })
        else {
            throw GatewayError.invalidArgument(
                "INSTANCE_ID_INVALID",
                "The instance id must be 1–128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit."
            )
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
