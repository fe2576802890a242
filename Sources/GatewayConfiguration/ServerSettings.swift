/// `server:` section: where the HTTP API listens and which browser origins may call it.
public struct ServerSettings: Sendable, Hashable {
    /// Address to bind, default `127.0.0.1` (loopback: nothing outside the machine can call).
    public var host: String
    /// 1...65535, or 0 for an ephemeral port. Default 8080.
    public var port: Int
    /// `*` or origins like `https://dash.example.com[:port]` (scheme, host, optional port; no path).
    public var corsOrigins: [String]

    public init(host: String = "127.0.0.1", port: Int = 8080, corsOrigins: [String] = []) {
        self.host = host
        self.port = port
        self.corsOrigins = corsOrigins
    }
}
