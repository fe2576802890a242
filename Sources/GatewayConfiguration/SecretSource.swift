import Foundation

/// Where a secret is read from: the configuration names it, never contains it.
public enum SecretSource: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable (`idEnv`, `secretEnv`, `tokenEnv`).
    case environment(String)
    /// A file whose contents, without trailing line breaks, are the value (`idFile`, …).
    /// Relative paths are relative to the working directory.
    case file(String)

    /// `environment variable NAME` or `file PATH`; never the value.
    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        }
    }

    /// `Env` or `File`: the suffix of the configuration key this source was written with.
    var keySuffix: String {
        switch self {
        case .environment: "Env"
        case .file: "File"
        }
    }

    /// Reads the value. A missing variable, an unreadable file or an empty value fails with
    /// an issue at `path` naming the variable or file; the value never appears in an error.
    public func resolve(environment: [String: String], path: String = "") throws(ConfigurationError) -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name] else {
                throw ConfigurationError(path: path, message: "environment variable \(name) is not set")
            }
            guard !value.isEmpty else {
                throw ConfigurationError(path: path, message: "environment variable \(name) is empty")
            }
            return value
        case .file(let filePath):
            let value = try Self.readFile(filePath, path: path)
            guard !value.isEmpty else {
                throw ConfigurationError(path: path, message: "file \(filePath) is empty")
            }
            return value
        }
    }

    private static func readFile(_ filePath: String, path: String) throws(ConfigurationError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory) else {
            throw ConfigurationError(path: path, message: "cannot read file \(filePath): it does not exist")
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError(path: path, message: "cannot read file \(filePath): it is a directory")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: filePath))
        } catch {
            let reason = FileManager.default.isReadableFile(atPath: filePath) ? "read failed" : "permission denied"
            throw ConfigurationError(path: path, message: "cannot read file \(filePath): \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, message: "file \(filePath) is not UTF-8 text")
        }
        var trimmed = Substring(text)
        while let last = trimmed.last, last == "\n" || last == "\r" || last == "\r\n" {
            trimmed = trimmed.dropLast()
        }
        return String(trimmed)
    }
}

/// The credentials of one account once read from their sources. Printing it (description,
/// `dump`, string interpolation) never shows the secret or the token.
public struct ResolvedCredentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var accessKeyId: String
    public var secret: String
    public var token: String?

    public init(accessKeyId: String, secret: String, token: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secret = secret
        self.token = token
    }

    /// The access key id shortened to its first 4 characters, then the redaction mask.
    public var description: String {
        let id = accessKeyId.count > 8 ? "\(accessKeyId.prefix(4))…" : "<redacted>"
        return "ResolvedCredentials(accessKeyId: \(id), secret: <redacted>, token: \(token == nil ? "none" : "<redacted>"))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
