import Yams

/// One secret given by reference: `<prefix>Env` (an environment variable name) or
/// `<prefix>File` (a path), never both, never the value.
extension ConfigurationDecoder {
    enum SecretReference {
        /// Neither key was given.
        case absent
        /// Both keys, a bad variable name or an empty path (already reported).
        case invalid
        case present(SecretSource)
    }

    mutating func secretReference(_ fields: YAMLFields, prefix: String, at path: String, what: String) -> SecretReference {
        let envKey = "\(prefix)Env", fileKey = "\(prefix)File"
        switch (fields[envKey], fields[fileKey]) {
        case (.some, .some):
            walker.report(path, "both \(envKey) and \(fileKey) are set; give one source for \(what)")
            return .invalid
        case (.some(let node), nil):
            guard let name = walker.string(node, at: fields.path(envKey)) else { return .invalid }
            if let problem = ConfigurationRules.environmentVariable(name) {
                walker.report(fields.path(envKey), problem)
                return .invalid
            }
            return .present(.environment(name))
        case (nil, .some(let node)):
            guard let file = walker.string(node, at: fields.path(fileKey)) else { return .invalid }
            if file.isEmpty {
                walker.report(fields.path(fileKey), "the file path cannot be empty")
                return .invalid
            }
            return .present(.file(file))
        case (nil, nil):
            return .absent
        }
    }
}
