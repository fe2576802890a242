/// Where the operation store keeps its data.
public enum StoreLocation: Sendable, Hashable {
    /// An SQLite database file (relative paths are relative to the working directory).
    case sqlite(path: String)
    /// An in-memory SQLite database, lost at exit (`sqlite::memory:`).
    case memory
}

/// `store:` section.
public struct StoreSettings: Sendable, Hashable {
    /// `sqlite://PATH` or `sqlite::memory:`. Default `sqlite://./data/gateway.sqlite`.
    public var url: String

    public static let defaultURL = "sqlite://./data/gateway.sqlite"
    static let memoryURL = "sqlite::memory:"
    static let sqlitePrefix = "sqlite://"

    public init(url: String = StoreSettings.defaultURL) {
        self.url = url
    }

    /// The location `url` names. The loader only accepts the two forms above; any other text
    /// (possible only when built in code) is taken as a file path.
    public var location: StoreLocation {
        if url == Self.memoryURL { return .memory }
        if url.hasPrefix(Self.sqlitePrefix) { return .sqlite(path: String(url.dropFirst(Self.sqlitePrefix.count))) }
        return .sqlite(path: url)
    }
}
