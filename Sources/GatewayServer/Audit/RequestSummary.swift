import Foundation
import GatewayCore
import NIOCore

/// The audit event's account of a request body: the fields callers send, as short strings,
/// with the instance password reduced to `<redacted>` and callback URLs to scheme, host and
/// path (a query may carry a token). Unknown fields are left out.
enum RequestSummary {
    static let maxValueLength = 200
    private static let keptFields = [
        "remark", "retentionDays", "format", "backupId", "pointInTime", "keyPatterns", "timeShift",
        "confirmOverwrite", "callbackUrl", "instancePassword",
    ]

    static func make(body: ByteBuffer, validateOnly: Bool) -> [String: String] {
        var summary: [String: String] = [:]
        if validateOnly { summary["validateOnly"] = "true" }
        guard let object = try? JSONDecoder().decode([String: LooseJSON].self, from: Data(body.readableBytesView)) else {
            if body.readableBytes > 0 { summary["body"] = "<not a JSON object>" }
            return summary
        }
        for field in keptFields {
            guard let value = object[field], value != .null else { continue }
            switch field {
            case "instancePassword": summary[field] = Redactor.mask
            case "callbackUrl": summary[field] = safeURL(value)
            default: summary[field] = shorten(text(value))
            }
        }
        return summary
    }

    private static func text(_ value: LooseJSON) -> String {
        switch value {
        case .array(let list): return list.map(text).joined(separator: ",")
        case .string(let string): return string
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .object: return "<object>"
        case .null: return "null"
        }
    }

    private static func safeURL(_ value: LooseJSON) -> String {
        guard case .string(let string) = value, var parts = URLComponents(string: string) else { return "<invalid>" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return shorten(parts.string ?? "<invalid>")
    }

    private static func shorten(_ text: String) -> String {
        text.count > maxValueLength ? String(text.prefix(maxValueLength)) + "…" : text
    }
}

/// Any JSON value, for reading bodies the generated types have not validated yet.
enum LooseJSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([LooseJSON]), object([String: LooseJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let array = try? container.decode([LooseJSON].self) { self = .array(array) }
        else { self = .object(try container.decode([String: LooseJSON].self)) }
    }
}
