import Yams

/// The known keys of one mapping, with the mapping's path.
struct YAMLFields {
    let path: String
    let values: [String: Node]

    subscript(key: String) -> Node? {
        guard let node = values[key], !YAMLWalker.isNull(node) else { return nil }
        return node
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func path(_ key: String) -> String { YAMLWalker.child(path, key) }
}

/// Walks a composed YAML tree (`Yams.compose`), reading typed values and collecting every
/// problem with its path instead of stopping at the first.
struct YAMLWalker {
    private(set) var issues: [ConfigurationIssue] = []

    mutating func report(_ path: String, _ message: String) {
        issues.append(ConfigurationIssue(path: path, message: message))
    }

    static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func element(_ path: String, _ index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// The resolved tag of a node (`tag:yaml.org,2002:int`, …).
    static func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return Self.tagName(node) == .null }
        return false
    }

    /// How a node looks, for "expected …, got …" messages. Never shows a value.
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch Self.tagName(node) {
            case .null: return "nothing"
            case .bool: return "true/false"
            case .int, .float: return "a number"
            default: return "a string"
            }
        }
    }

    /// The keys of a mapping node. Keys outside `keys` are reported: by `unknownKey` when it
    /// returns a message for them, else as "unknown key". A null node reads as an empty mapping.
    mutating func fields(
        _ node: Node, at path: String, keys: [String], unknownKey: (String) -> String? = { _ in nil }
    ) -> YAMLFields? {
        guard let entries = entries(node, at: path) else { return nil }
        var values: [String: Node] = [:]
        for (key, value) in entries {
            if keys.contains(key) {
                values[key] = value
            } else if let message = unknownKey(key) {
                report(Self.child(path, key), message)
            } else {
                report(Self.child(path, key), "unknown key '\(key)' (valid keys: \(keys.joined(separator: ", ")))")
            }
        }
        return YAMLFields(path: path, values: values)
    }

    /// The entries of a mapping node in file order. A null node reads as an empty mapping.
    mutating func entries(_ node: Node, at path: String) -> [(key: String, value: Node)]? {
        if Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            report(path, "expected a mapping, got \(Self.kind(of: node))")
            return nil
        }
        var entries: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(path, "keys must be plain strings, got \(Self.kind(of: keyNode))")
                continue
            }
            entries.append((scalar.string, value))
        }
        return entries
    }

    /// A scalar as text; numbers and booleans give their text as written (`region: 123`).
    mutating func string(_ node: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            report(path, "expected a string, got \(Self.kind(of: node))")
            return nil
        }
        return scalar.string
    }

    mutating func string(_ fields: YAMLFields, _ key: String, required: Bool = false) -> String? {
        guard let node = fields[key] else {
            if required { report(fields.path(key), "missing required key '\(key)'") }
            return nil
        }
        return string(node, at: fields.path(key))
    }

    mutating func bool(_ fields: YAMLFields, _ key: String) -> Bool? {
        guard let node = fields[key] else { return nil }
        guard Self.tagName(node) == .bool, let value = node.bool else {
            report(fields.path(key), "expected true or false, got \(Self.kind(of: node))")
            return nil
        }
        return value
    }

    mutating func integer(_ fields: YAMLFields, _ key: String) -> Int? {
        guard let node = fields[key] else { return nil }
        guard Self.tagName(node) == .int, let value = node.int else {
            report(fields.path(key), "expected a whole number, got \(Self.kind(of: node))")
            return nil
        }
        return value
    }

    /// A whole number checked against `range`.
    mutating func integer(_ fields: YAMLFields, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = integer(fields, key) else { return nil }
        guard range.contains(value) else {
            report(fields.path(key), "must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values; `what` names it in the message (`unknown level 'x'`).
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ fields: YAMLFields, _ key: String, _ what: String) -> Choice?
    where Choice.RawValue == String {
        guard let text = string(fields, key) else { return nil }
        guard let value = Choice(rawValue: text) else {
            let expected = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            report(fields.path(key), "unknown \(what) '\(text)' (expected one of: \(expected))")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, at path: String) -> Double? {
        switch Self.tagName(node) {
        case .int:
            if let value = node.int { return Double(value) }
        case .float:
            if let value = node.float { return value }
        default:
            break
        }
        report(path, "expected a number, got \(Self.kind(of: node))")
        return nil
    }

    /// A duration in `DurationText` notation, checked against `range`.
    mutating func duration(_ fields: YAMLFields, _ key: String, range: ClosedRange<Duration>) -> Duration? {
        guard let node = fields[key] else { return nil }
        let path = fields.path(key)
        guard case .scalar(let scalar) = node else {
            report(path, "expected a duration such as 500ms, 10s, 2m, 6h, 7d or 1h30m, got \(Self.kind(of: node))")
            return nil
        }
        guard let value = DurationText.parse(scalar.string) else {
            report(path, "expected a duration such as 500ms, 10s, 2m, 6h, 7d or 1h30m, got '\(scalar.string)'")
            return nil
        }
        guard range.contains(value) else {
            report(path, "must be between \(DurationText.format(range.lowerBound)) and \(DurationText.format(range.upperBound)) (got \(scalar.string))")
            return nil
        }
        return value
    }

    /// The elements of a list node, each with its path.
    mutating func list(_ node: Node, at path: String) -> [(node: Node, path: String)]? {
        guard case .sequence(let sequence) = node else {
            report(path, "expected a list, got \(Self.kind(of: node))")
            return nil
        }
        return sequence.enumerated().map { ($0.element, Self.element(path, $0.offset)) }
    }

    /// A list of strings; elements that are not strings are reported and skipped.
    mutating func stringList(_ fields: YAMLFields, _ key: String) -> [String]? {
        guard let node = fields[key] else { return nil }
        guard let elements = list(node, at: fields.path(key)) else { return nil }
        return elements.compactMap { string($0.node, at: $0.path) }
    }
}
