/// The parameters of an RPC request: the form-decoded query string, plus the fields of an
/// `application/x-www-form-urlencoded` body (body fields win on a name clash).
struct AlibabaParameters: Sendable {
    /// The decoded query parameters alone (ACS3 signs these; the body is covered by its hash).
    var query: [String: String]
    /// Query and form body merged (v1 signs all of them).
    var all: [String: String]

    init(query: [String: String], form: [String: String] = [:]) {
        self.query = query
        self.all = query.merging(form) { _, body in body }
    }

    init(_ request: ReceivedHTTPRequest) {
        var query: [String: String] = [:]
        for (name, value) in AlibabaPercentEncoding.parseForm(request.query) { query[name] = value }
        var form: [String: String] = [:]
        let contentType = (request.header("Content-Type") ?? "").lowercased()
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            for (name, value) in AlibabaPercentEncoding.parseForm(String(decoding: request.body, as: UTF8.self)) {
                form[name] = value
            }
        }
        self.init(query: query, form: form)
    }

    subscript(name: String) -> String? { all[name] }

    /// The value, or nil when absent or empty (Alibaba treats an empty optional as absent).
    func value(_ name: String) -> String? {
        guard let value = all[name], !value.isEmpty else { return nil }
        return value
    }

    /// A required value, else `Missing<Name>`.
    func required(_ name: String) throws(AlibabaAPIError) -> String {
        guard let value = value(name) else { throw .missing(name) }
        return value
    }

    /// An optional integer, else `InvalidParameter`.
    func integer(_ name: String) throws(AlibabaAPIError) -> Int64? {
        guard let text = value(name) else { return nil }
        guard let number = Int64(text) else {
            throw .invalidParameter("The parameter `\(name)` must be an integer, got `\(text)`.")
        }
        return number
    }

    /// What the request log shows: every parameter but the signature.
    var recordJSON: SimulatorJSON {
        .object(all.filter { $0.key != "Signature" }.mapValues { .string($0) })
    }
}
