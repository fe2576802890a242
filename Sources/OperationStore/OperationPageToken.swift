import GatewayCore

/// Keyset cursor of operation listings: the (createdAt, id) of the last record returned.
struct OperationPageToken: Hashable {
    var createdAtMicros: Int64
    var id: String

    var encoded: String { PageTokenCoding.encode(tag: "o1", micros: createdAtMicros, id: id) }

    init(createdAtMicros: Int64, id: String) {
        self.createdAtMicros = createdAtMicros
        self.id = id
    }

    init(decoding token: String) throws(GatewayError) {
        (createdAtMicros, id) = try PageTokenCoding.decode(tag: "o1", token)
    }
}
