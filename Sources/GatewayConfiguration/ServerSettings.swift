/// `server:` section.
public struct ServerSettings: Sendable, Hashable {
    /// Address to bind, default `127.0.0.1` (loopback: nothing outside the machine can call).
    public var host: String
    /// 1...65535, or 0 for an ephemeral port. Default 8080.
    public var port: Int
    /// `*` or origins like `https://dash.example.com[:port]` (scheme, host, optional port; no path).
    public var corsOrigins: [String]
    /// After SIGTERM, how long `/readyz` answers 503 while requests are still served, so a load
    /// balancer stops sending new ones before the listener closes. 0s...60s, default 0s.
    public var drainDelay: Duration
    /// After the listener closed, how long in-flight requests get to finish before the process
    /// exits anyway. 1s...10m, default 25s.
    public var gracePeriod: Duration

    public static let drainDelayRange: ClosedRange<Duration> = .zero ... .seconds(60)
    public static let gracePeriodRange: ClosedRange<Duration> = .seconds(1) ... .seconds(600)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, corsOrigins: [String] = [],
        drainDelay: Duration = .zero, gracePeriod: Duration = .seconds(25)
    ) {
        self.host = host
        self.port = port
        self.corsOrigins = corsOrigins
        self.drainDelay = drainDelay
        self.gracePeriod = gracePeriod
    }
}
