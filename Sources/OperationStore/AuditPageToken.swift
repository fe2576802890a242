import GatewayCore

/// Keyset cursor of audit listings: the (at, id) of the last event returned.
struct AuditPageToken: Hashable {
    var atMicros: Int64
    var id: String

    var encoded: String { PageTokenCoding.encode(tag: "a1", micros: atMicros, id: id) }

    init(atMicros: Int64, id: String) {
        self.atMicros = atMicros
        self.id = id
    }

    init(decoding token: String) throws(GatewayError) {
        (atMicros, id) = try PageTokenCoding.decode(tag: "a1", token)
    }
}
