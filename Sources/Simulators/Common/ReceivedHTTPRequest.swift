import Hummingbird

/// The raw pieces of a received request, as a provider's signature check sees them.
struct ReceivedHTTPRequest: Sendable {
    var method: String
    var path: String
    /// Exactly what followed `?` on the request line (empty when nothing did).
    var query: String
    /// Headers as received; `Host` (which HTTP/1 parsing lifts into the authority) comes first.
    var headers: [SimulatedHeader]
    var body: [UInt8]

    init(method: String, path: String, query: String, headers: [SimulatedHeader], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Collects the body (up to `maxBody` bytes) and keeps the raw request line pieces.
    init(_ request: Request, maxBody: Int) async throws {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBody)
        let target = request.head.path ?? "/"
        let pathPart: Substring
        let queryPart: Substring
        if let mark = target.firstIndex(of: "?") {
            pathPart = target[..<mark]
            queryPart = target[target.index(after: mark)...]
        } else {
            pathPart = target[...]
            queryPart = ""
        }
        var headers: [SimulatedHeader] = []
        if let authority = request.head.authority {
            headers.append(SimulatedHeader(name: "Host", value: authority))
        }
        for field in request.headers {
            headers.append(SimulatedHeader(name: field.name.rawName, value: field.value))
        }
        self.init(
            method: request.method.rawValue,
            path: String(pathPart),
            query: String(queryPart),
            headers: headers,
            body: Array(buffer.readableBytesView)
        )
    }

    /// The value of header `name` (case-insensitive); repeated headers joined with `,`.
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        let values = headers.filter { $0.name.lowercased() == lowered }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}
