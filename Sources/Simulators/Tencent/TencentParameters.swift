import Foundation

/// Action parameters as Tencent reads them: a JSON object (POST `application/json`) or a flat
/// query/form (`Name=v`, arrays `Name.0=v&Name.1=w`, objects `Name.Field=v`), where every leaf
/// is a string that must spell the declared type.
struct TencentParameters: Sendable {
    /// Declared parameter types.
    enum Kind: Sendable {
        case string, integer, boolean, stringArray, integerArray, anything

        var label: String {
            switch self {
            case .string: "String"
            case .integer: "Integer"
            case .boolean: "Boolean"
            case .stringArray: "Array of String"
            case .integerArray: "Array of Integer"
            case .anything: "Object"
            }
        }
    }

    /// The parameters an action accepts.
    struct Schema: Sendable {
        var kinds: [String: Kind]
        var required: [String]
    }

    var values: [String: SimulatorJSON]
    /// Values came from a query string or form: leaves are strings.
    var flat: Bool

    var json: SimulatorJSON { .object(values) }

    /// Parses the request's parameters; nil with an error when the body is unusable.
    static func parse(_ request: ReceivedHTTPRequest) -> Result<TencentParameters, TencentAPIError> {
        if request.method.uppercased() == "GET" {
            return .success(TencentParameters(values: parseFlat(request.query), flat: true))
        }
        let contentType = (request.header("Content-Type") ?? "").lowercased()
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            return .success(TencentParameters(values: parseFlat(String(decoding: request.body, as: UTF8.self)), flat: true))
        }
        if !contentType.isEmpty && !contentType.hasPrefix("application/json") {
            return .failure(.invalidParameter(
                "The Content-Type `\(contentType)` is not supported; send `application/json` for POST."
            ))
        }
        if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
            return .success(TencentParameters(values: [:], flat: false))
        }
        guard let json = SimulatorJSON.parse(request.body) else {
            return .failure(.invalidParameter("The request body is not valid JSON."))
        }
        guard case .object(var members) = json else {
            return .failure(.invalidParameter("The request body must be a JSON object."))
        }
        members = members.filter { $0.value != .null }
        return .success(TencentParameters(values: members, flat: false))
    }

    /// Unknown names first, then types, then missing required parameters.
    func validate(_ schema: Schema) -> TencentAPIError? {
        for name in values.keys.sorted() where schema.kinds[name] == nil {
            return .unknownParameter(name)
        }
        for name in values.keys.sorted() {
            guard let kind = schema.kinds[name], let value = values[name] else { continue }
            if !conforms(value, to: kind) {
                return .invalidParameterValue(
                    "The value type of parameter `\(name)` is invalid; expected \(kind.label)."
                )
            }
        }
        for name in schema.required where values[name] == nil {
            return .missingParameter(name)
        }
        return nil
    }

    func string(_ name: String) -> String? { values[name]?.stringValue }

    func int(_ name: String) -> Int64? { values[name].flatMap(intValue) }

    func intArray(_ name: String) -> [Int64]? {
        guard case .array(let items) = values[name] else { return nil }
        return items.compactMap(intValue)
    }

    func stringArray(_ name: String) -> [String]? {
        guard case .array(let items) = values[name] else { return nil }
        return items.compactMap(\.stringValue)
    }

    private func intValue(_ value: SimulatorJSON) -> Int64? {
        switch value {
        case .int(let number): number
        case .string(let text) where flat: Int64(text)
        default: nil
        }
    }

    private func conforms(_ value: SimulatorJSON, to kind: Kind) -> Bool {
        switch kind {
        case .anything: return true
        case .string: return value.stringValue != nil
        case .integer: return intValue(value) != nil
        case .boolean:
            if case .bool = value { return true }
            if flat, let text = value.stringValue { return text == "true" || text == "false" }
            return false
        case .stringArray:
            guard case .array(let items) = value else { return false }
            return items.allSatisfy { $0.stringValue != nil }
        case .integerArray:
            guard case .array(let items) = value else { return false }
            return items.allSatisfy { intValue($0) != nil }
        }
    }

    // MARK: Flat query / form

    private final class Node {
        var leaf: String?
        var children: [String: Node] = [:]
    }

    static func parseFlat(_ text: String) -> [String: SimulatorJSON] {
        let root = Node()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                name = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                name = pair
                value = ""
            }
            let key = formDecode(name)
            guard !key.isEmpty else { continue }
            var node = root
            for component in key.split(separator: ".", omittingEmptySubsequences: false) {
                let child = node.children[String(component)] ?? Node()
                node.children[String(component)] = child
                node = child
            }
            node.leaf = formDecode(value)
        }
        return root.children.mapValues(convert)
    }

    private static func convert(_ node: Node) -> SimulatorJSON {
        if node.children.isEmpty { return .string(node.leaf ?? "") }
        let indexed = node.children.compactMap { key, child in Int(key).map { ($0, child) } }
        if indexed.count == node.children.count {
            return .array(indexed.sorted { $0.0 < $1.0 }.map { convert($0.1) })
        }
        return .object(node.children.mapValues(convert))
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, then percent-decoding.
    static func formDecode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
